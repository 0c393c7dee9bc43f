package dev.tlsrpt.bench.day;

import dev.tlsrpt.archive.ArchiveFailures;
import dev.tlsrpt.archive.ArchivingReportMailer;
import dev.tlsrpt.archive.ArchivingReportPoster;
import dev.tlsrpt.archive.S3ReportArchive;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.dns.ZoneFileTxtResolver;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.local.EmulatorOutbox;
import dev.tlsrpt.local.LocalHttpsReceiver;
import dev.tlsrpt.mail.DkimSigner;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.rehearsal.PlanRehearsal;
import dev.tlsrpt.rehearsal.ReportJobRehearsal;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.QuietDestinations;
import dev.tlsrpt.send.ReportPlan;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.send.ReportQueue;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.send.events.CompositeOutcomePublisher;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.send.events.EventBridgeOutcomePublisher;
import dev.tlsrpt.send.https.AddressPolicy;
import dev.tlsrpt.send.https.HttpsReportPoster;
import dev.tlsrpt.send.ses.SesReportMailer;
import dev.tlsrpt.send.sqs.SqsReportQueue;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A synthetic day through the reporting pipeline against the AWS emulator: ingest of a seeded day of
 * results, the planner, then worker threads taking jobs from the report queue, with the production adapters
 * (DynamoDB result store, ledger and suppression list; SES; every delivery archived in S3 first; EventBridge
 * and EMF outcomes; SQS) and DNS from a generated zone file; https reports go to the local receiver. Prints
 * the figures docs/benchmarks.md reports. scripts/bench-day starts the emulator and runs it; see there for the
 * arguments.
 *
 * <p>Each worker thread stands for one worker instance: its own {@link ReportSender}, shared SDK clients, built
 * as the functions build theirs ({@link SdkClients}). Before the first worker run the JVM runs the worker's
 * rehearsal ({@link ReportJobRehearsal}, in memory, then over loopback, then over https), as the worker does
 * before its SnapStart snapshot, so that the workers start with the JIT state a restored worker starts with;
 * {@code --rehearsal 0} leaves it out, {@code --https-rehearsal 0} its https jobs.
 * The send pacer is set so high that it never waits: the SES send rate is a quota, not our code's speed.
 */
public final class SyntheticDay {
    static final ReportSettings SETTINGS = ReportSettings.of("Example Mail Operator (synthetic day)", "sender.example",
            "tlsrpt@sender.example", "tlsrpt-noreply@sender.example");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String RESULTS = "bench-results";
    private static final String LEDGER = "bench-ledger";
    private static final String SUPPRESSION = "bench-suppression";
    private static final String QUEUE = "bench-report-jobs";
    private static final String CONFIGURATION_SET = "bench-reports";
    private static final String RECEIVER_HOST = "reports.example.com";
    private static final int SHARDS = 16;
    private static final String ARCHIVE_BUCKET = "bench-archive";
    /** Rounds over jobs that asked to be retried (an MX host waiting for a recipient domain still in flight). */
    private static final int MAX_ROUNDS = 5;

    private final Options options;
    private final Clock clock = Clock.systemUTC();
    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private final RoundTripClock emulator = new RoundTripClock();
    private final DynamoDbClient dynamo = SdkClients.dynamoDb(b -> b
            .overrideConfiguration(c -> c.addExecutionInterceptor(emulator)));
    private final SqsClient sqs = SdkClients.sqs(b -> b
            .overrideConfiguration(c -> c.addExecutionInterceptor(emulator)));
    private final SesV2Client ses = SdkClients.sesV2(b -> b
            .overrideConfiguration(c -> c.addExecutionInterceptor(emulator)));
    private final EventBridgeClient events = SdkClients.eventBridge(b -> b
            .overrideConfiguration(c -> c.addExecutionInterceptor(emulator)));
    private final S3Client s3 = SdkClients.s3(b -> b
            .overrideConfiguration(c -> c.addExecutionInterceptor(emulator)));
    /**
     * The deployed worker archives every delivery before it goes out. A failed copy fails its job here, which
     * the run counts and prints as an error, instead of being signalled and sent anyway.
     */
    private final ArchiveFailures archiveFailed = (key, reason) -> {
        throw new IllegalStateException("archiving " + key + " failed: " + reason);
    };
    private final DynamoDbResultStore results = new DynamoDbResultStore(dynamo, RESULTS, SHARDS, clock);
    private final PrintStream out = System.out;
    private String queueUrl;
    private JobQueue jobs;
    private ReportQueue reportQueue;

