package dev.tlsrpt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.ApiRequest;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.IngestMetrics;
import dev.tlsrpt.ingest.RequestLog;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.QuietDestinations;
import dev.tlsrpt.send.ReportPlan;
import dev.tlsrpt.send.ReportPlanner;
import dev.tlsrpt.send.ReportPoster.PostResult;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.send.events.DaySummary;
import dev.tlsrpt.store.dynamodb.DynamoDbDestinationRules;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each function's DynamoDB calls, made on the emulator by its real code path (failure paths included), are
 * allowed by its policy in template.yaml ({@link DynamoDbPermissions}). The suppression function's own test
 * is in its module.
 */
class FunctionPermissionsIT {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
    /** The calls of the function under test only: the setup uses a client of its own. */
    private final DynamoDbPermissions permissions = new DynamoDbPermissions();
    private DynamoDbClient setup;

    @BeforeEach
    void tablesNamedAsTheTemplateNamesThem() {
        MotoServer.get().reset();
        setup = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        LocalTables.createResultsTable(setup, "ResultsTable");
        LocalTables.createTokensTable(setup, "TokensTable");
        LocalTables.create(setup, "LedgerTable", true);
        SuppressionTableDefinition.create(setup, "SuppressionTable");
        LocalTables.createRulesTable(setup, "RulesTable");
    }

    private DynamoDbResultStore results(DynamoDbClient dynamo) {
        return new DynamoDbResultStore(dynamo, "ResultsTable", 16, clock);
    }

    private void dayIngested() {
        results(setup).apply("batch-1", "hash-1", BatchAggregator.aggregate(WorkerFixtures.mixedDay()));
    }

    /** The worker's day: a transient failure gives a claim back, a cap refuses a target, MX hosts read the ledger. */
    private void runTheWorkersDay(DynamoDbClient dynamo) {
        FakeDelivery.Poster poster = new FakeDelivery.Poster()
                .answer("https://reports.rcpt.example/tlsrpt", new PostResult.TransientFailure("503"), new PostResult.Delivered(200));
        ReportSender.Ports ports = new ReportSender.Ports(results(dynamo), new DynamoDbLedger(dynamo, "LedgerTable"),
                new TlsrptRecordLookup(new WorkerFixtures.SwitchableResolver(WorkerFixtures.ZONE)),
                new DynamoDbSuppressionList(dynamo, "SuppressionTable"), new FakeDelivery.Mailer(), poster, outcome -> { });
        MessageSigning signing = new MessageSigning.Ready(
                new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), clock));
        // One report per reporting domain: rcpt.example's second address is refused by the cap.
        ReportSender worker = new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing,
                SendPacer.of(1000, 1), new SendCaps(10, 100, 1), new DynamoDbDestinationRules(dynamo, "RulesTable"), clock);
        results(setup).destinations(TlsrptFixtures.DAY).forEach(worker::send);
        clock.advance(Duration.ofMinutes(30));
        results(setup).destinations(TlsrptFixtures.DAY).forEach(worker::send);
    }

    @Test
    void worker() {
        dayIngested();

        runTheWorkersDay(permissions.recordingClient());

        assertThat(permissions.calls()).extracting(DynamoDbPermissions.Call::action)
                .contains("DeleteItem", "PutItem", "UpdateItem", "Query", "GetItem", "Scan");
        assertThat(permissions.calls()).filteredOn(c -> c.table().equals("SuppressionTable")).isNotEmpty();
        assertThat(permissions.notAllowedFor("ReportWorkerFunction")).as("calls the worker's policy does not allow").isEmpty();
    }

    @Test
    void ingest() {
        // GIVEN a token (the CLI creates it, not ingest)
        ApiToken token = new DynamoDbTokenStore(setup, "TokensTable", clock).create("mta1");
        DynamoDbClient dynamo = permissions.recordingClient();
        IngestApi api = new IngestApi(new DynamoDbTokenStore(dynamo, "TokensTable", clock), results(dynamo),
                java.time.Clock.fixed(Instant.parse("2026-11-28T20:00:00Z"), java.time.ZoneOffset.UTC),
                new IngestMetrics(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock));
        String batch = """
                {"results": [{"time": "2026-11-28T13:45:07Z", "recipient-domain": "rcpt.example",
                  "policy": {"policy-type": "tlsa", "policy-domain": "mx.rcpt.example", "policy-string": ["3 1 1 AB12"]},
                  "successful-sessions": 3, "failed-sessions": 1,
                  "failure-details": [{"result-type": "tlsa-invalid", "receiving-mx-hostname": "mx.rcpt.example",
                    "failed-session-count": 1}]}]}
                """;
        String sameKeyOtherBody = batch.replace("\"successful-sessions\": 3", "\"successful-sessions\": 4");

        // WHEN a batch is posted, posted again, and posted under its key with another body
        List<Integer> statuses = new ArrayList<>();
        for (String body : List.of(batch, batch, sameKeyOtherBody)) {
            statuses.add(api.handle(new ApiRequest("POST", "/v1/results", Map.of("authorization", "Bearer " + token.value(),
                    "content-type", "application/json", "idempotency-key", "b-1"), body.getBytes(StandardCharsets.UTF_8)),
                    new RequestLog("/v1/results")).status());
        }

        // THEN stored, duplicate, conflict; and every call allowed
        assertThat(statuses).containsExactly(202, 200, 422);
        assertThat(permissions.calls()).extracting(DynamoDbPermissions.Call::action)
                .contains("GetItem", "PutItem", "UpdateItem", "BatchWriteItem");
        assertThat(permissions.notAllowedFor("IngestFunction")).as("calls ingest's policy does not allow").isEmpty();
    }

    @Test
    void planner() {
        dayIngested();
        List<Object> queued = new ArrayList<>();
        DynamoDbClient dynamo = permissions.recordingClient();
        DynamoDbResultStore store = results(dynamo);
        QuietDestinations quiet = new QuietDestinations(new DynamoDbLedger(dynamo, "LedgerTable"), false,
                () -> outcome -> { }, clock);

        ReportPlan plan = new ReportPlanner(store, store::closeDay, (jobs, delay, spread) -> queued.addAll(jobs), clock,
                Duration.ZERO, quiet).plan(TlsrptFixtures.DAY);

        assertThat(queued).isNotEmpty();
        assertThat(plan.noReport()).as("destinations recorded in the ledger").isPositive();
        assertThat(permissions.calls()).extracting(DynamoDbPermissions.Call::action).contains("Query", "PutItem");
        // The quiet destinations' transaction, authorised per item.
        assertThat(permissions.calls()).filteredOn(call -> call.table().equals("LedgerTable"))
                .extracting(DynamoDbPermissions.Call::action).containsOnly("UpdateItem").hasSize(plan.noReport());
        assertThat(permissions.notAllowedFor("PlannerFunction")).as("calls the planner's policy does not allow").isEmpty();
    }

    @Test
    void daySummary() {
        dayIngested();
        runTheWorkersDay(setup);
        DynamoDbClient dynamo = permissions.recordingClient();

        DaySummary summary = DaySummary.of(TlsrptFixtures.DAY, results(dynamo), new DynamoDbLedger(dynamo, "LedgerTable"));

        assertThat(summary.destinations()).isPositive();
        assertThat(permissions.notAllowedFor("DaySummaryFunction")).as("calls the day summary's policy does not allow").isEmpty();
    }
}
