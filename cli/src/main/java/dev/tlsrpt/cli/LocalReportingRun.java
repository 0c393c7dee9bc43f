package dev.tlsrpt.cli;

import dev.tlsrpt.archive.ArchiveFailures;
import dev.tlsrpt.archive.ArchivingReportMailer;
import dev.tlsrpt.archive.ArchivingReportPoster;
import dev.tlsrpt.archive.ReportArchive;
import dev.tlsrpt.dns.ZoneFileTxtResolver;
import dev.tlsrpt.local.EmulatorOutbox;
import dev.tlsrpt.local.LocalHttpsReceiver;
import dev.tlsrpt.mail.DkimKeys;
import dev.tlsrpt.mail.DkimSigner;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.JobResult;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.QuietDestinations;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.send.ReportPlan;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.send.events.CompositeOutcomePublisher;
import dev.tlsrpt.send.events.EventBridgeOutcomePublisher;
import dev.tlsrpt.send.https.AddressPolicy;
import dev.tlsrpt.send.https.HttpsReportPoster;
import dev.tlsrpt.send.ses.SesReportMailer;
import dev.tlsrpt.store.dynamodb.DynamoDbDestinationRules;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The daily run on this machine: the planner and the report worker in-process, against the emulator's
 * DynamoDB, SES and EventBridge, with DNS from a zone file and the {@code https} reporting URIs served by a
 * local HTTPS receiver. Writes what SES accepted (raw MIME, read back from the emulator) and what the
 * receiver got to an output folder, and prints a summary per destination.
 */
final class LocalReportingRun {
    /** The port the local zone file's https URI names. */
    static final int RECEIVER_PORT = 8443;
    static final String RECEIVER_HOST = "reports.example.com";
    static final ReportSettings SETTINGS = ReportSettings.of("Example Mail Operator (local run)", "sender.example",
            "tlsrpt@sender.example", "tlsrpt-noreply@sender.example");
    static final String DKIM_SELECTOR = "tlsrpt";
    private static final String CONFIGURATION_SET = "tlsrpt-reports";
    /** Rounds of the worker over jobs that asked to be retried (an MX host waiting for its domains' reports). */
    private static final int MAX_ROUNDS = 5;

    private final DynamoDbClient dynamo;
    private final AwsOptions aws;
    private final Path zone;
    private final Path output;
    private final PrintWriter out;
    private final ReportArchive archive;

    LocalReportingRun(DynamoDbClient dynamo, AwsOptions aws, Path zone, Path output, PrintWriter out, ReportArchive archive) {
        this.archive = archive;
        this.dynamo = dynamo;
        this.aws = aws;
        this.zone = zone;
        this.output = output;
        this.out = out;
    }

