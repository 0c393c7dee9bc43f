package dev.tlsrpt.rehearsal;

import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.send.QuietDestinations;
import dev.tlsrpt.send.ReportPlan;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.send.events.CompositeOutcomePublisher;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.send.events.EventBridgeOutcomePublisher;
import dev.tlsrpt.send.sqs.SqsReportQueue;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The planner's whole run rehearsed (docs/design.md 8): a day of {@link #DESTINATIONS} destinations closed, its
 * index read and decoded, its quiet recipient domains recorded in the ledger with their outcome events, the
 * others' jobs put on the queue, with the production adapters and SDK clients, each client on an HTTP client
 * that never opens a connection ({@link CannedHttpClient}) and answers as the service would. Nothing is closed,
 * recorded, published or queued, and no metric line is written. The planner runs it before its SnapStart
 * snapshot, so that a restored planner plans its first day on code the JIT has compiled, as a planner that has
 * planned a few days has it; the synthetic-day benchmark runs it as well.
 */
public final class PlanRehearsal {
    private static final String DOMAIN = "priming.invalid";
    /** A day's destinations: a typical day's mix, about the size where one run is worth rehearsing. */
    public static final int DESTINATIONS = 1_000;
    /**
     * How many days the planner rehearses before its snapshot, and for at most how long: about where the JIT has
     * compiled its loop and its calls (docs/benchmarks.md), a small part of the initialisation's time.
     */
    public static final int PLANS = 30;
    public static final Duration BUDGET = Duration.ofSeconds(15);
    /** The plans over loopback, and their limit: enough calls for the JIT to compile the URL-connection client's path. */
    public static final int LOOPBACK_PLANS = 5;
    public static final Duration LOOPBACK_BUDGET = Duration.ofSeconds(10);

    /** What a rehearsal did: how many days, in how long, and how many requests each client answered. */
    public record Figures(int plans, Duration took, Map<String, Integer> requests) {
    }

    /** The day of {@link #DESTINATIONS} destinations, and what a plan of it must come to. */
    record Day(List<TlsResult> results, int quiet, int untriggered, int mxHosts) {
        /**
         * Every fourth recipient domain has a failed session, every fiftieth only traffic that triggers no
         * report (TLS reports' own deliveries), every tenth a DANE policy on one of twenty MX hosts.
         */
        static Day typical() {
            LocalDate day = LocalDate.EPOCH;
            List<TlsResult> results = new ArrayList<>();
            Set<String> mxHosts = new HashSet<>();
            int quiet = 0;
            int untriggered = 0;
            for (int i = 0; i < DESTINATIONS; i++) {
                String domain = "d" + i + "." + DOMAIN;
                boolean failed = i % 4 == 0;
                boolean trigger = i % 50 != 1;
                List<FailureDetail> details = failed ? List.of(new FailureDetail(ResultType.CERTIFICATE_EXPIRED,
                        "192.0.2.1", "mx." + domain, null, "192.0.2.10", 1, null, null)) : List.of();
                results.add(new TlsResult(day, domain, new Policy(PolicyType.STS,
                        List.of("version: STSv1", "mode: enforce", "mx: mx." + domain, "max_age: 86400"), domain,
                        List.of("mx." + domain)), 100, failed ? 1 : 0, details, trigger));
                if (i % 10 == 0) {
                    String mxHost = "mx" + (i / 10 % 20) + "." + DOMAIN;
                    mxHosts.add(mxHost);
                    results.add(new TlsResult(day, domain, new Policy(PolicyType.TLSA,
                            List.of("3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), mxHost,
                            List.of()), 20, 0, List.of(), trigger));
                }
                quiet += trigger && failed ? 0 : 1;
                untriggered += trigger ? 0 : 1;
            }
            return new Day(results, quiet, untriggered, mxHosts.size());
        }

        /** The recipient domains a plan records without a job: with ReportAllSuccess only those without a trigger. */
        int recorded(boolean reportAllSuccess) {
            return reportAllSuccess ? untriggered : quiet;
        }

        /** The day's index in one Query page, in DynamoDB's JSON and sort key order. */
        String indexAnswer() {
            return DynamoDbWire.queryAnswer(results.stream().flatMap(r -> DynamoDbResultStore.indexedForm(r).stream())
                    .sorted(Comparator.comparing(item -> item.get("sk").s())).toList());
        }
    }

