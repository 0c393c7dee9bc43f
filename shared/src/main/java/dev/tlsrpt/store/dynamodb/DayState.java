package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;
import static dev.tlsrpt.store.dynamodb.ResultItems.*;

import dev.tlsrpt.store.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Whether a day is still open to writes or the reporting run has closed it (docs/storage.md): one copy of the
 * day's state per shard, {@code DAYSTATE#<day>#<shard>}, so that the writes' condition checks spread out.
 * A closed day stays closed, so a container remembers it; an open day is looked up again after a minute.
 */
final class DayState {
    private static final Duration OPEN_DAY_CACHE = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;
    private final int shards;
    private final Clock clock;
    private final Map<LocalDate, Instant> openDaysCheckedAt = new ConcurrentHashMap<>();
    private final Set<LocalDate> closedDays = ConcurrentHashMap.newKeySet();

    DayState(DynamoDbClient dynamo, String table, int shards, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
        this.clock = clock;
    }

    /** Today and later days are open by definition; an earlier one is closed once its state says so. */
    boolean isClosed(LocalDate day) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!day.isBefore(today)) {
            return false;
        }
        if (closedDays.contains(day)) {
            return true;
        }
        Instant checked = openDaysCheckedAt.get(day);
        if (checked != null && checked.plus(OPEN_DAY_CACHE).isAfter(clock.instant())) {
            return false;
        }
        boolean closed;
        try {
            closed = dynamo.getItem(r -> r.tableName(table)
                    .key(Map.of(PK, s(dayStatePartition(day, 0)), SK, s("#")))).hasItem();
        } catch (SdkException e) {
            throw new StorageUnavailableException("storage did not answer", e);
        }
        if (closed) {
            closedDays.add(day);
        } else {
            openDaysCheckedAt.put(day, clock.instant());
        }
        return closed;
    }

    /**
     * Marks a day as taken by the reporting run, all copies of its state in one transaction: once this
     * returns, no write for the day can commit any more (each checks its copy), so the day's counters can be
     * read right away, with strongly consistent reads.
     */
    void close(LocalDate day) {
        List<TransactWriteItem> copies = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            copies.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                    PK, s(dayStatePartition(day, shard)), SK, s("#"),
                    CLOSED, s(day.toString()),
                    EXPIRES, n(epochSecond(day.plusDays(BATCH_RETENTION_DAYS + RESULT_RETENTION_DAYS))))).build()).build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(copies));
        } catch (SdkException e) {
            throw new StorageUnavailableException("storage did not close the day", e);
        }
    }

    /** A write's condition that the reporting run has not closed the day, checked on the writer's copy. */
    TransactWriteItem stillOpen(LocalDate day, int copy) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(table)
                .key(Map.of(PK, s(dayStatePartition(day, copy)), SK, s("#")))
                .conditionExpression("attribute_not_exists(#closed)")
                .expressionAttributeNames(Map.of("#closed", CLOSED))
                .build()).build();
    }
}
