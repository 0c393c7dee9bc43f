package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.s;

import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Policy;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of the results table (see docs/storage.md). Items of one day are spread over {@code shards}
 * partitions, {@code DAY#<day>#<shard>}, which double as the day's index: the reporting run queries each
 * shard instead of scanning the table.
 * <ul>
 * <li>{@code R#<recipient>#<policy id>}: the counter of one recipient domain and policy, in the shard of the
 *     recipient domain;</li>
 * <li>{@code M#<mx host>#<recipient>#<policy id>}: in the shard of an MX host with DANE results, a pointer
 *     to the recipient domain's counter of that {@code tlsa} policy (attribute {@code ref}: its partition).</li>
 * </ul>
 */
final class ResultItems {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String EXPIRES = "expires";
    static final String POLICY = "policy";
    static final String RECIPIENT = "rd";
    static final String SUCCESS = "ok";
    static final String FAILURE = "fail";
    static final String TRIGGERS = "trig";
    static final String DETAIL_IDS = "dk";
    static final String DETAIL_PREFIX = "d_";
    static final String DETAIL_COUNT_PREFIX = "n_";
    static final String FOLDED_PREFIX = "x_";
    static final String BODY_HASH = "body";
    static final String CLOSED = "closed";
    static final String REF = "ref";

    /** Counters stay until their day has been reported and retried (docs/design.md 2.9). */
    static final int RESULT_RETENTION_DAYS = 5;
    /** A batch can be recognised as a duplicate for this long. */
    static final int BATCH_RETENTION_DAYS = 7;
    /** How often a call that storage answered only in part (unprocessed items, a busy counter) is made. */
    static final int ATTEMPTS_WHEN_BUSY = 4;

    private ResultItems() {
    }

    static String dayPartition(LocalDate day, int shard) {
        return "DAY#" + day + "#" + (shard < 10 ? "0" : "") + shard;
    }

    static int shardOf(String destinationDomain, int shards) {
        return Math.floorMod(destinationDomain.hashCode(), shards);
    }

    /** The one-letter code of a destination kind in sort keys. */
    static String code(DestinationKind kind) {
        return kind == DestinationKind.RECIPIENT_DOMAIN ? "R" : "M";
    }

    static DestinationKind kindOf(String code) {
        return switch (code) {
            case "R" -> DestinationKind.RECIPIENT_DOMAIN;
            case "M" -> DestinationKind.MX_HOST;
            default -> throw new IllegalStateException("unknown destination code in the results table: " + code);
        };
    }

    static String destinationPrefix(DestinationKind kind, String domain) {
        return code(kind) + "#" + domain + "#";
    }

    static String counterPartition(LocalDate day, String recipient, int shards) {
        return dayPartition(day, shardOf(recipient, shards));
    }

    static String counterSortKey(String recipient, Policy policy) {
        return destinationPrefix(DestinationKind.RECIPIENT_DOMAIN, recipient) + StorageKeys.policyId(policy);
    }

    static Map<String, AttributeValue> counterKey(CounterDelta delta, int shards) {
        return Map.of(
                PK, s(counterPartition(delta.day(), delta.recipientDomain(), shards)),
                SK, s(counterSortKey(delta.recipientDomain(), delta.policy())));
    }

    static long counterExpires(LocalDate day) {
        return epochSecond(day.plusDays(RESULT_RETENTION_DAYS));
    }

    static String mxIndexSortKey(String mxHost, String recipient, Policy policy) {
        return destinationPrefix(DestinationKind.MX_HOST, mxHost) + recipient + "#" + StorageKeys.policyId(policy);
    }

    static String batchPartition(String batchId) {
        return "BATCH#" + batchId;
    }

    /** One of {@code shards} copies of the day's state, so that the writes' condition checks spread out. */
    static String dayStatePartition(LocalDate day, int shard) {
        return "DAYSTATE#" + day + "#" + shard;
    }

    static long epochSecond(LocalDate day) {
        return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
}
