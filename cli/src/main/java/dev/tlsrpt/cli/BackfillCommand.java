package dev.tlsrpt.cli;

import dev.tlsrpt.send.DayNotOverException;
import dev.tlsrpt.send.ReportPlan;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.send.sqs.SqsReportQueue;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code tlsrpt backfill --day D}: runs the planner for a day, as the schedule does the morning after.
 * Safe to repeat: the workers' ledger sends each report to each address or URI at most once.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Plan a day's reports again (or for the first time): enqueue every destination of the day. "
                + "Safe to repeat: nothing already sent is sent again.")
final class BackfillCommand implements Callable<Integer> {
    @Mixin AwsOptions aws;
    @Spec CommandSpec spec;

    @Option(names = "--day", required = true, description = "The UTC day of the data, e.g. 2026-11-28 (not today).")
    LocalDate day;

    @Option(names = "--spread-minutes", defaultValue = "0", paramLabel = "MINUTES",
            description = "Spread the day's reports over this many minutes from now, as the daily run does "
                    + "(ReportSpreadMinutes, docs/worker.md); default ${DEFAULT-VALUE}: all at once.")
    String spreadMinutes;

    @Override
    public Integer call() {
        Duration spread;
        try {
            spread = ReportSpread.parseMinutes("--spread-minutes", spreadMinutes, DynamoDbResultStore.RETENTION_DAYS);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        StackSettings stack = aws.settings();
        SqsClient sqs = aws.sqs();
        String queue = stack.reportQueueUrl();
        DynamoDbResultStore results = new DynamoDbResultStore(aws.dynamoDb(), stack.resultsTable(), stack.resultShards(),
                Clock.systemUTC());
        ReportPlan plan;
        try {
            plan = new ReportPlanner(results, results::closeDay, new SqsReportQueue(sqs, queue), Clock.systemUTC(), spread)
                    .plan(day);
        } catch (DayNotOverException e) {
            throw new ParameterException(spec.commandLine(), day + " is not over yet (UTC): only past days are reported");
        }
        spec.commandLine().getOut().printf("%s: enqueued %d recipient-domain and %d MX-host jobs (MX hosts after %d minutes%s); "
                        + "results for this day are now refused as late%n",
                day, plan.recipientDomains(), plan.mxHosts(), plan.mxHostDelay().toMinutes(),
                plan.spread().isNone() ? "" : ", spread until " + plan.spread().end());
        return 0;
    }
}