    void run(LocalDate day) throws Exception {
        Clock clock = Clock.systemUTC();
        SesV2Client ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        EmulatorOutbox.verifyDomain(ses, SETTINGS.submitterDomain());
        EmulatorOutbox.createConfigurationSet(ses, CONFIGURATION_SET);
        List<String> alreadySent = EmulatorOutbox.fromSdkSettings().messages().stream().map(EmulatorOutbox.SentEmail::messageId).toList();

        DynamoDbResultStore results = new DynamoDbResultStore(dynamo, aws.table("results"), 16, clock);
        DynamoDbLedger ledger = new DynamoDbLedger(dynamo, aws.table("ledger"));
        EventBridgeClient events = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        Map<String, List<String>> summary = new TreeMap<>();
        OutcomePublisher summarise = outcome -> {
            synchronized (summary) { // the planner records its quiet destinations on several threads
                summary.computeIfAbsent(outcome.kind().tag() + " " + outcome.domain(), k -> new ArrayList<>()).add(describe(outcome));
            }
        };
        Supplier<OutcomePublisher> outcomes = () -> CompositeOutcomePublisher.of(summarise, new EventBridgeOutcomePublisher(events, "default"));

        // As the planner: destinations that need no report are recorded at once, the others queued.
        List<DestinationKey> jobs = new ArrayList<>();
        ReportPlan plan = new ReportPlanner(results, results::closeDay, (queued, delay, spread) -> jobs.addAll(queued), clock,
                Duration.ZERO, new QuietDestinations(ledger, false, outcomes, clock)).plan(day);
        out.println();
        out.printf("planner: %s closed; %d recipient-domain and %d MX-host jobs; %d recipient domains recorded without a job "
                + "(nothing to report)%n", day, plan.recipientDomains(), plan.mxHosts(), plan.noReport());

        // A fresh key each run, never stored: the public record is written out to check signatures with.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var keys = generator.generateKeyPair();
        DkimSigner signer = new DkimSigner(SETTINGS.submitterDomain(), DKIM_SELECTOR, (RSAPrivateKey) keys.getPrivate());
        Files.createDirectories(output);
        Files.writeString(output.resolve("dkim.zone"), dkimZone(DkimKeys.publicKeyRecord((RSAPrivateKey) keys.getPrivate())));

        ArchiveFailures archiveFailed = (key, reason) -> out.println("archive failed: " + key + ": " + reason);
        try (LocalHttpsReceiver receiver = LocalHttpsReceiver.startOnPort(RECEIVER_PORT, RECEIVER_HOST);
             HttpsReportPoster poster = posterFor(receiver, RECEIVER_HOST)) {
            ReportSender.Ports ports = new ReportSender.Ports(results, ledger,
                    new TlsrptRecordLookup(ZoneFileTxtResolver.fromFile(zone)),
                    new DynamoDbSuppressionList(dynamo, aws.table("suppression")),
                    // As the worker: each report archived just before it is sent.
                    new ArchivingReportMailer(new SesReportMailer(ses, CONFIGURATION_SET), archive, archiveFailed),
                    new ArchivingReportPoster(poster, archive, archiveFailed),
                    outcomes.get());
            // As the worker: the stack's caps and destination rules (`tlsrpt rules` against the local stack).
            ReportSender worker = new ReportSender(ports, new ReportBuilder(SETTINGS),
                    new MessageSigning.Ready(new ReportMessageBuilder(SETTINGS, signer, clock)), SendPacer.of(1000, 1),
                    SendCaps.DEFAULTS, new DynamoDbDestinationRules(dynamo, aws.table("rules")), clock);
            List<DestinationKey> pending = jobs;
            for (int round = 1; round <= MAX_ROUNDS && !pending.isEmpty(); round++) {
                List<DestinationKey> again = new ArrayList<>();
                for (DestinationKey job : pending) {
                    if (worker.send(job) instanceof JobResult.RetryLater) {
                        again.add(job);
                    }
                }
                pending = again;
                worker.flushOutcomes();
            }
            writeHttpsBodies(receiver);
        }
        writeMail(alreadySent);
        out.println();
        out.println("summary per destination:");
        summary.forEach((destination, lines) -> {
            out.println("  " + destination);
            lines.forEach(line -> out.println("      " + line));
        });
        out.println();
        out.println("output: " + output.toAbsolutePath());
        out.println("check the messages independently (dkimpy, parsedmarc):");
        out.println("  .venv/bin/python scripts/check_messages.py " + output.resolve("mail") + " " + output.resolve("dkim.zone"));
        out.flush();
    }

    /**
     * The poster of a local run: {@code host} resolves to the receiver on loopback, every other name through the
     * system resolver. Only the receiver's own host and port may be loopback; a zone entry sending an https URI
     * to {@code 127.0.0.1}, {@code localhost} or another local port is refused, as the worker refuses it.
     */
    static HttpsReportPoster posterFor(LocalHttpsReceiver receiver, String host) {
        return new HttpsReportPoster(
                name -> name.equalsIgnoreCase(host) ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                        : InetAddress.getAllByName(name),
                AddressPolicy.publicInternetAndLocalReceiver(host, receiver.port()), receiver.clientSslContext());
    }

    /** The key record as a zone file (TXT strings of at most 255 characters), e.g. for scripts/check_messages.py. */
    private static String dkimZone(String record) {
        StringBuilder strings = new StringBuilder();
        for (int i = 0; i < record.length(); i += 255) {
            strings.append(" \"").append(record, i, Math.min(record.length(), i + 255)).append('"');
        }
        return "$TTL 300\n" + DKIM_SELECTOR + "._domainkey." + SETTINGS.submitterDomain() + ". IN TXT (" + strings + " )\n";
    }

    private static String describe(ReportOutcome outcome) {
        String target = outcome.target() == null ? "" : " " + outcome.target();
        String reason = outcome.reason() == null ? "" : " (" + outcome.reason() + ")";
        return outcome.status().name().toLowerCase() + target + reason;
    }

    private void writeMail(List<String> alreadySent) throws IOException {
        Path mail = Files.createDirectories(output.resolve("mail"));
        int n = 0;
        for (EmulatorOutbox.SentEmail email : EmulatorOutbox.fromSdkSettings().messages()) {
            if (alreadySent.contains(email.messageId())) {
                continue;
            }
            n++;
            String to = String.join("+", email.destinations().stream().distinct().toList()).replaceAll("[^A-Za-z0-9@._+-]", "_");
            Files.write(mail.resolve(String.format("%02d-%s.eml", n, to)), email.raw());
        }
        out.printf("%nSES accepted %d messages: %s%n", n, mail);
    }

    private void writeHttpsBodies(LocalHttpsReceiver receiver) throws IOException {
        Path https = Files.createDirectories(output.resolve("https"));
        int n = 0;
        for (LocalHttpsReceiver.ReceivedRequest request : receiver.received()) {
            n++;
            Files.write(https.resolve(String.format("%02d.json.gz", n)), request.body());
            try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
                Files.write(https.resolve(String.format("%02d.json", n)), gzip.readAllBytes());
            }
        }
        out.printf("%nthe HTTPS receiver got %d reports: %s%n", n, https);
    }
}
