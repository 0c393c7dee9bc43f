package dev.tlsrpt.rehearsal;

import dev.tlsrpt.archive.ArchiveFailures;
import dev.tlsrpt.archive.ArchivingReportMailer;
import dev.tlsrpt.archive.ArchivingReportPoster;
import dev.tlsrpt.archive.ReportArchive;
import dev.tlsrpt.archive.S3ReportArchive;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.local.LocalHttpsReceiver;
import dev.tlsrpt.mail.DkimSigner;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.DestinationRules;
import dev.tlsrpt.send.JobResult;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.send.ReportPoster;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.send.events.CompositeOutcomePublisher;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.send.events.EventBridgeOutcomePublisher;
import dev.tlsrpt.send.https.AddressPolicy;
import dev.tlsrpt.send.https.HttpsReportPoster;
import dev.tlsrpt.send.ses.SesReportMailer;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.TlsResult;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import dev.tlsrpt.tlsrpt.TxtAnswer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Report jobs run through the worker's whole path (docs/design.md 8): the results query and its decoding, the
 * ledger's transactions, the {@code _smtp._tls} record, the suppression read, the report built, gzipped, put
 * in a message, DKIM-signed, archived and sent, the outcome published, with the production adapters and SDK
 * clients, each client on an HTTP client that never opens a connection and answers as the service would for
 * a destination under {@code .invalid}; then fewer of the same jobs with each call made by the production HTTP
 * client to a server on the loopback address that answers the same ({@link #runOverLoopback}); then jobs whose
 * report is POSTed over TLS to a receiver on the loopback address ({@link #runOverHttps}). Nothing is stored,
 * sent or published, and no metric line is written. The worker runs all three before its SnapStart snapshot
 * so that the snapshot holds its request path compiled by the JIT, as a worker that has run a few thousand jobs
 * has it; the synthetic-day benchmark runs them as well.
 */
public final class ReportJobRehearsal {
    private static final String DOMAIN = "priming.invalid";
    private static final String TARGET = "DynamoDB_20120810.";
    /** A day's results that make a typical report: three policies, four kinds of failure. */
    private static final String SAMPLE = """
            {"results": [
              {"time": "1970-01-01T00:00:00Z", "recipient-domain": "priming.invalid",
               "policy": {"policy-type": "sts", "policy-domain": "priming.invalid",
                 "policy-string": ["version: STSv1", "mode: enforce", "mx: mx1.priming.invalid", "max_age: 86400"],
                 "mx-host": ["mx1.priming.invalid"]},
               "successful-sessions": 120, "failed-sessions": 3,
               "failure-details": [
                 {"result-type": "certificate-expired", "sending-mta-ip": "192.0.2.1",
                  "receiving-mx-hostname": "mx1.priming.invalid", "receiving-ip": "192.0.2.10", "failed-session-count": 2},
                 {"result-type": "validation-failure", "sending-mta-ip": "192.0.2.1",
                  "receiving-mx-hostname": "mx1.priming.invalid", "receiving-ip": "192.0.2.11",
                  "failure-reason-code": "hostname mismatch", "failed-session-count": 1}]},
              {"time": "1970-01-01T00:00:00Z", "recipient-domain": "priming.invalid",
               "policy": {"policy-type": "tlsa", "policy-domain": "mx2.priming.invalid",
                 "policy-string": ["3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"]},
               "successful-sessions": 40, "failed-sessions": 1,
               "failure-details": [
                 {"result-type": "tlsa-invalid", "sending-mta-ip": "192.0.2.1",
                  "receiving-mx-hostname": "mx2.priming.invalid", "receiving-ip": "192.0.2.20", "failed-session-count": 1}]},
              {"time": "1970-01-01T00:00:00Z", "recipient-domain": "priming.invalid",
               "policy": {"policy-type": "no-policy-found", "policy-domain": "priming.invalid"},
               "successful-sessions": 7, "failed-sessions": 2,
               "failure-details": [
                 {"result-type": "starttls-not-supported", "sending-mta-ip": "192.0.2.1",
                  "receiving-mx-hostname": "mx3.priming.invalid", "receiving-ip": "192.0.2.30", "failed-session-count": 2}]}]}
            """;

    /**
     * How many jobs the worker rehearses before its snapshot, and for at most how long: about where the JIT has
     * compiled the path through (docs/benchmarks.md), well inside the 130 s Lambda gives the initialisation.
     */
    public static final int JOBS = 5_000;
    public static final Duration BUDGET = Duration.ofSeconds(60);
    /**
     * The jobs over loopback, and their limit: enough calls for the JIT to compile the URL-connection client's
     * path (docs/benchmarks.md); with the 60 s above still inside the 130 s of an initialisation.
     */
    public static final int LOOPBACK_JOBS = 1_000;
    public static final Duration LOOPBACK_BUDGET = Duration.ofSeconds(20);
    /**
     * The jobs POSTed over TLS, and their limit: a TLS handshake each, where the JIT has compiled most of the
     * handshake's path (docs/benchmarks.md); with the budgets above still inside the 130 s of an initialisation.
     */
    public static final int HTTPS_JOBS = 500;
    public static final Duration HTTPS_BUDGET = Duration.ofSeconds(20);
    /** The host of the rehearsal's reporting URI; its resolver answers loopback for it and nothing else. */
    static final String HTTPS_HOST = "receiver." + DOMAIN;

    /** What a rehearsal did: how many jobs, in how long, and how many requests each client answered. */
    public record Figures(int jobs, Duration took, Map<String, Integer> requests) {
    }

    private final Clock clock;
    private final CannedHttpClient dynamoHttp;
    private final CannedHttpClient sesHttp = CannedHttpClient.always(
            new CannedHttpClient.Answer(200, Map.of("Content-Type", "application/json"),
                    "{\"MessageId\":\"rehearsal\"}".getBytes(StandardCharsets.UTF_8)));
    private final CannedHttpClient s3Http = CannedHttpClient.always(
            new CannedHttpClient.Answer(200, Map.of("ETag", "\"rehearsal\""), new byte[0]));
    private final CannedHttpClient eventsHttp = CannedHttpClient.always(
            CannedHttpClient.Answer.json("{\"FailedEntryCount\":0,\"Entries\":[]}"));
    private final ReportSender sender;

    /** The destination's {@code _smtp._tls} record: one address under {@code .invalid}. */
    static final String RECORD = "v=TLSRPTv1; rua=mailto:tlsrpt@" + DOMAIN;
    /** The poster of the jobs to that record, which never POST. */
    private static final ReportPoster NO_POSTS = (uri, gzip, content) -> {
        throw new IllegalStateException("the rehearsal's record names no https URI");
    };

    ReportJobRehearsal(ReportSettings settings, MessageSigning signing, SendCaps caps, long maxReportBytes, String record,
                       Clock clock) {
        this(settings, signing, caps, maxReportBytes, record, clock, Transport.inMemory(), NO_POSTS);
    }

    private ReportJobRehearsal(ReportSettings settings, MessageSigning signing, SendCaps caps, long maxReportBytes,
                               String record, Clock clock, Transport transport, ReportPoster poster) {
        this.clock = clock;
        this.dynamoHttp = CannedHttpClient.byTarget(Map.of(
                TARGET + "Query", CannedHttpClient.Answer.json(queryAnswer()),
                TARGET + "GetItem", CannedHttpClient.Answer.json("{}"),
                TARGET + "TransactWriteItems", CannedHttpClient.Answer.json("{}"),
                TARGET + "UpdateItem", CannedHttpClient.Answer.json("{}"),
                TARGET + "PutItem", CannedHttpClient.Answer.json("{}")));
        DynamoDbClient dynamo = SdkClients.dynamoDb(b -> b.httpClient(transport.to(dynamoHttp)));
        ReportArchive archive = new S3ReportArchive(SdkClients.s3(b -> b.httpClient(transport.to(s3Http))), "rehearsal-archive");
        ArchiveFailures failures = (key, reason) -> {
            throw new IllegalStateException("the rehearsal's archive failed: " + reason);
        };
        ReportSender.Ports ports = new ReportSender.Ports(
                new DynamoDbResultStore(dynamo, "rehearsal-results", 16, clock),
                new DynamoDbLedger(dynamo, "rehearsal-ledger"),
                new TlsrptRecordLookup(name -> new TxtAnswer.Records(List.of(List.of(record)))),
                new DynamoDbSuppressionList(dynamo, "rehearsal-suppression"),
                new ArchivingReportMailer(
                        new SesReportMailer(SdkClients.sesV2(b -> b.httpClient(transport.to(sesHttp))), "rehearsal"),
                        archive, failures),
                new ArchivingReportPoster(poster, archive, failures),
                CompositeOutcomePublisher.of(
                        new EventBridgeOutcomePublisher(SdkClients.eventBridge(b -> b.httpClient(transport.to(eventsHttp))), "rehearsal"),
                        new EmfMetricsPublisher(new PrintStream(OutputStream.nullOutputStream()))));
        this.sender = new ReportSender(ports, new ReportBuilder(settings, maxReportBytes), usable(signing, settings),
                SendPacer.of(1_000_000, 1), caps, DestinationRules.NONE, clock);
    }

    /**
     * Runs report jobs until {@code jobs} have run or {@code budget} has passed, each sending one report to one
     * address, with outcomes flushed ten at a time as the worker does for a batch of ten messages. A job that
     * does not end sent fails the rehearsal (IllegalStateException): its path is no longer the one rehearsed.
     */
    public static Figures run(ReportSettings settings, MessageSigning signing, SendCaps caps, long maxReportBytes,
                              int jobs, Duration budget) {
        return new ReportJobRehearsal(settings, signing, caps, maxReportBytes, RECORD, Clock.systemUTC()).run(jobs, budget);
    }

    /**
     * The same jobs with each call made by the production HTTP client to a server on the loopback address that
     * answers as the in-memory rehearsal does ({@link LoopbackHttpClient}): what the in-memory jobs leave cold is
     * the client's framing, keep-alive and socket streams. The server is stopped when they have run.
     */
    public static Figures runOverLoopback(ReportSettings settings, MessageSigning signing, SendCaps caps,
                                          long maxReportBytes, int jobs, Duration budget) {
        try (Transport loopback = Transport.overLoopback()) {
            return new ReportJobRehearsal(settings, signing, caps, maxReportBytes, RECORD, Clock.systemUTC(), loopback,
                    NO_POSTS).run(jobs, budget);
        }
    }

    /**
     * Jobs whose {@code _smtp._tls} record names an https URI (RFC 8460 section 5.4): each report POSTed by the
     * production poster to a receiver on the loopback address, half of them to one that presents a P-256 chain
     * and half to one with RSA-2048, the two kinds public receivers present; the rest of each job is answered
     * in memory. What the other rehearsals leave cold is the sender's https branch and the client's TLS
     * handshake, which every POST makes, since each goes to another receiver. Only the rehearsal's own host
     * resolves, to loopback, and only its receiver's port is allowed there; the receivers are stopped when the
     * jobs have run. The figures count the receivers' requests as {@code https}.
     */
    public static Figures runOverHttps(ReportSettings settings, MessageSigning signing, SendCaps caps,
                                       long maxReportBytes, int jobs, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Figures first = overHttps(LocalHttpsReceiver.Key.EC_P256, settings, signing, caps, maxReportBytes, jobs / 2,
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        Figures second = overHttps(LocalHttpsReceiver.Key.RSA_2048, settings, signing, caps, maxReportBytes,
                jobs - first.jobs(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        Map<String, Integer> requests = new LinkedHashMap<>(first.requests());
        second.requests().forEach((client, count) -> requests.merge(client, count, Integer::sum));
        return new Figures(first.jobs() + second.jobs(), first.took().plus(second.took()), requests);
    }

    private static Figures overHttps(LocalHttpsReceiver.Key key, ReportSettings settings, MessageSigning signing,
                                     SendCaps caps, long maxReportBytes, int jobs, Duration budget) {
        try (LocalHttpsReceiver receiver = LocalHttpsReceiver.start(key, HTTPS_HOST);
             HttpsReportPoster poster = new HttpsReportPoster(ReportJobRehearsal::loopbackForOwnHost,
                     AddressPolicy.publicInternetAndLocalReceiver(HTTPS_HOST, receiver.port()), receiver.clientSslContext())) {
            String record = "v=TLSRPTv1; rua=" + receiver.uri(HTTPS_HOST, "/tlsrpt");
            Figures figures = new ReportJobRehearsal(settings, signing, caps, maxReportBytes, record, Clock.systemUTC(),
                    Transport.inMemory(), poster).run(jobs, budget);
            Map<String, Integer> requests = new LinkedHashMap<>(figures.requests());
            requests.put("https", receiver.received().size());
            return new Figures(figures.jobs(), figures.took(), requests);
        } catch (IOException e) {
            throw new UncheckedIOException("the rehearsal's poster did not close", e);
        }
    }

    private static InetAddress[] loopbackForOwnHost(String host) throws UnknownHostException {
        if (!host.equals(HTTPS_HOST)) {
            throw new UnknownHostException(host + " is not the rehearsal's receiver");
        }
        return new InetAddress[] {InetAddress.getLoopbackAddress()};
    }

    /**
     * A rehearsal to run many times over, its clients and key made once: how {@code ReportJobBenchmark} measures
     * a report job's own CPU, the network left out.
     */
    public static ReportJobRehearsal prepare(ReportSettings settings, MessageSigning signing, SendCaps caps, long maxReportBytes) {
        return new ReportJobRehearsal(settings, signing, caps, maxReportBytes, RECORD, Clock.systemUTC());
    }

    /** {@link #run(ReportSettings, MessageSigning, SendCaps, long, int, Duration)} on this rehearsal; its requests count from when it was prepared. */
    public Figures run(int jobs, Duration budget) {
        DestinationKey job = new DestinationKey(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1),
                DestinationKind.RECIPIENT_DOMAIN, DOMAIN);
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        int done = 0;
        while (done < jobs && System.nanoTime() < deadline) {
            JobResult result = sender.send(job);
            if (!(result instanceof JobResult.Done finished) || finished.outcome() != ReportOutcome.Status.SENT) {
                throw new IllegalStateException("a rehearsed job ended " + result + " instead of sent");
            }
            if (++done % 10 == 0) {
                sender.flushOutcomes();
            }
        }
        sender.flushOutcomes();
        Map<String, Integer> requests = new LinkedHashMap<>();
        requests.put("dynamodb", dynamoHttp.answered());
        requests.put("ses", sesHttp.answered());
        requests.put("s3", s3Http.answered());
        requests.put("eventbridge", eventsHttp.answered());
        return new Figures(done, Duration.ofNanos(System.nanoTime() - started), requests);
    }

    /** The worker's signing if it has a key now; otherwise a key of the rehearsal's own, so that signing is rehearsed. */
    private MessageSigning usable(MessageSigning signing, ReportSettings settings) {
        if (signing.current() instanceof MessageSigning.Ready ready) {
            return ready;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            RSAPrivateKey key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
            return new MessageSigning.Ready(new ReportMessageBuilder(settings,
                    new DkimSigner(settings.submitterDomain(), "rehearsal", key), clock));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }

    /** A results query's answer: the sample's counter items, in DynamoDB's JSON. */
    private static String queryAnswer() {
        List<TlsResult> sample;
        try {
            sample = ResultsRequestParser.parse(SAMPLE.getBytes(StandardCharsets.UTF_8), Instant.EPOCH).results();
        } catch (InvalidBatchException e) {
            throw new IllegalStateException("the rehearsal's sample is not a valid batch", e);
        }
        return DynamoDbWire.queryAnswer(sample.stream().map(DynamoDbResultStore::storedForm).toList());
    }
}
