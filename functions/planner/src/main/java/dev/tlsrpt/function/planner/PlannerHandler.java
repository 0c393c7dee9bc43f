package dev.tlsrpt.function.planner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tlsrpt.aws.ClientPriming;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.send.QuietDestinations;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.ReportPlan;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.send.events.CompositeOutcomePublisher;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.send.events.EventBridgeOutcomePublisher;
import dev.tlsrpt.send.sqs.SqsReportQueue;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbPriming;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.function.logging.LogLine;
import dev.tlsrpt.function.priming.Priming;
import dev.tlsrpt.rehearsal.PlanRehearsal;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * PlannerFunction: the daily schedule (or an operator's backfill) in, one finished day's report jobs on
 * the queue, the counts out. A failure is thrown, so that Lambda's retries and the failure destination
 * see it; planning a day again is safe (see {@link ReportPlanner}).
 */
public final class PlannerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerHandler.class);
    private final ReportPlanner planner;

    /** What Lambda calls: collaborators built once per container, from the environment. */
    public PlannerHandler() {
        this(fromEnvironment(PlannerConfig.fromEnvironment()));
    }

    public PlannerHandler(ReportPlanner planner) {
        this.planner = planner;
    }

    private static ReportPlanner fromEnvironment(PlannerConfig config) {
        // Region, credentials and endpoint come from the SDK's own settings (AWS_REGION, AWS_ENDPOINT_URL).
        DynamoDbClient dynamo = SdkClients.dynamoDb();
        SqsClient sqs = SdkClients.sqs();
        EventBridgeClient events = SdkClients.eventBridge();
        Clock clock = Clock.systemUTC();
        DynamoDbResultStore store = new DynamoDbResultStore(dynamo, config.resultsTable(), config.resultShards(), clock);
        Priming.beforeSnapshot(() -> prime(store, sqs, config.reportQueueUrl()));
        // The day's close (a PutItem) and the ledger's record of quiet destinations (TransactWriteItems): refused, primed.
        Priming.beforeSnapshot(() -> DynamoDbPriming.refusedWrites(dynamo, config.resultsTable()));
        Priming.beforeSnapshot(() -> ClientPriming.eventBridge(events));
        Priming.beforeSnapshot(() -> rehearse(config));
        // As the worker publishes its outcomes: events for operators' rules, EMF lines for the metrics and alarms.
        QuietDestinations quiet = new QuietDestinations(new DynamoDbLedger(dynamo, config.ledgerTable()),
                config.reportAllSuccess(), () -> CompositeOutcomePublisher.of(
                        new EventBridgeOutcomePublisher(events, config.eventBusName()), new EmfMetricsPublisher(System.out)),
                clock);
        return new ReportPlanner(store, store::closeDay, new SqsReportQueue(sqs, config.reportQueueUrl()), clock,
                config.spread(), quiet);
    }

    /**
     * The planner's priming before the snapshot (docs/design.md 8): the day index read for a day that has no
     * results (1970-01-01), and a batch of one job for it sent twice under the same entry id, which SQS refuses
     * whole (BatchEntryIdsNotDistinct): nothing is closed or queued.
     */
    private static void prime(DynamoDbResultStore store, SqsClient sqs, String queueUrl) {
        store.destinations(LocalDate.EPOCH);
        SendMessageBatchRequestEntry job = SendMessageBatchRequestEntry.builder().id("priming")
                .messageBody(ReportJobs.toJson(new DestinationKey(LocalDate.EPOCH, DestinationKind.RECIPIENT_DOMAIN,
                        "priming.invalid"), new ReportSpread(Instant.EPOCH, Duration.ofHours(1))))
                .build();
        try {
            sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(job, job));
        } catch (SdkException refused) {
            // Expected: the client has made its first call.
        }
    }

    /** The plan of a day rehearsed in memory, then over loopback, with this planner's settings (docs/design.md 8); one log line says what they did. */
    private static void rehearse(PlannerConfig config) {
        PlanRehearsal.Figures inMemory = PlanRehearsal.run(config.reportAllSuccess(), config.spread(), PlanRehearsal.PLANS,
                PlanRehearsal.BUDGET);
        PlanRehearsal.Figures overLoopback = PlanRehearsal.runOverLoopback(config.reportAllSuccess(), config.spread(),
                PlanRehearsal.LOOPBACK_PLANS, PlanRehearsal.LOOPBACK_BUDGET);
        LogLine.write(LOG, Level.INFO, "plans rehearsed before the snapshot", LogLine.fields("plans", inMemory.plans(),
                "destinations", PlanRehearsal.DESTINATIONS, "duration_ms", inMemory.took().toMillis(),
                "requests", inMemory.requests().toString(), "loopback_plans", overLoopback.plans(),
                "loopback_duration_ms", overLoopback.took().toMillis()));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return PowertoolsLogging.withLogging(context, () -> plan(input));
    }

    /** Plans the day and writes one line of what came of it (docs/design.md 6), also when planning fails. */
    private Map<String, Object> plan(Map<String, Object> input) {
        long started = System.nanoTime();
        Map<String, Object> line = new LinkedHashMap<>();
        Level level = Level.ERROR;
        String message = "plan failed";
        RuntimeException failure = null;
        try {
            PlannerInput request = PlannerInput.of(input);
            line.put("day", request.day().toString());
            line.put("trigger", request.trigger());
            ReportPlan plan = planner.plan(request.day());
            Map<String, Object> output = output(plan, request.trigger());
            line.putAll(output);
            level = Level.INFO;
            message = "planned " + plan.day();
            return output;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            line.put("ms", (System.nanoTime() - started) / 1_000_000);
            LogLine.write(LOG, level, message, line, failure);
        }
    }

    private static Map<String, Object> output(ReportPlan plan, String trigger) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("day", plan.day().toString());
        output.put("trigger", trigger);
        output.put("recipientDomains", plan.recipientDomains());
        output.put("mxHosts", plan.mxHosts());
        output.put("noReport", plan.noReport());
        output.put("mxHostDelaySeconds", plan.mxHostDelay().toSeconds());
        output.put("spreadSeconds", plan.spread().length().toSeconds());
        return output;
    }
}
