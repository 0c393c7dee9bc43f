package dev.tlsrpt.cli;

import dev.tlsrpt.send.ReportPreview.Preview;
import dev.tlsrpt.send.ReportPreview;
import dev.tlsrpt.store.dynamodb.DynamoDbDestinationRules;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.TargetPlan;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlsrpt preview --day D --domain X}: the report JSON the daily run would send for a destination,
 * byte for byte, on standard output; where it would go, or why nothing would be sent, on standard error.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Print the report the daily run would send for one destination, without sending anything.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a report would be sent (its JSON is printed)", "3:no report would be sent (the reason is printed)",
                "1:error", "2:bad usage"})
final class PreviewCommand implements Callable<Integer> {
    static final int NO_REPORT = 3;

    @Mixin AwsOptions aws;
    @Mixin DnsOptions dns;
    @Mixin ReportOptions reporting;
    @Spec CommandSpec spec;

    @Option(names = "--day", required = true, description = "The UTC day of the data, e.g. 2026-11-28.")
    LocalDate day;

    @Option(names = "--domain", required = true, description = "The recipient domain (or, with --mx-host, the MX host).")
    String domain;

    @Option(names = "--mx-host", description = "Preview the MX-host report of DOMAIN instead of its recipient-domain report.")
    boolean mxHost;

    @Override
    public Integer call() throws Exception {
        String aLabel = Arguments.domain(spec, domain);
        DestinationKey key = new DestinationKey(day, mxHost ? DestinationKind.MX_HOST : DestinationKind.RECIPIENT_DOMAIN, aLabel);
        StackSettings stack = aws.settings();
        ReportPreview previews = new ReportPreview(
                new DynamoDbResultStore(aws.dynamoDb(), stack.resultsTable(), stack.resultShards(), Clock.systemUTC()),
                new TlsrptRecordLookup(dns.resolver()), new ReportBuilder(reporting.settings()), stack.caps(),
                new DynamoDbDestinationRules(aws.dynamoDb(), stack.rulesTable()));
        return switch (previews.preview(key)) {
            case Preview.WouldSend send -> {
                spec.commandLine().getErr().println("would send to: " + send.plan().deliver().stream()
                        .map(t -> t.uri().uri() + (t.note() == null ? "" : " [" + t.note() + "]"))
                        .collect(Collectors.joining(", ")));
                for (TargetPlan.Skipped skipped : send.plan().skipped()) {
                    spec.commandLine().getErr().println("not to " + skipped.uri().uri() + ": " + skipped.reason());
                }
                spec.commandLine().getOut().println(new String(send.report().toJson(), StandardCharsets.UTF_8));
                yield 0;
            }
            case Preview.NoReport none -> {
                spec.commandLine().getErr().println("no report: " + LookupCommand.printable(none.reason()));
                yield NO_REPORT;
            }
        };
    }
}