    /**
     * Command-line settings; see scripts/bench-day. {@code --report-all-success} (ReportAllSuccess on) and
     * {@code --figures FILE} (one run's {@link ComparisonFigures}) are for scripts/bench-vs-sys4.
     */
    record Options(int destinations, int resultsPerDestination, List<Integer> threads, long seed, boolean heap,
                   boolean sqs, boolean reportAllSuccess, Path figures, int rehearsal, int planRehearsal,
                   int httpsRehearsal) {
        static Options parse(String[] args) {
            int destinations = 10_000;
            int resultsPerDestination = 10;
            List<Integer> threads = List.of(1);
            long seed = 1;
            boolean heap = false;
            boolean sqs = true;
            boolean reportAllSuccess = false;
            Path figures = null;
            int rehearsal = ReportJobRehearsal.JOBS;
            int planRehearsal = PlanRehearsal.PLANS;
            int httpsRehearsal = ReportJobRehearsal.HTTPS_JOBS;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--destinations" -> destinations = Integer.parseInt(args[++i]);
                    case "--results-per-destination" -> resultsPerDestination = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--heap" -> heap = true;
                    case "--report-all-success" -> reportAllSuccess = true;
                    case "--figures" -> figures = Path.of(args[++i]);
                    case "--rehearsal" -> rehearsal = Integer.parseInt(args[++i]);
                    case "--plan-rehearsal" -> planRehearsal = Integer.parseInt(args[++i]);
                    case "--https-rehearsal" -> httpsRehearsal = Integer.parseInt(args[++i]);
                    case "--queue" -> sqs = switch (args[++i]) {
                        case "sqs" -> true;
                        case "in-process" -> false;
                        default -> throw new IllegalArgumentException("--queue sqs or in-process, not " + args[i]);
                    };
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (heap && threads.size() != 1) {
                throw new IllegalArgumentException("--heap measures one worker run: give one --threads value");
            }
            if (figures != null && threads.size() != 1) {
                throw new IllegalArgumentException("--figures describes one worker run: give one --threads value");
            }
            return new Options(destinations, resultsPerDestination, threads, seed, heap, sqs, reportAllSuccess, figures,
                    rehearsal, planRehearsal, httpsRehearsal);
        }
    }

    private SyntheticDay(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new SyntheticDay(Options.parse(args)).run();
    }

