package dev.tlsrpt.store.dynamodb;

import dev.tlsrpt.store.IndexedDestination;
import dev.tlsrpt.store.ResultStore;
import dev.tlsrpt.store.StorageLimits;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.store.WriteBudget;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Per-day counters in one DynamoDB table (layout: docs/storage.md), in parts with one job each
 * (docs/design.md 1.1): {@link ExactlyOnceWriter} applies batches exactly once, {@link DayState} opens and
 * closes days to writes, {@link CounterReader} reads a day's counters back for the reporting run.
 *
 * <p>Bounded items: each counter keeps at most {@link StorageLimits#MAX_DISTINCT_DETAILS} distinct failure
 * details ({@link dev.tlsrpt.store.DetailCap}), enforced by a condition on the size of its detail-id set;
 * details beyond that are folded into one count per result type, and the report says so.
 */
public final class DynamoDbResultStore implements ResultStore, StoredResults {
    /** The shards of a day's index (template.yaml's ResultShards): partition keys carry two digits. */
    public static final int MIN_SHARDS = 1;
    public static final int MAX_SHARDS = 99;
    /** How many days back results are kept: the days whose layout {@link #misplacedShards} can check. */
    public static final int RETENTION_DAYS = ResultItems.RESULT_RETENTION_DAYS;

    private final DayState days;
    private final ExactlyOnceWriter writer;
    private final CounterReader reader;

    public DynamoDbResultStore(DynamoDbClient dynamo, String table, int shards, Clock clock) {
        if (shards < MIN_SHARDS || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be " + MIN_SHARDS + " to " + MAX_SHARDS + ": " + shards);
        }
        this.days = new DayState(dynamo, table, shards, clock);
        this.writer = new ExactlyOnceWriter(dynamo, table, shards, days);
        this.reader = new CounterReader(dynamo, table, shards);
    }

    @Override
    public ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas) {
        return apply(batchId, bodyHash, deltas, WriteBudget.UNBOUNDED);
    }

    @Override
    public ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas, WriteBudget budget) {
        return writer.apply(batchId, bodyHash, deltas, budget);
    }

    @Override
    public boolean isDayClosed(LocalDate day) {
        return days.isClosed(day);
    }

    /**
     * Marks a day as taken by the reporting run: once this returns, no write for the day can commit any more,
     * so the day's counters can be read right away.
     */
    public void closeDay(LocalDate day) {
        days.close(day);
    }

    @Override
    public List<DestinationKey> destinations(LocalDate day) {
        return reader.destinations(day);
    }

    @Override
    public List<IndexedDestination> index(LocalDate day) {
        return reader.index(day);
    }

    @Override
    public List<TlsResult> results(DestinationKey destination) {
        return reader.results(destination);
    }

    /**
     * A prime of ingest's writes (docs/design.md 8): the transaction {@code sample} would start with, sent behind
     * a check that cannot hold, so DynamoDB cancels it and nothing is written.
     */
    public void primeWrites(List<CounterDelta> sample) {
        writer.primeRefused(sample);
    }

    /**
     * The attributes of {@code result}'s counter item, its key aside: what a results query answers with, for the
     * worker's rehearsal before its snapshot (docs/design.md 8).
     */
    public static Map<String, AttributeValue> storedForm(TlsResult result) {
        return CounterReader.storedForm(result);
    }

    /**
     * The items a day's index read answers with for {@code result} in a store of one shard, in DynamoDB's order
     * (the MX host's pointer, sorted before the counter): for the planner's rehearsal before its snapshot.
     */
    public static List<Map<String, AttributeValue>> indexedForm(TlsResult result) {
        return CounterReader.indexedForm(result);
    }

    /**
     * The partitions of a day that hold items this store's shard count would put elsewhere: the day was
     * (partly) written with another ResultShards, and reading it with this count misses results.
     */
    public Set<Integer> misplacedShards(LocalDate day) {
        return reader.misplacedShards(day, MAX_SHARDS);
    }
}
