package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;
import static dev.tlsrpt.store.dynamodb.ResultItems.*;

import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.store.WriteBudget;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.tlsrpt.PolicyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DANE results count for the MX host's report too (docs/design.md 2.2): its shard gets a pointer to the
 * recipient domain's counter. Pointers are idempotent by nature, so they need no transaction; a container
 * remembers the ones it wrote, so a busy day writes each about once.
 */
final class MxHostPointers {
    private static final int MAX_REMEMBERED = 100_000;
    /** DynamoDB's limit on items per BatchWriteItem. */
    private static final int ITEMS_PER_CALL = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int shards;
    private final Set<String> written = ConcurrentHashMap.newKeySet();

    MxHostPointers(DynamoDbClient dynamo, String table, int shards) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
    }

    /** The pointers the deltas need that this container has not written yet. */
    List<WriteRequest> notYetWritten(List<CounterDelta> deltas) {
        List<WriteRequest> puts = new ArrayList<>();
        for (CounterDelta delta : deltas) {
            if (delta.policy().type() != PolicyType.TLSA) {
                continue;
            }
            String mxHost = delta.policy().domain();
            String pk = dayPartition(delta.day(), shardOf(mxHost, shards));
            String sk = mxIndexSortKey(mxHost, delta.recipientDomain(), delta.policy());
            if (written.contains(pk + sk)) {
                continue;
            }
            puts.add(WriteRequest.builder().putRequest(p -> p.item(Map.of(
                    PK, s(pk), SK, s(sk),
                    REF, s(counterPartition(delta.day(), delta.recipientDomain(), shards)),
                    EXPIRES, n(counterExpires(delta.day()))))).build());
        }
        return puts;
    }

    /** Writes the pointers, each call started within {@code budget}, and remembers them once all are in. */
    void write(List<WriteRequest> puts, WriteBudget budget) {
        List<String> added = new ArrayList<>();
        for (WriteRequest put : puts) {
            added.add(put.putRequest().item().get(PK).s() + put.putRequest().item().get(SK).s());
        }
        try {
            for (int start = 0; start < puts.size(); start += ITEMS_PER_CALL) {
                List<WriteRequest> part = puts.subList(start, Math.min(puts.size(), start + ITEMS_PER_CALL));
                Map<String, List<WriteRequest>> pending = Map.of(table, part);
                for (int attempt = 0; !pending.isEmpty() && attempt < ATTEMPTS_WHEN_BUSY; attempt++) {
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
        if (written.size() > MAX_REMEMBERED) {
            written.clear();
        }
        written.addAll(added);
    }
}
