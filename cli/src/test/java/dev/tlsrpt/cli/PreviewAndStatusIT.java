package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.cli.Cli.Run;
import dev.tlsrpt.dns.ZoneFileTxtResolver;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.store.dynamodb.DynamoDbDestinationRules;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** `tlsrpt preview` and `tlsrpt status` on the sample day in the emulator, checked against the worker. */
class PreviewAndStatusIT {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T01:00:00Z"), ZoneOffset.UTC);
    private static final String[] SETTINGS = {"--organization-name", "Example Sender Org",
            "--submitter-domain", "sender.example", "--contact-address", "tlsrpt@sender.example",
            "--from-address", "tlsrpt-noreply@sender.example"};

    private DynamoDbClient dynamo;
    private DynamoDbResultStore results;

    @BeforeEach
    void sampleDayInTheEmulator() throws Exception {
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.create(dynamo, "tlsrpt-ledger", true);
        LocalTables.create(dynamo, "tlsrpt-suppression", false);
        LocalTables.createRulesTable(dynamo, "tlsrpt-rules");
        TestStack.write("tlsrpt", 16, "unused");
        results = new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, CLOCK);
        byte[] body = Json.MAPPER.readTree(Fixtures.event("ingest-results.json").toFile()).get("body").textValue()
                .getBytes(StandardCharsets.UTF_8);
        results.apply("sample", "sample", BatchAggregator.aggregate(ResultsRequestParser.parse(body, CLOCK.instant()).results()));
    }

    private static Run cli(String... args) {
        String[] zone = {"--zone", Fixtures.event("local.zone").toString()};
        String[] full = new String[args.length + zone.length + SETTINGS.length];
        System.arraycopy(args, 0, full, 0, args.length);
        System.arraycopy(zone, 0, full, args.length, zone.length);
        System.arraycopy(SETTINGS, 0, full, args.length + zone.length, SETTINGS.length);
        return Cli.run(full);
    }

    private ReportSender worker(FakeDelivery.Mailer mailer, FakeDelivery.Poster poster) {
        return worker(mailer, poster, SendCaps.DEFAULTS);
    }

    private ReportSender worker(FakeDelivery.Mailer mailer, FakeDelivery.Poster poster, SendCaps caps) {
        ReportSender.Ports ports = new ReportSender.Ports(results, new DynamoDbLedger(dynamo, "tlsrpt-ledger"),
                new TlsrptRecordLookup(ZoneFileTxtResolver.fromFile(Fixtures.event("local.zone"))),
                new DynamoDbSuppressionList(dynamo, "tlsrpt-suppression"), mailer, poster, new FakeDelivery.Outcomes());
        MessageSigning signing = new MessageSigning.Ready(
                new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), CLOCK));
        // The worker's rules: what `tlsrpt rules` writes, read from the stack's rules table.
        return new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing, SendPacer.of(1000, 1),
                caps, new DynamoDbDestinationRules(dynamo, "tlsrpt-rules"), CLOCK);
    }

    @Test
    void preview_shouldPrintExactlyTheReportTheWorkerThenSends() throws Exception {
        // GIVEN the preview of example.com's report
        Run preview = cli("preview", "--day", DAY.toString(), "--domain", "example.com");
        assertThat(preview.exitCode()).isZero();
        assertThat(preview.err()).contains("would send to: mailto:tlsrpt@example.com")
                .contains("https://reports.example.com:8443/v1/tlsrpt");

        // WHEN the worker sends it
        FakeDelivery.Poster poster = new FakeDelivery.Poster();
        worker(new FakeDelivery.Mailer(), poster).send(new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com"));

        // THEN the body it posted is the previewed JSON, byte for byte
        assertThat(poster.bodies()).hasSize(1);
        String sent = new String(new GZIPInputStream(new ByteArrayInputStream(poster.bodies().get(0))).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(preview.out().strip()).isEqualTo(sent);
        JsonNode report = Json.MAPPER.readTree(sent);
        assertThat(report.get("report-id").textValue()).isEqualTo("20261128.rcpt.example.com@sender.example");
    }

    @Test
    void preview_shouldSayWhyNothingWouldBeSent() {
        Run noRecord = cli("preview", "--day", DAY.toString(), "--domain", "norecord.example");
        Run allSuccess = cli("preview", "--day", DAY.toString(), "--domain", "quiet.example");
        Run twoRecords = cli("preview", "--day", DAY.toString(), "--domain", "tworecords.example");
        Run noData = cli("preview", "--day", "2026-11-20", "--domain", "example.com");

        assertThat(noRecord.exitCode()).isEqualTo(PreviewCommand.NO_REPORT);
        assertThat(noRecord.err()).contains("no TLSRPT record");
        assertThat(allSuccess.err()).contains("nothing to report");
        assertThat(twoRecords.err()).contains("several TLSRPT records");
        assertThat(noData.err()).contains("no results");
        assertThat(noRecord.out()).isEmpty();
    }

    @Test
    void preview_shouldShowTheMxHostReportWithOneEntryPerRecipientDomain() throws Exception {
        Run preview = cli("preview", "--day", DAY.toString(), "--domain", "mx.dane-hosting.example", "--mx-host");

        assertThat(preview.exitCode()).isZero();
        JsonNode policies = Json.MAPPER.readTree(preview.out()).get("policies");
        assertThat(policies).extracting(p -> p.get("policy").get("policy-domain").textValue())
                .containsExactlyInAnyOrder("dane.example", "other-dane.example");
        assertThat(policies).allSatisfy(p ->
                assertThat(p.get("policy").get("mx-host").get(0).textValue()).isEqualTo("mx.dane-hosting.example"));
    }

    @Test
    void status_shouldShowWhatTheRunDidPerDestinationAndTarget() throws Exception {
        Run before = Cli.run("status", "--day", DAY.toString());
        assertThat(before.out()).contains("example.com").contains("not planned yet");

        new DynamoDbSuppressionList(dynamo, "tlsrpt-suppression").upsert(new Suppression("bounced@example.com", null,
                "bounced", SuppressionSource.OPERATOR, null, CLOCK.instant()));
        ReportSender worker = worker(new FakeDelivery.Mailer(), new FakeDelivery.Poster());
        worker.send(new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com"));
        worker.send(new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "norecord.example"));

        Run after = Cli.run("status", "--day", DAY.toString(), "--json");
        assertThat(after.exitCode()).isZero();
        JsonNode destinations = Json.MAPPER.readTree(after.out());
        JsonNode example = find(destinations, "example.com");
        assertThat(example.get("state").textValue()).isEqualTo("sent");
        assertThat(example.get("deliveries")).extracting(d -> d.get("target").textValue() + " " + d.get("state").textValue())
                .contains("mailto:tlsrpt@example.com sent", "mailto:bounced@example.com skipped",
                        "https://reports.example.com:8443/v1/tlsrpt sent");
        assertThat(find(destinations, "norecord.example").get("state").textValue()).isEqualTo("skipped");
        assertThat(find(destinations, "norecord.example").get("reason").textValue()).contains("no TLSRPT record");
        assertThat(find(destinations, "quiet.example").get("state").textValue()).isEqualTo("not planned yet");
    }

    @Test
    void rules_shouldDecideEachTargetAsTestShows_andStatusShouldNameTheRule() throws Exception {
        // GIVEN rules added with the CLI: discard one address, copy the https URI's reports to the operator
        assertThat(Cli.run("rules", "add", "no-bounced", "--uri", "mailto:Bounced@example.com", "--action", "discard",
                "--reason", "known dead mailbox", "--position", "10").exitCode()).isZero();
        assertThat(Cli.run("rules", "add", "copy-https", "--domain", "reports.example.com", "--action", "copy",
                "--to", "mailto:ops@sender.example", "--position", "20").exitCode()).isZero();
        // AND a rule that never matches, to be removed again
        assertThat(Cli.run("rules", "add", "unused", "--regex", "mailto:nobody@.*", "--action", "allow").exitCode()).isZero();
        assertThat(Cli.run("rules", "remove", "unused").exitCode()).isZero();
        assertThat(Cli.run("rules", "remove", "unused").exitCode()).isEqualTo(1);
        Run list = Cli.run("rules", "list", "--json");
        assertThat(Json.MAPPER.readTree(list.out())).extracting(r -> r.get("id").textValue())
                .containsExactly("no-bounced", "copy-https");

        // WHEN `rules test` looks at example.com's record, and the worker sends its report
        Run test = Cli.run("rules", "test", "example.com", "--zone", Fixtures.event("local.zone").toString(), "--json");
        FakeDelivery.Mailer mailer = new FakeDelivery.Mailer();
        FakeDelivery.Poster poster = new FakeDelivery.Poster();
        worker(mailer, poster).send(new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com"));

        // THEN the test shows the plan the worker then carried out
        assertThat(test.exitCode()).isZero();
        JsonNode plan = Json.MAPPER.readTree(test.out());
        assertThat(plan.get("deliver")).extracting(t -> t.get("uri").textValue()).containsExactly(
                "mailto:tlsrpt@example.com", "https://reports.example.com:8443/v1/tlsrpt", "mailto:ops@sender.example");
        assertThat(plan.get("skipped")).extracting(t -> t.get("uri").textValue()).containsExactly("mailto:bounced@example.com");
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tlsrpt@example.com", "ops@sender.example");
        assertThat(poster.delivered()).hasSize(1);
        // AND status names the rule that decided each target
        JsonNode example = find(Json.MAPPER.readTree(Cli.run("status", "--day", DAY.toString(), "--json").out()), "example.com");
        assertThat(example.get("deliveries")).extracting(d -> d.get("target").textValue() + " " + d.get("state").textValue()
                        + " " + (d.has("reason") ? d.get("reason").textValue() : "-"))
                .containsExactlyInAnyOrder(
                        "mailto:bounced@example.com skipped rule no-bounced: discarded (known dead mailbox)",
                        "mailto:ops@sender.example sent rule copy-https: copy of the report to https://reports.example.com:8443/v1/tlsrpt",
                        "mailto:tlsrpt@example.com sent -",
                        "https://reports.example.com:8443/v1/tlsrpt sent -");
    }

    @Test
    void rules_redirectAndAllow_withTheUriCap_onTheEmulator() throws Exception {
        // GIVEN example.net's reports redirected to the operator, and example.com's https receiver allowed
        assertThat(Cli.run("rules", "add", "to-ops", "--domain", "example.net", "--action", "redirect",
                "--to", "mailto:ops@sender.example").exitCode()).isZero();
        assertThat(Cli.run("rules", "add", "trusted", "--regex", "https://reports\\.example\\.com:8443/.*",
                "--action", "allow").exitCode()).isZero();

        // WHEN the worker sends both reports, with one URI per record
        FakeDelivery.Mailer mailer = new FakeDelivery.Mailer();
        FakeDelivery.Poster poster = new FakeDelivery.Poster();
        ReportSender worker = worker(mailer, poster, new SendCaps(1, 100, 100));
        worker.send(new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com"));
        worker.send(new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.net"));

        // THEN example.com's first address and its allowed receiver got it, its second address hit the cap;
        // example.net's report went to the operator instead
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tlsrpt@example.com", "ops@sender.example");
        assertThat(poster.delivered()).hasSize(1);
        JsonNode destinations = Json.MAPPER.readTree(Cli.run("status", "--day", DAY.toString(), "--json").out());
        assertThat(find(destinations, "example.com").get("deliveries"))
                .extracting(d -> d.get("target").textValue() + " " + (d.has("reason") ? d.get("reason").textValue() : "-"))
                .containsExactlyInAnyOrder("mailto:tlsrpt@example.com -",
                        "mailto:bounced@example.com cap: only the first 1 URIs of a record are used",
                        "https://reports.example.com:8443/v1/tlsrpt rule trusted: allowed past the caps");
        assertThat(find(destinations, "example.net").get("deliveries"))
                .extracting(d -> d.get("target").textValue() + " " + d.get("state").textValue())
                .containsExactlyInAnyOrder("mailto:postmaster@example.net skipped", "mailto:ops@sender.example sent");
    }

    private static JsonNode find(JsonNode destinations, String domain) {
        for (JsonNode destination : destinations) {
            if (destination.get("domain").textValue().equals(domain) && destination.get("kind").textValue().equals("RECIPIENT_DOMAIN")) {
                return destination;
            }
        }
        throw new AssertionError("no destination " + domain + " in " + destinations);
    }
}
