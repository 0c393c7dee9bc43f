package dev.tlsrpt.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.ItemSize;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.SyntheticBatches;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The write capacity one ingested result costs, computed from the requests sent to the emulator and the
 * sizes of the items they touch, as DynamoDB bills them: a transactional write costs two write units per
 * started KB of the larger of the item's size before and after.
 */
class WriteCostIT {
    private static final String TABLE = "tlsrpt-results";
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void realisticBatch_shouldCostAtMostFiveHundredthsOfAWriteUnitPerResult() throws Exception {
        // GIVEN a day on which these 20 destinations already have counters (the steady state)
        MotoServer.get().reset();
        DynamoDbClient plain = Emulated.dynamoDb();
        LocalTables.createResultsTable(plain, TABLE);
        new DynamoDbResultStore(plain, TABLE, 16, CLOCK).apply("warm", "warm", deltas(1));
        List<TransactWriteItemsRequest> sent = new ArrayList<>();
        List<BatchWriteItemRequest> pointerWrites = new ArrayList<>();
        DynamoDbClient recording = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest request) {
                            sent.add(request);
                        }
                        if (context.request() instanceof BatchWriteItemRequest request) {
                            pointerWrites.add(request);
                        }
                    }
                })).build();
        List<CounterDelta> batch = deltas(2);
        List<Map<String, AttributeValue>> keys = batch.stream().map(d -> ResultItems.counterKey(d, 16)).toList();
        List<Long> before = keys.stream().map(k -> size(plain, k)).toList();

        // WHEN a realistic batch of 1,000 results over 20 recipient domains is stored
        new DynamoDbResultStore(recording, TABLE, 16, CLOCK).apply("measured", "measured", batch);

        // THEN the write units, counted per item of each transaction, stay within budget
        long units = 0;
        long unitsWithoutExactlyOnce = 0;
        int items = 0;
        int conditionChecks = 0;
        for (TransactWriteItemsRequest request : sent) {
            for (TransactWriteItem action : request.transactItems()) {
                items++;
                if (action.conditionCheck() != null) {
                    // The closed-day condition: a transactional read (2 RCU), no write unit.
                    conditionChecks++;
                    continue;
                }
                if (action.put() != null) {
                    units += ItemSize.writeUnits(ItemSize.of(action.put().item()), true);
                    continue;
                }
                Map<String, AttributeValue> key = action.update().key();
                int index = keys.indexOf(key);
                long largest = Math.max(index < 0 ? 0 : before.get(index), size(plain, key));
                units += ItemSize.writeUnits(largest, true);
                unitsWithoutExactlyOnce += ItemSize.writeUnits(largest, false);
            }
        }
        // The MX hosts' pointers: plain puts of small items, one write unit each.
        long pointers = pointerWrites.stream().flatMap(r -> r.requestItems().values().stream())
                .flatMap(List::stream).peek(w -> assertThat(ItemSize.of(w.putRequest().item())).isLessThan(1024)).count();
        units += pointers;
        unitsWithoutExactlyOnce += pointers;
        double perResult = units / 1000.0;
        String figure = String.format("ingest write cost: %d transaction(s) with %d items + %d MX-host pointers = %d WCU "
                        + "for 1000 results = %.4f WCU/result (the same updates without transaction and batch marker: "
                        + "%d WCU = %.4f WCU/result); plus %d closed-day condition check(s) at 2 RCU",
                sent.size(), items, pointers, units, perResult, unitsWithoutExactlyOnce, unitsWithoutExactlyOnce / 1000.0,
                conditionChecks);
        System.out.println(figure);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/figures"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/figures/ingest-write-cost.txt"), figure + "\n");
        assertThat(perResult).isLessThanOrEqualTo(0.05);
    }

    private static List<CounterDelta> deltas(long seed) throws Exception {
        byte[] body = SyntheticBatches.realistic(1000, 20, DAY, seed);
        return BatchAggregator.aggregate(ResultsRequestParser.parse(body, CLOCK.instant()).results());
    }

    private static long size(DynamoDbClient dynamo, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(TABLE).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? 0 : ItemSize.of(item);
    }
}
