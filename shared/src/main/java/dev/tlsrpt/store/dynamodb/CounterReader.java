package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;
import static dev.tlsrpt.store.dynamodb.ResultItems.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tlsrpt.store.IndexedDestination;
import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.store.StorageLimits;
import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads a day's counters back as results (docs/storage.md): the destinations through the day's shards, an MX
 * host's results through its pointers to recipient-domain counters. Every read is strongly consistent, so a
 * read after {@link DayState#close} sees every write that committed before it.
 */
final class CounterReader {
    /** The reason a folded count is reported under: the report says that details were left out. */
    static final String FOLDED_REASON = "further distinct failure details of this type were folded into this count: "
            + "more than " + StorageLimits.MAX_DISTINCT_DETAILS + " per policy and day";

    /** What the day's index read projects of each item: its sort key and what {@link #hasFailure} and the triggers read. */
    private static final List<String> INDEXED = Stream.concat(Stream.of(SK, TRIGGERS, FAILURE, DETAIL_IDS),
            Arrays.stream(ResultType.values()).map(type -> FOLDED_PREFIX + type.name())).toList();

    private final DynamoDbClient dynamo;
    private final String table;
    private final int shards;

    CounterReader(DynamoDbClient dynamo, String table, int shards) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
    }

    List<DestinationKey> destinations(LocalDate day) {
        return index(day).stream().map(IndexedDestination::key).toList();
    }

    /**
     * The day's destinations through its shards, in the order the shards give them, each recipient domain with
     * what its counters say of triggers and failures: the attributes {@link #toResult} reads them from, projected
     * (the items read and billed are those of a keys-only read; each response holds a few attributes more).
     */
    List<IndexedDestination> index(LocalDate day) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK));
        INDEXED.forEach(attribute -> names.put("#" + attribute, attribute));
        String projection = INDEXED.stream().map(attribute -> "#" + attribute).collect(Collectors.joining(", "));
        Map<String, IndexedDestination> byKey = new LinkedHashMap<>();
        for (int shard = 0; shard < shards; shard++) {
            for (Map<String, AttributeValue> item : query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":pk", s(dayPartition(day, shard))))
                    .projectionExpression(projection).consistentRead(true).build())) {
                String sk = item.get(SK).s();
                int second = sk.indexOf('#', 2);
                String prefix = sk.substring(0, second);
                IndexedDestination seen = byKey.get(prefix);
                DestinationKey key = seen != null ? seen.key() : new DestinationKey(day, kindOf(sk.substring(0, 1)), sk.substring(2, second));
                if (key.kind() == DestinationKind.MX_HOST) {
                    byKey.putIfAbsent(prefix, IndexedDestination.unknown(key));
                    continue;
                }
                boolean trigger = number(item, TRIGGERS) > 0 || seen != null && seen.anyTrigger();
                boolean failure = hasFailure(item) || seen != null && seen.anyFailure();
                byKey.put(prefix, new IndexedDestination(key, true, trigger, failure));
            }
        }
        return List.copyOf(byKey.values());
    }

    /** What {@link TlsResult#hasFailure} says of the result {@link #toResult} makes of the item. */
    private static boolean hasFailure(Map<String, AttributeValue> item) {
        if (number(item, FAILURE) > 0 || item.containsKey(DETAIL_IDS)) {
            return true;
        }
        for (ResultType type : ResultType.values()) {
            if (number(item, FOLDED_PREFIX + type.name()) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The partitions of a day that hold items a store of this shard count would put elsewhere: the day was
     * (partly) written with another ResultShards, and reading it with this count misses results. Reads the
     * first page (up to 25 items) of each of the {@code maxShards} possible partitions.
     */
    Set<Integer> misplacedShards(LocalDate day, int maxShards) {
        Set<Integer> misplaced = new TreeSet<>();
        for (int shard = 0; shard < maxShards; shard++) {
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

    List<TlsResult> results(DestinationKey destination) {
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
                    if (attempt == ATTEMPTS_WHEN_BUSY) {
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
        counters.sort(Comparator.comparing(item -> item.get(SK).s()));
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

    /**
     * The items a day's index read answers with for {@code result} in a store of one shard: its counter item as
     * {@link #index} projects it, and for a {@code tlsa} policy the MX host's pointer (its sort key; the pointer's
     * other attributes are not projected).
     */
    static List<Map<String, AttributeValue>> indexedForm(TlsResult result) {
        Map<String, AttributeValue> counter = new HashMap<>(storedForm(result));
        counter.put(SK, s(counterSortKey(result.recipientDomain(), result.policy())));
        counter.keySet().retainAll(INDEXED);
        if (result.policy().type() != PolicyType.TLSA) {
            return List.of(counter);
        }
        return List.of(Map.of(SK, s(mxIndexSortKey(result.policy().domain(), result.recipientDomain(), result.policy()))),
                counter);
    }

    /** {@code result} put in a counter item's form and read back, in memory: the check that {@link #storedForm} is the store's. */
    static TlsResult throughStoredForm(TlsResult result) {
        return toResult(result.day(), storedForm(result));
    }

    /** The attributes a counter item holds for {@code result}, its key aside. */
    static Map<String, AttributeValue> storedForm(TlsResult result) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(POLICY, s(StorageKeys.canonicalJson(result.policy())));
        item.put(RECIPIENT, s(result.recipientDomain()));
        item.put(SUCCESS, n(result.successCount()));
        item.put(FAILURE, n(result.failureCount()));
        item.put(TRIGGERS, n(result.trigger() ? 1 : 0));
        List<String> ids = new ArrayList<>();
        for (FailureDetail detail : result.details()) {
            String id = String.format("%04d", ids.size()); // read back in the order of the ids
            ids.add(id);
            item.put(DETAIL_PREFIX + id, s(DetailCodec.encode(detail)));
            item.put(DETAIL_COUNT_PREFIX + id, n(detail.failedSessionCount()));
        }
        if (!ids.isEmpty()) {
            item.put(DETAIL_IDS, AttributeValue.fromSs(ids));
        }
        return item;
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
}
