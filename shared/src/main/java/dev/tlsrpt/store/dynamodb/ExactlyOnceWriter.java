package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;
import static dev.tlsrpt.store.dynamodb.ResultItems.*;

import dev.tlsrpt.store.BatchConflictException;
import dev.tlsrpt.store.ResultStore.ApplyOutcome;
import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.store.WriteBudget;
import dev.tlsrpt.tlsrpt.CounterDelta;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Applies a batch's deltas exactly once (docs/storage.md). They are written in transactions of at most
 * {@link #UPDATES_PER_TRANSACTION} counter updates, each together with a marker item for that chunk of the
 * batch that must not exist yet, and a check that each of its days is still open. A chunk is therefore
 * applied whole or not at all, and a chunk applied once is never applied again: a retry after a failure
 * halfway skips the chunks whose markers exist and applies the rest.
 */
final class ExactlyOnceWriter {
    /** DynamoDB's limit on actions per transaction. */
    static final int ACTIONS_PER_TRANSACTION = 100;
    /** Counter updates in one transaction of a batch for one day: the rest is its marker and its day's condition. */
    static final int UPDATES_PER_TRANSACTION = ACTIONS_PER_TRANSACTION - 2;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int shards;
    private final DayState days;
    private final MxHostPointers pointers;

    ExactlyOnceWriter(DynamoDbClient dynamo, String table, int shards, DayState days) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
        this.days = days;
        this.pointers = new MxHostPointers(dynamo, table, shards);
    }

    ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas, WriteBudget budget) {
        long markerExpires = markerExpires(deltas);
        int dayShard = shardOf(batchId, shards);
        List<List<CounterDelta>> chunks = chunks(deltas);
        boolean allSeenBefore = !deltas.isEmpty();
        int written = 0;
        int folded = 0;
        Set<LocalDate> closed = new TreeSet<>();
        // Pointers before their counters, so that a counter committed before the day closed is found through
        // its MX host by the planner's read right after the close; a pointer whose counter then fails to
        // be written points at nothing and is skipped. Nothing is written for a batch id reused for
        // another body: its first marker is looked at first.
        List<WriteRequest> missingPointers = pointers.notYetWritten(deltas);
        if (!missingPointers.isEmpty()) {
            budget.beforeCall("the batch's first marker");
            markerExists(batchId, 0, bodyHash, null);
            pointers.write(missingPointers, budget);
        }
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            List<CounterDelta> part = chunks.get(chunk);
            ChunkOutcome outcome = applyChunk(batchId, chunk, bodyHash, markerExpires, dayShard, part, budget);
            closed.addAll(outcome.closedDays);
            if (!outcome.seenBefore) {
                allSeenBefore = false;
                written += outcome.written;
                folded += outcome.folded;
            }
        }
        return new ApplyOutcome(allSeenBefore, written, folded, closed);
    }

    /**
     * Consecutive parts of the batch, each one transaction: its marker, one condition on each of its days
     * and its counter updates, at most {@link #ACTIONS_PER_TRANSACTION} in all.
     */
    static List<List<CounterDelta>> chunks(List<CounterDelta> deltas) {
        List<List<CounterDelta>> chunks = new ArrayList<>();
        List<CounterDelta> current = new ArrayList<>();
        Set<LocalDate> days = new HashSet<>();
        for (CounterDelta delta : deltas) {
            int daysAfter = days.size() + (days.contains(delta.day()) ? 0 : 1);
            if (1 + daysAfter + current.size() + 1 > ACTIONS_PER_TRANSACTION) {
                chunks.add(current);
                current = new ArrayList<>();
                days = new HashSet<>();
            }
            current.add(delta);
            days.add(delta.day());
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * From the batch, never from the clock: every attempt of a batch, also a client's retry minutes later,
     * must send byte-identical requests, or DynamoDB refuses the reused request token.
     */
    private static long markerExpires(List<CounterDelta> deltas) {
        LocalDate latest = deltas.stream().map(CounterDelta::day).max(LocalDate::compareTo).orElse(LocalDate.EPOCH);
        return epochSecond(latest.plusDays(BATCH_RETENTION_DAYS + 1));
    }

    private record ChunkOutcome(boolean seenBefore, int written, int folded, Set<LocalDate> closedDays) {
    }

    private ChunkOutcome applyChunk(String batchId, int chunk, String bodyHash, long markerExpires, int dayShard,
                                    List<CounterDelta> deltas, WriteBudget budget) {
        Map<String, Set<String>> knownDetailIds = Map.of();
        Set<LocalDate> closed = new TreeSet<>();
        List<CounterDelta> part = deltas;
        for (int attempt = 1; attempt <= ATTEMPTS_WHEN_BUSY; attempt++) {
            budget.beforeCall("part " + (chunk + 1) + " of the batch");
            ChunkActions chunkActions = actions(batchId, chunk, bodyHash, markerExpires, dayShard, part, knownDetailIds);
            List<LocalDate> partDays = chunkActions.days();
            List<TransactWriteItem> actions = chunkActions.actions();
            int folded = chunkActions.folded();
            // The same token for the same request only: what the actions hold follows from the batch, the
            // days found closed and the detail ids read after a cancellation, so those are part of the token.
            String requestToken = StorageKeys.hash(
                    batchId + "#" + chunk + "#" + attempt + "#" + closed + "#" + fingerprint(knownDetailIds), 32);
            try {
                dynamo.transactWriteItems(r -> r.transactItems(actions).clientRequestToken(requestToken));
                return new ChunkOutcome(false, part.size(), folded, closed);
            } catch (TransactionCanceledException cancelled) {
                ChunkCancellation why = ChunkCancellation.of(cancelled, partDays);
                // The marker exists: this chunk was applied before, or the batch id was used for another body.
                if (why.marker() != null && markerExists(batchId, chunk, bodyHash, why.marker())) {
                    return new ChunkOutcome(true, 0, 0, closed);
                }
                if (!why.closedDays().isEmpty()) {
                    // The reporting run closed these days before this write: their results are late, the
                    // rest is written without them.
                    closed.addAll(why.closedDays());
                    part = part.stream().filter(d -> !closed.contains(d.day())).toList();
                    if (part.isEmpty()) {
                        return new ChunkOutcome(false, 0, 0, closed);
                    }
                    attempt--;
                    continue;
                }
                if (why.withoutReasons() && markerExists(batchId, chunk, bodyHash, null)) {
                    return new ChunkOutcome(true, 0, 0, closed);
                }
                // A counter near its detail cap, or another writer on the same item at the same moment.
                budget.beforeCall("reading part " + (chunk + 1) + "'s counters");
                knownDetailIds = readDetailIds(part);
                sleep(attempt * 20L);
            } catch (SdkException e) {
                throw new StorageUnavailableException("storage did not accept the batch", e);
            }
        }
        throw new StorageUnavailableException("storage stayed busy for this batch", null);
    }

    /** One part's transaction, the part's days (sorted, each once) and how many details its updates folded. */
    private record ChunkActions(List<TransactWriteItem> actions, List<LocalDate> days, int folded) {
    }

    /** One part's transaction: its marker, one condition on each of its days and its counter updates. */
    private ChunkActions actions(String batchId, int chunk, String bodyHash, long markerExpires, int dayShard,
                                 List<CounterDelta> part, Map<String, Set<String>> knownDetailIds) {
        List<LocalDate> partDays = part.stream().map(CounterDelta::day).distinct().sorted().toList();
        List<TransactWriteItem> actions = new ArrayList<>(part.size() + partDays.size() + 1);
        actions.add(marker(batchId, chunk, bodyHash, markerExpires));
        for (LocalDate day : partDays) {
            actions.add(days.stillOpen(day, dayShard));
        }
        int folded = 0;
        for (CounterDelta delta : part) {
            CounterUpdate update = CounterUpdate.of(delta, counterKey(delta, shards),
                    knownDetailIds.get(counterSortKey(delta.recipientDomain(), delta.policy())),
                    counterExpires(delta.day()));
            folded += update.folded();
            actions.add(TransactWriteItem.builder().update(update.toUpdate(table)).build());
        }
        return new ChunkActions(actions, partDays, folded);
    }

    /** Deltas in one priming transaction: a few are enough to build and marshal every kind of action. */
    private static final int PRIMING_DELTAS = 10;

    /**
     * Priming before a SnapStart snapshot (docs/design.md 8): the transaction the first part of {@code sample}
     * would be, built as a batch's is, behind a check on an item that cannot exist, so that DynamoDB cancels it
     * whole and nothing is written.
     */
    void primeRefused(List<CounterDelta> sample) {
        List<CounterDelta> part = sample.subList(0, Math.min(sample.size(), PRIMING_DELTAS));
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(DynamoDbPriming.impossibleCheck(table));
        actions.addAll(actions("priming", 0, "priming", markerExpires(part), 0, part, Map.of()).actions());
        try {
            dynamo.transactWriteItems(r -> r.transactItems(actions));
        } catch (DynamoDbException expected) {
            // Cancelled by the first check (or refused whole): nothing was written.
        }
    }

    private static String fingerprint(Map<String, Set<String>> detailIds) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(detailIds).forEach((key, ids) -> text.append(key).append('=').append(new TreeSet<>(ids)).append(';'));
        return text.toString();
    }

    private TransactWriteItem marker(String batchId, int chunk, String bodyHash, long expires) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(Map.of(
                        PK, s(batchPartition(batchId)),
                        SK, s("#" + chunk),
                        BODY_HASH, s(bodyHash),
                        EXPIRES, n(expires)))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    /** Whether this chunk's marker exists, from the cancellation's copy of it when there is one. */
    private boolean markerExists(String batchId, int chunk, String bodyHash, CancellationReason reason) {
        Map<String, AttributeValue> item = reason == null || !reason.hasItem() ? null : reason.item();
        if (item == null || item.isEmpty()) {
            try {
                item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                        .key(Map.of(PK, s(batchPartition(batchId)), SK, s("#" + chunk)))).item();
            } catch (SdkException e) {
                throw new StorageUnavailableException("storage did not answer", e);
            }
        }
        if (item == null || item.isEmpty()) {
            return false;
        }
        if (!bodyHash.equals(item.get(BODY_HASH).s())) {
            throw new BatchConflictException("this Idempotency-Key was used before for a different body");
        }
        return true;
    }

    private Map<String, Set<String>> readDetailIds(List<CounterDelta> part) {
        Map<String, Set<String>> ids = new HashMap<>();
        try {
            for (CounterDelta delta : part) {
                if (delta.details().isEmpty()) {
                    continue;
                }
                Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                        .key(counterKey(delta, shards)).projectionExpression("#dk").expressionAttributeNames(Map.of("#dk", DETAIL_IDS))).item();
                AttributeValue set = item == null ? null : item.get(DETAIL_IDS);
                ids.put(counterSortKey(delta.recipientDomain(), delta.policy()), set == null ? Set.of() : new HashSet<>(set.ss()));
            }
        } catch (SdkException e) {
            throw new StorageUnavailableException("storage did not answer", e);
        }
        return ids;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted", e);
        }
    }
}
