package dev.tlsrpt.send;

import static dev.tlsrpt.testing.WorkerFixtures.recipientDomain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.archive.ArchiveKeys;
import dev.tlsrpt.archive.ArchivedReport;
import dev.tlsrpt.archive.ArchivingReportMailer;
import dev.tlsrpt.archive.ArchivingReportPoster;
import dev.tlsrpt.archive.ReportArchive;
import dev.tlsrpt.archive.S3ReportArchive;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.MessageChecker;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyResult;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportParts;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A report larger than the bound, through the worker's send path with the DynamoDB ledger and the S3 archive
 * on the emulator: sent in parts, each its own message and POST, every count in one part, each part checked
 * by dkimpy and parsedmarc, nothing sent twice on a second attempt.
 */
class ReportPartsIT {
    private static final String BUCKET = "tlsrpt-archive";

    /** rcpt.example with many MX hosts, each with its own DANE records: one policy each, hard to compress. */
    private static List<TlsResult> largeDay() {
        Random random = new Random(7);
        List<TlsResult> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<String> records = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                byte[] hash = new byte[32];
                random.nextBytes(hash);
                records.add("3 1 1 " + HexFormat.of().formatHex(hash));
            }
            String mx = "mx" + i + ".rcpt.example";
            results.add(TlsrptFixtures.result("rcpt.example", new Policy(PolicyType.TLSA, records, mx, null), 100 + i, 1 + i % 5,
                    TlsrptFixtures.detail(ResultType.TLSA_INVALID, mx, 1 + i % 5)));
        }
        return results;
    }

    @Test
    void aReportOverTheBound_isSentInPartsThatTogetherHoldEveryCount_eachOnceAndArchived() throws Exception {
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.create(dynamo, "tlsrpt-ledger", true);
        S3Client s3 = S3ReportArchive.client();
        s3.createBucket(r -> r.bucket(BUCKET));
        ReportArchive archive = new S3ReportArchive(s3, BUCKET);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
        FakeDelivery.Mailer mailer = new FakeDelivery.Mailer();
        FakeDelivery.Poster poster = new FakeDelivery.Poster();
        List<String> archiveFailures = new ArrayList<>();
        DynamoDbLedger ledger = new DynamoDbLedger(dynamo, "tlsrpt-ledger");
        List<TlsResult> day = largeDay();
        ReportSender.Ports ports = new ReportSender.Ports(WorkerFixtures.stored(day), ledger,
                new TlsrptRecordLookup(new WorkerFixtures.SwitchableResolver(WorkerFixtures.ZONE)),
                new dev.tlsrpt.suppression.InMemorySuppressionList(),
                new ArchivingReportMailer(mailer, archive, (key, reason) -> archiveFailures.add(key + ": " + reason)),
                new ArchivingReportPoster(poster, archive, (key, reason) -> archiveFailures.add(key + ": " + reason)),
                outcome -> { });
        ReportBuilder builder = new ReportBuilder(TlsrptFixtures.SETTINGS, ReportBuilder.MIN_MAX_REPORT_BYTES);
        ReportSender sender = new ReportSender(ports, builder,
                new MessageSigning.Ready(new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), clock)),
                SendPacer.of(1000, 1), clock);
        DestinationKey job = recipientDomain("rcpt.example");
        Report whole = builder.build(job.with(day));
        assertThat(whole.toGzip().length).isGreaterThan((int) ReportBuilder.MIN_MAX_REPORT_BYTES);

        // WHEN the job runs, and runs again (a duplicate message)
        assertThat(sender.send(job)).isEqualTo(new JobResult.Done(ReportOutcome.Status.SENT));
        sender.send(job);

        // THEN each target got each part once: two addresses and one https URI
        List<Report> posted = poster.bodies().stream().map(b -> Report.fromJson(gunzip(b))).toList();
        int parts = posted.size();
        assertThat(parts).isGreaterThan(1);
        assertThat(mailer.sent()).hasSize(2 * parts);
        assertThat(poster.bodies()).allSatisfy(b -> assertThat(b.length).isLessThanOrEqualTo((int) ReportBuilder.MIN_MAX_REPORT_BYTES));
        // AND the parts hold every policy and count of the whole report, each once, under distinct report-ids
        List<PolicyResult> policies = posted.stream().flatMap(r -> r.policies().stream()).toList();
        assertThat(policies).containsExactlyInAnyOrderElementsOf(whole.policies());
        assertThat(posted).extracting(Report::reportId).doesNotHaveDuplicates().contains(whole.reportId());
        // AND the ledger and the archive keep each part under its own name
        assertThat(ledger.deliveries(job)).extracting(Ledger.Delivery::target).contains(
                "mailto:tls@rcpt.example", "mailto:tls@rcpt.example part 2", "https://reports.rcpt.example/tlsrpt part " + parts);
        assertThat(ledger.deliveries(job)).hasSize(3 * parts).allSatisfy(d -> assertThat(d.state()).isEqualTo(Ledger.DeliveryState.SENT));
        for (int part = 1; part <= parts; part++) {
            String key = ArchiveKeys.message(job, ReportParts.target("https://reports.rcpt.example/tlsrpt", part));
            assertThat(ReportParts.partOf(Report.fromJson(ArchivedReport.json(key, archive.get(key).orElseThrow())).reportId()))
                    .as("report part %d", part).isEqualTo(part);
        }
        assertThat(archive.get(ArchiveKeys.message(job, "mailto:tls@rcpt.example part 2"))).isPresent();
        assertThat(archiveFailures).isEmpty();
        // AND every message passes dkimpy and parsedmarc
        Map<String, byte[]> messages = new LinkedHashMap<>();
        for (int i = 0; i < mailer.rawMessages().size(); i++) {
            messages.put("part." + (i + 1) + ".eml", mailer.rawMessages().get(i));
        }
        MessageChecker.Run run = MessageChecker.check("parts", messages);
        assertThat(run.output()).contains("checked " + messages.size() + " messages, 0 failed");
    }

    private static byte[] gunzip(byte[] gzip) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
