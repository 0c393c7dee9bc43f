package dev.tlsrpt.store.dynamodb;

import dev.tlsrpt.store.StorageLimits;
import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;
import static dev.tlsrpt.store.dynamodb.ResultItems.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.store.BatchConflictException;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.store.ResultStore;
import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.store.WriteBudget;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Per-day counters in one DynamoDB table (layout: docs/storage.md).
 *
 * <p>Exactly once: a batch's counter updates are written in transactions of at most 99 updates, each
 * together with a marker item for that chunk of the batch that must not exist yet. A chunk is therefore
 * applied whole or not at all, and a chunk applied once is never applied again: a retry after a failure
 * halfway skips the chunks whose markers exist and applies the rest.
 *
 * <p>Bounded items: each counter keeps at most {@link StorageLimits#MAX_DISTINCT_DETAILS} distinct failure
 * details, enforced by a condition on the size of its detail-id set; details beyond that are folded into
 * one count per result type, and the report says so.
 */
public final class DynamoDbResultStore implements ResultStore, StoredResults {
    /** DynamoDB's limit on actions per transaction. */
    static final int ACTIONS_PER_TRANSACTION = 100;
    /** Counter updates in one transaction of a batch for one day: the rest is its marker and its day's condition. */
    static final int UPDATES_PER_TRANSACTION = ACTIONS_PER_TRANSACTION - 2;
    private static final int ATTEMPTS_PER_CHUNK = 4;
    private static final Duration OPEN_DAY_CACHE = Duration.ofMinutes(1);
    static final String FOLDED_REASON = "further distinct failure details of this type were folded into this count: "
            + "more than " + StorageLimits.MAX_DISTINCT_DETAILS + " per policy and day";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int shards;
    private final Clock clock;
    private final Map<LocalDate, Instant> openDaysCheckedAt = new ConcurrentHashMap<>();
    private final Set<LocalDate> closedDays = ConcurrentHashMap.newKeySet();
    private final Set<String> writtenPointers = ConcurrentHashMap.newKeySet();
    private static final int MAX_REMEMBERED_POINTERS = 100_000;
    /** The shards of a day's index (template.yaml's ResultShards): partition keys carry two digits. */
    public static final int MIN_SHARDS = 1;
    public static final int MAX_SHARDS = 99;

    public DynamoDbResultStore(DynamoDbClient dynamo, String table, int shards, Clock clock) {
        if (shards < MIN_SHARDS || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be " + MIN_SHARDS + " to " + MAX_SHARDS + ": " + shards);
        }
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
        this.clock = clock;
    }

    @Override
    public ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas) {
        return apply(batchId, bodyHash, deltas, WriteBudget.UNBOUNDED);
    }

    @Override
    public ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas, WriteBudget budget) {
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
        List<WriteRequest> pointers = mxHostPointers(deltas);
        if (!pointers.isEmpty()) {
            budget.beforeCall("the batch's first marker");
            markerExists(batchId, 0, bodyHash, null);
            writeMxHostIndex(pointers, budget);
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
        for (int attempt = 1; attempt <= ATTEMPTS_PER_CHUNK; attempt++) {
            budget.beforeCall("part " + (chunk + 1) + " of the batch");
            List<LocalDate> days = part.stream().map(CounterDelta::day).distinct().sorted().toList();
            List<TransactWriteItem> actions = new ArrayList<>(part.size() + days.size() + 1);
            actions.add(marker(batchId, chunk, bodyHash, markerExpires));
            for (LocalDate day : days) {
                actions.add(dayStillOpen(day, dayShard));
            }
            int folded = 0;
            for (CounterDelta delta : part) {
                CounterUpdate update = CounterUpdate.of(delta, keyOf(delta), knownDetailIds.get(sortKey(delta)), expiresOf(delta));
                folded += update.folded();
                actions.add(TransactWriteItem.builder().update(update.toUpdate(table)).build());
            }
            // The same token for the same request only: what the actions hold follows from the batch, the
            // days found closed and the detail ids read after a cancellation, so those are part of the token.
            String requestToken = StorageKeys.hash(
                    batchId + "#" + chunk + "#" + attempt + "#" + closed + "#" + fingerprint(knownDetailIds), 32);
            try {
                dynamo.transactWriteItems(r -> r.transactItems(actions).clientRequestToken(requestToken));
                return new ChunkOutcome(false, part.size(), folded, closed);
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.hasCancellationReasons()
                        ? cancelled.cancellationReasons() : List.of();
                if (failedCondition(reasons, 0)) {
                    // The marker exists: this chunk was applied before, or the batch id was used for another body.
                    if (markerExists(batchId, chunk, bodyHash, reasons.get(0))) {
                        return new ChunkOutcome(true, 0, 0, closed);
                    }
                }
                Set<LocalDate> closedNow = new TreeSet<>();
                for (int i = 0; i < days.size(); i++) {
                    if (failedCondition(reasons, 1 + i)) {
                        closedNow.add(days.get(i));
                    }
                }
                if (!closedNow.isEmpty()) {
                    // The reporting run closed these days before this write: their results are late, the
                    // rest is written without them.
                    closed.addAll(closedNow);
                    part = part.stream().filter(d -> !closed.contains(d.day())).toList();
                    if (part.isEmpty()) {
                        return new ChunkOutcome(false, 0, 0, closed);
                    }
                    attempt--;
                    continue;
                }
                if (reasons.isEmpty() && markerExists(batchId, chunk, bodyHash, null)) {
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

    private static boolean failedCondition(List<CancellationReason> reasons, int action) {
        return action < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(action).code());
    }

    /** The write's condition that the reporting run has not closed the day (docs/storage.md). */
    private TransactWriteItem dayStillOpen(LocalDate day, int dayShard) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(table)
                .key(Map.of(PK, s(dayStatePartition(day, dayShard)), SK, s("#")))
                .conditionExpression("attribute_not_exists(#closed)")
                .expressionAttributeNames(Map.of("#closed", CLOSED))
                .build()).build();
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
                        .key(keyOf(delta)).projectionExpression("#dk").expressionAttributeNames(Map.of("#dk", DETAIL_IDS))).item();
                AttributeValue set = item == null ? null : item.get(DETAIL_IDS);
                ids.put(sortKey(delta), set == null ? Set.of() : new HashSet<>(set.ss()));
            }
        } catch (SdkException e) {
            throw new StorageUnavailableException("storage did not answer", e);
        }
        return ids;
    }

    /**
     * DANE results count for the MX host's report too (docs/design.md 2.2): its shard gets a pointer to the
     * recipient domain's counter. Pointers are idempotent by nature, so they need no transaction; a
     * container remembers the ones it wrote, so a busy day writes each about once.
     */
    private List<WriteRequest> mxHostPointers(List<CounterDelta> deltas) {
        List<WriteRequest> puts = new ArrayList<>();
        for (CounterDelta delta : deltas) {
            if (delta.policy().type() != PolicyType.TLSA) {
                continue;
            }
            String mxHost = delta.policy().domain();
            String pk = dayPartition(delta.day(), shardOf(mxHost, shards));
            String sk = mxIndexSortKey(mxHost, delta.recipientDomain(), delta.policy());
            if (writtenPointers.contains(pk + sk)) {
                continue;
            }
            puts.add(WriteRequest.builder().putRequest(p -> p.item(Map.of(
                    PK, s(pk), SK, s(sk),
                    REF, s(counterPartition(delta.day(), delta.recipientDomain(), shards)),
                    EXPIRES, n(expiresOf(delta))))).build());
        }
        return puts;
    }

    private void writeMxHostIndex(List<WriteRequest> puts, WriteBudget budget) {
        List<String> added = new ArrayList<>();
        for (WriteRequest put : puts) {
            added.add(put.putRequest().item().get(PK).s() + put.putRequest().item().get(SK).s());
        }
        try {
            for (int start = 0; start < puts.size(); start += 25) {
                List<WriteRequest> part = puts.subList(start, Math.min(puts.size(), start + 25));
                Map<String, List<WriteRequest>> pending = Map.of(table, part);
                for (int attempt = 0; !pending.isEmpty() && attempt < ATTEMPTS_PER_CHUNK; attempt++) {
                    budget.beforeCall("the MX-host pointers");
                    Map<String, List<WriteRequest>> request = pending;
                    pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                }
                if (!pending.isEmpty()) {
                    throw new StorageUnavailableException("storage stayed busy for this batch", null);
                }
            }
        } catch (SdkException e) {
            throw new StorageUnavailableException("storage did not accept the batch", e);
        }
        if (writtenPointers.size() > MAX_REMEMBERED_POINTERS) {
            writtenPointers.clear();
        }
        writtenPointers.addAll(added);
    }

    private Map<String, AttributeValue> keyOf(CounterDelta delta) {
        return Map.of(
                PK, s(counterPartition(delta.day(), delta.recipientDomain(), shards)),
                SK, s(sortKey(delta)));
    }

    private static String sortKey(CounterDelta delta) {
        return counterSortKey(delta.recipientDomain(), delta.policy());
    }

    private static long expiresOf(CounterDelta delta) {
        return epochSecond(delta.day().plusDays(RESULT_RETENTION_DAYS));
    }

    @Override
    public boolean isDayClosed(LocalDate day) {
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
    public void closeDay(LocalDate day) {
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

    @Override
    public List<DestinationKey> destinations(LocalDate day) {
        List<DestinationKey> destinations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int shard = 0; shard < shards; shard++) {
            String partition = dayPartition(day, shard);
            for (Map<String, AttributeValue> item : query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", s(partition)))
                    .projectionExpression("#sk").consistentRead(true).build())) {
                String sk = item.get(SK).s();
                int second = sk.indexOf('#', 2);
                String key = sk.substring(0, second);
                if (seen.add(key)) {
                    destinations.add(new DestinationKey(day, kindOf(sk.substring(0, 1)), sk.substring(2, second)));
                }
            }
        }
        return destinations;
    }

    /** How many days back results are kept: the days whose layout {@link #misplacedShards} can check. */
    public static final int RETENTION_DAYS = RESULT_RETENTION_DAYS;

    /**
     * The partitions of a day that hold items this store's shard count would put elsewhere: the day was
     * (partly) written with another ResultShards, and reading it with this count misses results. Reads the
     * first page (up to 25 items) of each of the {@link #MAX_SHARDS} possible partitions.
     */
    public Set<Integer> misplacedShards(LocalDate day) {
        Set<Integer> misplaced = new TreeSet<>();
        for (int shard = 0; shard < MAX_SHARDS; shard++) {
            String partition = dayPartition(day, shard);
            List<Map<String, AttributeValue>> items = dynamo.query(r -> r.tableName(table).limit(25)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", s(partition)))
                    .projectionExpression("#sk")).items();
            for (Map<String, AttributeValue> item : items) {
                String sk = item.get(SK).s();
                int second = sk.indexOf('#', 2);
                String domain = second < 0 ? sk : sk.substring(2, second);
                if (shard >= shards || shardOf(domain, shards) != shard) {
                    misplaced.add(shard);
                    break;
                }
            }
        }
        return misplaced;
    }

    @Override
    public List<TlsResult> results(DestinationKey destination) {
        String partition = dayPartition(destination.day(), shardOf(destination.domain(), shards));
        List<Map<String, AttributeValue>> items = query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(partition),
                        ":prefix", s(destinationPrefix(destination.kind(), destination.domain()))))
                .consistentRead(true).build());
        if (destination.kind() == DestinationKind.MX_HOST) {
            items = followPointers(destination.domain(), items);
        }
        List<TlsResult> results = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            results.add(toResult(destination.day(), item));
        }
        return results;
    }

    /** The recipient-domain counters an MX host's pointers lead to; a pointer to nothing is skipped. */
    private List<Map<String, AttributeValue>> followPointers(String mxHost, List<Map<String, AttributeValue>> pointers) {
        String prefix = destinationPrefix(DestinationKind.MX_HOST, mxHost);
        List<Map<String, AttributeValue>> keys = new ArrayList<>(pointers.size());
        for (Map<String, AttributeValue> pointer : pointers) {
            String recipientAndPolicy = pointer.get(SK).s().substring(prefix.length());
            keys.add(Map.of(PK, pointer.get(REF), SK, s(code(DestinationKind.RECIPIENT_DOMAIN) + "#" + recipientAndPolicy)));
        }
        List<Map<String, AttributeValue>> counters = new ArrayList<>(keys.size());
        try {
            for (int start = 0; start < keys.size(); start += 100) {
                List<Map<String, AttributeValue>> part = keys.subList(start, Math.min(keys.size(), start + 100));
                Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(part).consistentRead(true).build());
                for (int attempt = 0; !pending.isEmpty(); attempt++) {
                    if (attempt == ATTEMPTS_PER_CHUNK) {
                        throw new StorageUnavailableException("storage stayed busy", null);
                    }
                    Map<String, KeysAndAttributes> request = pending;
                    BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                    counters.addAll(response.responses().getOrDefault(table, List.of()));
                    pending = response.unprocessedKeys();
                }
            }
        } catch (SdkException e) {
            throw new StorageUnavailableException("storage did not answer", e);
        }
        counters.sort(java.util.Comparator.comparing(item -> item.get(SK).s()));
        return counters;
    }

    private List<Map<String, AttributeValue>> query(QueryRequest request) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            QueryResponse page;
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest paged = start == null ? request : request.toBuilder().exclusiveStartKey(start).build();
                page = dynamo.query(paged);
                items.addAll(page.items());
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new StorageUnavailableException("storage did not answer", e);
        }
        return items;
    }

    private static TlsResult toResult(LocalDate day, Map<String, AttributeValue> item) {
        Policy policy = read(item.get(POLICY).s(), Policy.class);
        List<FailureDetail> details = new ArrayList<>();
        if (item.containsKey(DETAIL_IDS)) {
            for (String id : new TreeSet<>(item.get(DETAIL_IDS).ss())) {
                AttributeValue json = item.get(DETAIL_PREFIX + id);
                AttributeValue count = item.get(DETAIL_COUNT_PREFIX + id);
                if (json != null && count != null) {
                    details.add(DetailCodec.decode(json.s(), Long.parseLong(count.n())));
                }
            }
        }
        for (ResultType type : ResultType.values()) {
            AttributeValue folded = item.get(FOLDED_PREFIX + type.name());
            if (folded != null && Long.parseLong(folded.n()) > 0) {
                details.add(FailureDetail.builder(type).failedSessionCount(Long.parseLong(folded.n())).failureReasonCode(FOLDED_REASON).build());
            }
        }
        return new TlsResult(day, item.get(RECIPIENT).s(), policy,
                number(item, SUCCESS), number(item, FAILURE), details, number(item, TRIGGERS) > 0);
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
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
