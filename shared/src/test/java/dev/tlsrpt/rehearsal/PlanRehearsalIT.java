package dev.tlsrpt.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.store.IndexedDestination;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.SyntheticBatches;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The planner's rehearsal answers its index read with what DynamoDB itself answers for the same day. */
class PlanRehearsalIT {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void theIndexedFormOfADaysResultsReadsAsTheEmulatorsIndexOfThem() throws Exception {
        // GIVEN a realistic day stored through a store of one shard in the emulator, and read back
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        DynamoDbResultStore stored = new DynamoDbResultStore(dynamo, "tlsrpt-results", 1, CLOCK);
        byte[] body = SyntheticBatches.realistic(400, 60, DAY, 7);
        stored.apply("batch-i", "hash-i", BatchAggregator.aggregate(ResultsRequestParser.parse(body, CLOCK.instant()).results()));
        List<IndexedDestination> real = stored.index(DAY);
        List<TlsResult> results = new ArrayList<>();
        for (IndexedDestination destination : real) {
            if (destination.key().kind() == DestinationKind.RECIPIENT_DOMAIN) {
                results.addAll(stored.results(destination.key()));
            }
        }
        // (the day has both kinds of destination, and recipient domains with and without failures)
        assertThat(real).extracting(d -> d.key().kind()).contains(DestinationKind.RECIPIENT_DOMAIN, DestinationKind.MX_HOST);
        assertThat(real).extracting(IndexedDestination::anyFailure).contains(true, false);

        // WHEN the same results are answered in their indexed form, as the rehearsal answers the index Query
        String answer = DynamoDbWire.queryAnswer(results.stream().flatMap(r -> DynamoDbResultStore.indexedForm(r).stream())
                .sorted(Comparator.comparing(item -> item.get("sk").s())).toList());
        DynamoDbResultStore canned = new DynamoDbResultStore(SdkClients.dynamoDb(b -> b.httpClient(CannedHttpClient.byTarget(
                Map.of("DynamoDB_20120810.Query", CannedHttpClient.Answer.json(answer))))), "tlsrpt-results", 1, CLOCK);

        // THEN the index reads as the emulator's: the same destinations, in the same order, with the same flags
        List<IndexedDestination> rehearsed = canned.index(DAY);
        assertThat(rehearsed).isEqualTo(real);
    }
}