    private void run() throws Exception {
        out.printf("synthetic day %s: %,d recipient domains, %d results each, seed %d, report queue %s; %d processors, max heap %d MB, "
                        + "load average %.2f%n", day, options.destinations(), options.resultsPerDestination(), options.seed(),
                options.sqs() ? "SQS in the emulator" : "in-process", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        createResources();
        ingest();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        DkimSigner signer = new DkimSigner(SETTINGS.submitterDomain(), "tlsrpt", (RSAPrivateKey) generator.generateKeyPair().getPrivate());
        try (LocalHttpsReceiver receiver = LocalHttpsReceiver.start(RECEIVER_HOST);
             HttpsReportPoster https = new HttpsReportPoster(
                     host -> host.equals(RECEIVER_HOST) ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                             : InetAddress.getAllByName(host),
                     // Only this benchmark's receiver is on loopback; the worker itself never allows it.
                     AddressPolicy.publicInternetAndLocalReceiver(RECEIVER_HOST, receiver.port()), receiver.clientSslContext())) {
            TimedPoster poster = new TimedPoster(https);
            TlsrptRecordLookup discovery = new TlsrptRecordLookup(ZoneFileTxtResolver.fromString(
                    SyntheticDayInput.zone(options.destinations(), RECEIVER_HOST, receiver.port())));
            rehearsePlans();
            boolean rehearsed = false;
            for (int threads : options.threads()) {
                resetLedger();
                ComparisonFigures comparison = ComparisonFigures.dayClosed();
                ReportPlan plan = plan();
                comparison.planned();
                if (!rehearsed) {
                    // Before the worker's snapshot, not in a day: outside the figures' span.
                    comparison.leaveOut(() -> rehearse(signer));
                    rehearsed = true;
                }
                WorkerFigures worked = work(threads, plan, () -> sender(discovery, poster, signer, threads), poster);
                if (options.figures() != null) {
                    comparison.write(options.figures(), worked, plan.jobs());
                }
                out.println("  emulator time by operation so far: " + emulator.byOperation());
                out.printf("  https receiver holds %d reports; load average now %.2f%n", receiver.received().size(), loadAverage());
            }
        }
    }

    private void createResources() {
        LocalTables.createResultsTable(dynamo, RESULTS);
        SuppressionTableDefinition.create(dynamo, SUPPRESSION);
        // A worker may hold a batch as long as its timeout; the benchmark's batches never come near it.
        queueUrl = sqs.createQueue(r -> r.queueName(QUEUE)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "900"))).queueUrl();
        if (options.sqs()) {
            jobs = new JobQueue.Sqs(sqs, queueUrl);
            reportQueue = new SqsReportQueue(sqs, queueUrl);
        } else {
            JobQueue.InProcess inProcess = new JobQueue.InProcess();
            jobs = inProcess;
            reportQueue = inProcess;
        }
        EmulatorOutbox.verifyDomain(ses, SETTINGS.submitterDomain());
        EmulatorOutbox.createConfigurationSet(ses, CONFIGURATION_SET);
        s3.createBucket(r -> r.bucket(ARCHIVE_BUCKET));
    }

    /** Each worker run starts from an empty ledger, so that every run delivers the whole day. */
    private void resetLedger() {
        try {
            dynamo.deleteTable(r -> r.tableName(LEDGER));
        } catch (ResourceNotFoundException first) {
            // no run before this one
        }
        LocalTables.create(dynamo, LEDGER, true);
    }

    private void ingest() throws Exception {
        long start = System.nanoTime();
        long emulatorAtStart = emulator.nanos(Thread.currentThread().threadId());
        List<byte[]> requests = SyntheticDayInput.requests(options.destinations(), options.resultsPerDestination(), day,
                options.seed());
        long generated = System.nanoTime();
        long counters = 0;
        for (int i = 0; i < requests.size(); i++) {
            byte[] body = requests.get(i);
            List<CounterDelta> deltas = BatchAggregator.aggregate(ResultsRequestParser.parse(body, clock.instant()).results());
            results.apply("synthetic-" + options.seed() + "-" + i, Integer.toHexString(Arrays.hashCode(body)), deltas);
            counters += deltas.size();
        }
        long done = System.nanoTime();
        out.printf("ingest: %,d results in %d requests, %,d counter updates: generated in %.1f s, parsed and stored in "
                        + "%.1f s (emulator round trips %.1f s)%n", options.destinations() * options.resultsPerDestination(),
                requests.size(), counters, seconds(generated - start), seconds(done - generated),
                seconds(emulator.nanos(Thread.currentThread().threadId()) - emulatorAtStart));
    }

    private ReportPlan plan() {
        long start = System.nanoTime();
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        // As deployed, with the quiet destinations recorded on this thread, so that its CPU time is the planner's.
        QuietDestinations quiet = new QuietDestinations(new DynamoDbLedger(dynamo, LEDGER), options.reportAllSuccess(),
                () -> outcomes(), clock, 1);
        ReportPlan plan = new ReportPlanner(results, results::closeDay, new WithoutDelay(reportQueue), clock, Duration.ZERO,
                quiet).plan(day);
        out.printf("planner: %,d recipient-domain and %d MX-host jobs enqueued, %,d recipient domains recorded without a job, "
                        + "in %.1f s (planner thread CPU %.2f s)%n", plan.recipientDomains(), plan.mxHosts(), plan.noReport(),
                seconds(System.nanoTime() - start), seconds(THREADS.getCurrentThreadCpuTime() - cpuAtStart));
        return plan;
    }

    /**
     * What the worker runs before its SnapStart snapshot (docs/design.md 8), so that the workers start with the
     * JIT state a restored worker has; its CPU is the snapshot's, once per published version, not a day's.
     */
    private void rehearse(DkimSigner signer) {
        if (options.rehearsal() == 0) {
            out.println("rehearsal: none (--rehearsal 0): the worker starts with a cold JIT");
            return;
        }
        ReportSettings settings = settings();
        MessageSigning signing = new MessageSigning.Ready(new ReportMessageBuilder(settings, signer, clock));
        timed("rehearsal (the worker's, before its snapshot)", () -> ReportJobRehearsal.run(settings, signing,
                SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES, options.rehearsal(), ReportJobRehearsal.BUDGET));
        timed("rehearsal over loopback (the worker's, after it)", () -> ReportJobRehearsal.runOverLoopback(settings,
                signing, SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES, ReportJobRehearsal.LOOPBACK_JOBS,
                ReportJobRehearsal.LOOPBACK_BUDGET));
        if (options.httpsRehearsal() == 0) {
            out.println("rehearsal over https: none (--https-rehearsal 0): the POSTs' TLS starts cold");
            return;
        }
        timed("rehearsal over https (the worker's, last)", () -> ReportJobRehearsal.runOverHttps(settings, signing,
                SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES, options.httpsRehearsal(),
                ReportJobRehearsal.HTTPS_BUDGET));
    }

    /** What the planner runs before its SnapStart snapshot (docs/design.md 8), before the day closes: outside the figures' span. */
    private void rehearsePlans() {
        if (options.planRehearsal() == 0) {
            out.println("plan rehearsal: none (--plan-rehearsal 0): the planner starts with a cold JIT");
            return;
        }
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        PlanRehearsal.Figures inMemory = PlanRehearsal.run(options.reportAllSuccess(), Duration.ZERO, options.planRehearsal(),
                PlanRehearsal.BUDGET);
        PlanRehearsal.Figures overLoopback = PlanRehearsal.runOverLoopback(options.reportAllSuccess(), Duration.ZERO,
                PlanRehearsal.LOOPBACK_PLANS, PlanRehearsal.LOOPBACK_BUDGET);
        out.printf("plan rehearsal (the planner's, before its snapshot): %d plans of %,d destinations in %.1f s, then %d over "
                        + "loopback in %.1f s (thread CPU %.1f s), requests %s%n", inMemory.plans(), PlanRehearsal.DESTINATIONS,
                seconds(inMemory.took().toNanos()), overLoopback.plans(), seconds(overLoopback.took().toNanos()),
                seconds(THREADS.getCurrentThreadCpuTime() - cpuAtStart), inMemory.requests());
    }

    /** Runs one rehearsal and prints what it did, with this thread's CPU for it. */
    private void timed(String label, Supplier<ReportJobRehearsal.Figures> rehearsal) {
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        ReportJobRehearsal.Figures figures = rehearsal.get();
        out.printf("%s: %,d report jobs in %.1f s (thread CPU %.1f s), requests %s%n", label, figures.jobs(),
                seconds(figures.took().toNanos()), seconds(THREADS.getCurrentThreadCpuTime() - cpuAtStart),
                figures.requests());
    }

    private ReportSettings settings() {
        return options.reportAllSuccess() ? new ReportSettings(SETTINGS.organizationName(),
                SETTINGS.submitterDomain(), SETTINGS.contactInfo(), SETTINGS.fromAddress(), true) : SETTINGS;
    }

    /** Where the planner and the workers publish outcomes, as deployed. */
    private OutcomePublisher outcomes() {
        return CompositeOutcomePublisher.of(new EventBridgeOutcomePublisher(events, "default"),
                // Lambda would ship these lines to CloudWatch; writing them is the functions' part.
                new EmfMetricsPublisher(new PrintStream(OutputStream.nullOutputStream())));
    }

    private ReportSender sender(TlsrptRecordLookup discovery, TimedPoster poster, DkimSigner signer, int workers) {
        S3ReportArchive archive = new S3ReportArchive(s3, ARCHIVE_BUCKET);
        ReportSender.Ports ports = new ReportSender.Ports(
                new DynamoDbResultStore(dynamo, RESULTS, SHARDS, clock),
                new DynamoDbLedger(dynamo, LEDGER),
                discovery,
                new DynamoDbSuppressionList(dynamo, SUPPRESSION),
                new ArchivingReportMailer(new SesReportMailer(ses, CONFIGURATION_SET), archive, archiveFailed),
                new ArchivingReportPoster(poster, archive, archiveFailed),
                outcomes());
        ReportSettings settings = settings();
        return new ReportSender(ports, new ReportBuilder(settings),
                new MessageSigning.Ready(new ReportMessageBuilder(settings, signer, clock)),
                SendPacer.of(1_000_000, workers), clock);
    }

    private WorkerFigures work(int threads, ReportPlan plan, Supplier<ReportSender> senders, TimedPoster poster)
            throws Exception {
        if (options.heap()) {
            HeapPeak.collectAndReset();
        }
        long collectionsAtStart = collections();
        WorkerFigures total = new WorkerFigures();
        Queue<DestinationKey> retries = new ConcurrentLinkedQueue<>();
        int rounds = 0;
        long start = System.nanoTime();
        while (rounds < MAX_ROUNDS) {
            rounds++;
            try (ExecutorService workers = Executors.newFixedThreadPool(threads)) {
                List<Future<WorkerFigures>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    running.add(workers.submit(new QueueWorker(senders.get(), jobs, emulator, poster, retries)));
                }
                for (Future<WorkerFigures> worker : running) {
                    total.add(worker.get());
                }
            }
            if (retries.isEmpty()) {
                break;
            }
            // What SQS would deliver again after the backoff; the backoff itself is not waited for.
            List<DestinationKey> again = new ArrayList<>(retries);
            retries.clear();
            reportQueue.enqueue(again, Duration.ZERO, plan.spread());
        }
        long wall = System.nanoTime() - start;
        long peak = options.heap() ? HeapPeak.peakUsedBytes() : 0;
        String pools = options.heap() ? HeapPeak.describePools() : "";
        printWork(threads, plan, total, rounds, wall);
        if (options.heap()) {
            out.printf("heap: peak used %.1f MB during the worker run (%s) live after it %.1f MB; %d collections; "
                            + "max heap %d MB%n", peak / 1048576.0, pools, HeapPeak.liveBytes() / 1048576.0,
                    collections() - collectionsAtStart, Runtime.getRuntime().maxMemory() >> 20);
        }
        return total;
    }

    private void printWork(int threads, ReportPlan plan, WorkerFigures f, int rounds, long wall) {
        out.printf("worker, %d thread(s): %,d jobs (of %,d planned) in %.1f s wall, %d round(s), %d retried, %d errors; "
                        + "outcomes %s%n", threads, f.jobs, plan.jobs(), seconds(wall), rounds, f.retryLater, f.errors, f.outcomes);
        out.printf("  reports sent: %,d (%.1f%% of jobs); end to end %.1f reports/s, %.1f jobs/s%n",
                f.sent(), 100.0 * f.sent() / plan.jobs(), f.sent() / seconds(wall), f.jobs / seconds(wall));
        out.printf("  thread time %.1f s = emulator round trips %.1f s (%,d requests, %.2f ms each) + https receiver %.1f s "
                        + "+ own code %.1f s%n", seconds(f.wallNanos), seconds(f.emulatorNanos), f.emulatorCalls,
                f.emulatorNanos / 1e6 / Math.max(1, f.emulatorCalls), seconds(f.receiverNanos), seconds(f.ownNanos()));
        out.printf("  per worker, excluding emulator and receiver time: %.1f reports/s, %.1f jobs/s%n",
                f.sent() / seconds(f.ownNanos()), f.jobs / seconds(f.ownNanos()));
        out.printf("  worker threads' CPU time %.1f s: %.1f reports/s, %.1f jobs/s per CPU second%n",
                seconds(f.cpuNanos), f.sent() / seconds(f.cpuNanos), f.jobs / seconds(f.cpuNanos));
        out.printf("  CPU per job: all jobs: %s; second half of the jobs: %s%n", f.cpuPerJob(0), f.cpuPerJob(f.jobCpu.size() / 2));
        out.printf("  https POSTs: %d, %.2f ms of CPU each (their TLS handshake included)%n", f.posts,
                f.postCpuNanos / 1e6 / Math.max(1, f.posts));
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
