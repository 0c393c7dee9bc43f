package dev.tlsrpt.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The archive on the emulator's S3, behind the worker's real send path and the DynamoDB ledger. */
class ReportArchiveIT {
    private static final String BUCKET = "tlsrpt-archive";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
    private final FakeDelivery.Mailer mailer = new FakeDelivery.Mailer();
    private final FakeDelivery.Poster poster = new FakeDelivery.Poster();
    private final List<String> archiveFailures = new ArrayList<>();
    private DynamoDbClient dynamo;
    private DynamoDbResultStore results;
    private S3Client s3;

    @BeforeEach
    void dayIngested() {
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.create(dynamo, "tlsrpt-ledger", true);
        SuppressionTableDefinition.create(dynamo, "tlsrpt-suppression");
        results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, clock);
        results.apply("batch-1", "hash-1", BatchAggregator.aggregate(WorkerFixtures.mixedDay()));
        s3 = S3ReportArchive.client();
    }

    private ReportSender sender(String bucket) {
        ReportArchive archive = new S3ReportArchive(s3, bucket);
        ArchiveFailures failures = (key, reason) -> archiveFailures.add(key + ": " + reason);
        ReportSender.Ports ports = new ReportSender.Ports(results, new DynamoDbLedger(dynamo, "tlsrpt-ledger"),
                new TlsrptRecordLookup(new WorkerFixtures.SwitchableResolver(WorkerFixtures.ZONE)),
                new DynamoDbSuppressionList(dynamo, "tlsrpt-suppression"),
                new ArchivingReportMailer(mailer, archive, failures), new ArchivingReportPoster(poster, archive, failures),
                outcome -> { });
        MessageSigning signing = new MessageSigning.Ready(new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), clock));
        return new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing, SendPacer.of(1000, 1), clock);
    }

    private void runTheDay(ReportSender sender) {
        for (int round = 0; round < 3; round++) {
            results.destinations(TlsrptFixtures.DAY).forEach(sender::send);
        }
    }

    @Test
    void everySentReport_shouldBeArchivedExactlyAsSentAndPointedAtByTheLedger() {
        // GIVEN an archive bucket
        s3.createBucket(r -> r.bucket(BUCKET));

        // WHEN the day is run (three times over, as duplicate messages and re-runs would)
        runTheDay(sender(BUCKET));

        // THEN each message and POST body is on file byte for byte, once, under its job and target's key
        Ledger ledger = new DynamoDbLedger(dynamo, "tlsrpt-ledger");
        S3ReportArchive archive = new S3ReportArchive(s3, BUCKET);
        List<String> expectedKeys = new ArrayList<>();
        for (DestinationKey job : results.destinations(TlsrptFixtures.DAY)) {
            for (Ledger.Delivery delivery : ledger.deliveries(job)) {
                if (delivery.state() != Ledger.DeliveryState.SENT) {
                    continue;
                }
                String key = ArchiveKeys.message(job, delivery.target());
                expectedKeys.add(key);
                Report report = Report.fromJson(ArchivedReport.json(key, archive.get(key).orElseThrow()));
                assertThat(ArchiveKeys.destinationOf(report.reportId())).contains(job);
                assertThat(ledgerItem(job, delivery.target())).containsEntry("arc", AttributeValue.fromS(key));
            }
        }
        List<byte[]> sent = new ArrayList<>(mailer.rawMessages());
        sent.addAll(poster.bodies());
        List<byte[]> archived = archive.list(ArchiveKeys.dayPrefix(TlsrptFixtures.DAY)).stream()
                .map(o -> archive.get(o.key()).orElseThrow()).toList();
        assertThat(archived).hasSameSizeAs(sent).usingElementComparator(java.util.Arrays::compare).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(archive.list(ArchiveKeys.dayPrefix(TlsrptFixtures.DAY))).extracting(ReportArchive.ArchivedObject::key)
                .containsExactlyInAnyOrderElementsOf(expectedKeys);
        assertThat(s3.headObject(r -> r.bucket(BUCKET).key(expectedKeys.get(0))).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
        assertThat(archiveFailures).isEmpty();
    }

    @Test
    void anArchiveThatFails_shouldBeSignalledAndNeverStopTheSend() {
        // GIVEN no bucket at all
        // WHEN the day is run
        runTheDay(sender("no-such-bucket"));

        // THEN every report went out as without an archive, and each failure was signalled
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example", "tls@other.example",
                "dane@hosting.example");
        assertThat(poster.delivered()).hasSize(2);
        assertThat(archiveFailures).hasSize(mailer.sent().size() + poster.delivered().size())
                .allSatisfy(failure -> assertThat(failure).startsWith("reports/2026-11-28/").contains("NoSuchBucket"));
    }

    private Map<String, AttributeValue> ledgerItem(DestinationKey job, String target) {
        // The ledger's own key scheme is private: find the delivery's item by its target attribute.
        return dynamo.scanPaginator(r -> r.tableName("tlsrpt-ledger")).items().stream()
                .filter(item -> item.containsKey("arc") && item.get("arc").s().equals(ArchiveKeys.message(job, target)))
                .findFirst().orElse(Map.of());
    }
}