    private final Day day = Day.typical();
    private final boolean reportAllSuccess;
    private final CannedHttpClient dynamoHttp = CannedHttpClient.byTarget(Map.of(
            "DynamoDB_20120810.Query", CannedHttpClient.Answer.json(day.indexAnswer()),
            "DynamoDB_20120810.TransactWriteItems", CannedHttpClient.Answer.json("{}")));
    private final CannedHttpClient sqsHttp = CannedHttpClient.byTarget(Map.of(
            "AmazonSQS.SendMessageBatch", CannedHttpClient.Answer.json("{\"Successful\":[],\"Failed\":[]}")));
    private final CannedHttpClient eventsHttp = CannedHttpClient.byTarget(Map.of(
            "AWSEvents.PutEvents", CannedHttpClient.Answer.json("{\"FailedEntryCount\":0,\"Entries\":[]}")));
    private final ReportPlanner planner;

    private PlanRehearsal(boolean reportAllSuccess, Duration spread, Transport transport) {
        this.reportAllSuccess = reportAllSuccess;
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = SdkClients.dynamoDb(b -> b.httpClient(transport.to(dynamoHttp)));
        DynamoDbResultStore store = new DynamoDbResultStore(dynamo, "rehearsal-results", 1, clock);
        EventBridgeClient events = SdkClients.eventBridge(b -> b.httpClient(transport.to(eventsHttp)));
        QuietDestinations quiet = new QuietDestinations(new DynamoDbLedger(dynamo, "rehearsal-ledger"), reportAllSuccess,
                () -> CompositeOutcomePublisher.of(new EventBridgeOutcomePublisher(events, "rehearsal"),
                        new EmfMetricsPublisher(new PrintStream(OutputStream.nullOutputStream()))),
                clock);
        SqsClient sqs = SdkClients.sqs(b -> b.httpClient(transport.to(sqsHttp)));
        this.planner = new ReportPlanner(store, store::closeDay, new SqsReportQueue(sqs, "https://sqs.invalid/rehearsal"),
                clock, spread, quiet);
    }

    /**
     * Plans the rehearsal's day until {@code plans} have run or {@code budget} has passed, with the planner's
     * ReportAllSuccess and spread. A plan that does not come to the day's jobs fails the rehearsal
     * (IllegalStateException): its path is no longer the one rehearsed.
     */
    public static Figures run(boolean reportAllSuccess, Duration spread, int plans, Duration budget) {
        return new PlanRehearsal(reportAllSuccess, spread, Transport.inMemory()).run(plans, budget);
    }

    /**
     * The same plans with each call made by the production HTTP client to a server on the loopback address that
     * answers as the in-memory rehearsal does ({@link LoopbackHttpClient}), for the client's framing, keep-alive
     * and socket streams. The servers are stopped when the plans have run.
     */
    public static Figures runOverLoopback(boolean reportAllSuccess, Duration spread, int plans, Duration budget) {
        try (Transport loopback = Transport.overLoopback()) {
            return new PlanRehearsal(reportAllSuccess, spread, loopback).run(plans, budget);
        }
    }

    private Figures run(int plans, Duration budget) {
        int quiet = day.recorded(reportAllSuccess);
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        int done = 0;
        while (done < plans && System.nanoTime() < deadline) {
            ReportPlan plan = planner.plan(LocalDate.EPOCH);
            if (plan.noReport() != quiet || plan.recipientDomains() != DESTINATIONS - quiet || plan.mxHosts() != day.mxHosts()) {
                throw new IllegalStateException("a rehearsed plan came to " + plan + " instead of " + (DESTINATIONS - quiet)
                        + " recipient-domain jobs, " + day.mxHosts() + " MX-host jobs and " + quiet + " recorded");
            }
            done++;
        }
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("dynamodb", dynamoHttp.answered());
        requests.put("sqs", sqsHttp.answered());
        requests.put("eventbridge", eventsHttp.answered());
        return new Figures(done, Duration.ofNanos(System.nanoTime() - started), requests);
    }
}
