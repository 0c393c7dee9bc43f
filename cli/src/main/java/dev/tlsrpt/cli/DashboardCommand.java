package dev.tlsrpt.cli;

import dev.tlsrpt.cli.dashboard.DashboardData;
import dev.tlsrpt.cli.dashboard.DashboardServer;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code tlsrpt dashboard}: the operator's own outbound TLS health and what the daily run sent, as a web
 * page on 127.0.0.1 read with the operator's credentials (docs/dashboard.md).
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a dashboard on 127.0.0.1: 30 days of outbound TLS results, a day's failing domains and "
                + "MX hosts, its reports with links to the archived copies, and the suppression list.")
final class DashboardCommand implements Callable<Integer> {
    @Mixin AwsOptions aws;
    @Mixin ArchiveCommand.BucketOption bucket;
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--max-destinations", defaultValue = "5000",
            description = "Recipient domains read per day at most, one query each (default: ${DEFAULT-VALUE}); "
                    + "a day with more is shown as partial.")
    int maxDestinations;

    @Option(names = "--day", description = "The day shown first, and the last of the charts' 30 (default: today, UTC; "
            + "shown first is the newest day with results).")
    LocalDate day;

    @Override
    public Integer call() throws Exception {
        try (DashboardServer server = start(aws, bucket, port, maxDestinations, day)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Dashboard: " + server.url());
            out.println("(on 127.0.0.1 only, with your AWS credentials; stop with Ctrl-C)");
            out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }

    /** The dashboard of the stack {@code aws} names; also what {@code tlsrpt local} serves after its demo. */
    static DashboardServer start(AwsOptions aws, ArchiveCommand.BucketOption bucket, int port, int maxDestinations,
                                 LocalDate day) throws java.io.IOException {
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = aws.dynamoDb();
        StackSettings stack = aws.settings();
        DashboardData data = new DashboardData(
                new DynamoDbResultStore(dynamo, stack.resultsTable(), stack.resultShards(), clock),
                new DynamoDbLedger(dynamo, stack.ledgerTable()), new DynamoDbSuppressionList(dynamo, stack.suppressionTable()),
                bucket.archive(aws, stack), maxDestinations, clock);
        return new DashboardServer(data, port, day != null ? day : LocalDate.now(clock.withZone(ZoneOffset.UTC)), day);
    }
}
