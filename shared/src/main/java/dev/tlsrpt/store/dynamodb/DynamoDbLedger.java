package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;

import dev.tlsrpt.archive.ArchiveKeys;
import dev.tlsrpt.send.Chunks;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The ledger in DynamoDB (the ledger table: {@code pk}/{@code sk}, TTL on {@code expires}). One partition per
 * job: the job item ({@code sk = #}) and one delivery item per target ({@code sk = T#<target>}). Every state
 * change is a conditional write, so two attempts racing on one job or target cannot both win:
 * <ul>
 *   <li>a claim is a put under {@code attribute_not_exists(pk)}: exactly one attempt gets to send;</li>
 *   <li>completing and releasing a claim require {@code st = SENDING};</li>
 *   <li>a job is finished once, under {@code st = PENDING}.</li>
 * </ul>
 * The day's caps (docs/design.md 2.10) count in items of their own, one per report day and reporting address
 * ({@code pk = CAP#<day>#A#<target>}) or reporting domain ({@code CAP#<day>#D#<domain>}), beside an admission
 * marker in the job's partition ({@code sk = C#<target>}) written in the same transaction, so that a target
 * is counted once.
 */
public final class DynamoDbLedger implements Ledger {
    /** The environment variable that names the table in the functions (template.yaml sets it). */
    public static final String TABLE_ENV = "LEDGER_TABLE";
    /** docs/design.md 2.9: ledger entries are kept about a month, long after the 24-hour retry window. */
    public static final Duration RETENTION = Duration.ofDays(35);
    private static final String JOB_SK = "#";
    private static final String TARGET_PREFIX = "T#";
    private static final String ADMISSION_PREFIX = "C#";
    private static final String CAP_SK = "#";
    /** A transaction cancelled by a concurrent write (an admission to the same counter) is made this often. */
    private static final int TRANSACTION_ROUNDS = 5;
    private static final int MAX_TARGET_KEY_BYTES = 512;
    /** DynamoDB's limit of keys per BatchGetItem. */
    private static final int BATCH_GET = 100;
    private static final int BATCH_GET_ROUNDS = 8;
    /** DynamoDB's limit of actions per TransactWriteItems. */
    private static final int TRANSACTION_ITEMS = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public JobEntry begin(DestinationKey job, Instant now) {
        Update begin = beginning(job, now);
        Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(table).key(begin.key())
                .updateExpression(begin.updateExpression())
                .expressionAttributeNames(begin.expressionAttributeNames())
                .expressionAttributeValues(begin.expressionAttributeValues())
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        return jobEntry(job, item);
    }

    /** The job created pending if absent, its first attempt kept, this attempt counted. */
    private Update beginning(DestinationKey job, Instant now) {
        return Update.builder().tableName(table).key(key(job, JOB_SK))
                .updateExpression("SET st = if_not_exists(st, :pending), #first = if_not_exists(#first, :now), "
                        + "expires = if_not_exists(expires, :expires) ADD attempts :one")
                .expressionAttributeNames(Map.of("#first", "first"))
                .expressionAttributeValues(Map.of(
                        ":pending", s(JobState.PENDING.name()),
                        ":now", s(now.toString()),
                        ":expires", n(now.plus(RETENTION).getEpochSecond()),
                        ":one", n(1)))
                .build();
    }

    @Override
    public Optional<JobEntry> find(DestinationKey job) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(job, JOB_SK)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(jobEntry(job, item));
    }

    /** BatchGetItem, {@value #BATCH_GET} keys a call, consistent reads as {@link #find}; unprocessed keys are asked again. */
    @Override
    public Map<DestinationKey, JobEntry> findAll(Collection<DestinationKey> jobs) {
        Map<String, DestinationKey> byPartition = new HashMap<>();
        jobs.forEach(job -> byPartition.put(partitionKey(job), job));
        List<DestinationKey> distinct = List.copyOf(byPartition.values());
        Map<DestinationKey, JobEntry> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += BATCH_GET) {
            List<Map<String, AttributeValue>> keys = distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET))
                    .stream().map(job -> key(job, JOB_SK)).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round == BATCH_GET_ROUNDS) {
                    throw new IllegalStateException("ledger reads left unprocessed after " + round + " rounds");
                }
                if (round > 0) {
                    pauseBeforeRetry(round - 1); // throttled: DynamoDB hands back what it did not read
                }
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(asked));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    DestinationKey job = byPartition.get(item.get("pk").s());
                    if (job != null) {
                        found.put(job, jobEntry(job, item));
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    @Override
    public void finish(DestinationKey job, ReportOutcome.Status outcome, String reason, Set<String> reportUris, Instant now) {
        try {
            update(finishing(job, outcome, reason, reportUris, now));
        } catch (ConditionalCheckFailedException alreadyDone) {
            // A concurrent attempt finished the job first; its outcome stands.
        }
    }

    private Update finishing(DestinationKey job, ReportOutcome.Status outcome, String reason, Set<String> reportUris, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":done", s(JobState.DONE.name()), ":pending", s(JobState.PENDING.name()),
                ":outcome", s(outcome.name()), ":now", s(now.toString())));
        StringBuilder update = new StringBuilder("SET st = :done, outcome = :outcome, finished = :now");
        if (reason != null) {
            update.append(", reason = :reason");
            values.put(":reason", s(reason));
        }
        if (!reportUris.isEmpty()) {
            update.append(", uris = :uris"); // a string set: the comparison is order-insensitive by nature
            values.put(":uris", AttributeValue.fromSs(List.copyOf(reportUris)));
        }
        return Update.builder().tableName(table).key(key(job, JOB_SK)).updateExpression(update.toString())
                .conditionExpression("st = :pending").expressionAttributeValues(values).build();
    }

    private void update(Update u) {
        dynamo.updateItem(r -> r.tableName(u.tableName()).key(u.key()).updateExpression(u.updateExpression())
                .conditionExpression(u.conditionExpression()).expressionAttributeNames(u.expressionAttributeNames())
                .expressionAttributeValues(u.expressionAttributeValues()));
    }

    @Override
    public Optional<JobEntry> finishAtOnce(DestinationKey job, ReportOutcome.Status outcome, String reason, Instant now) {
        try {
            update(finishingAtOnce(job, outcome, reason, now));
            return Optional.empty();
        } catch (ConditionalCheckFailedException alreadyDone) {
            return find(job);
        }
    }

    /**
     * A hundred jobs a TransactWriteItems (DynamoDB's most), each update under its own condition. A cancelled
     * transaction names the jobs whose condition failed (already done): they are left out and the rest go again.
     * Any other cancellation (a concurrent write to one of the jobs) goes again after a pause, a few times.
     */
    @Override
    public List<DestinationKey> finishAllAtOnce(List<DestinationKey> jobs, ReportOutcome.Status outcome, String reason,
                                                Instant now) {
        List<DestinationKey> recorded = new ArrayList<>(jobs.size());
        for (List<DestinationKey> part : Chunks.of(jobs, TRANSACTION_ITEMS)) {
            List<DestinationKey> chunk = new ArrayList<>(part);
            for (int round = 0; !chunk.isEmpty(); round++) {
                List<TransactWriteItem> items = chunk.stream()
                        .map(job -> TransactWriteItem.builder().update(finishingAtOnce(job, outcome, reason, now)).build()).toList();
                try {
                    dynamo.transactWriteItems(r -> r.transactItems(items));
                    recorded.addAll(chunk);
                    break;
                } catch (TransactionCanceledException cancelled) {
                    List<String> codes = cancelled.cancellationReasons().stream().map(CancellationReason::code).toList();
                    List<DestinationKey> left = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        if (!failedItsCondition(codes, i)) {
                            left.add(chunk.get(i));
                        }
                    }
                    if (left.size() == chunk.size()) {
                        if (round + 1 == TRANSACTION_ROUNDS) {
                            throw cancelled; // nothing of this chunk was written: the planner's run fails and is retried
                        }
                        pauseBeforeRetry(round);
                    }
                    chunk = left;
                }
            }
        }
        return recorded;
    }

    private Update finishingAtOnce(DestinationKey job, ReportOutcome.Status outcome, String reason, Instant now) {
        return Update.builder().tableName(table).key(key(job, JOB_SK))
                .updateExpression("SET st = :done, outcome = :outcome, reason = :reason, finished = :now, "
                        + "#first = if_not_exists(#first, :now), expires = if_not_exists(expires, :expires) ADD attempts :one")
                .conditionExpression("attribute_not_exists(st) OR st = :pending")
                .expressionAttributeNames(Map.of("#first", "first"))
                .expressionAttributeValues(Map.of(
                        ":done", s(JobState.DONE.name()), ":pending", s(JobState.PENDING.name()),
                        ":outcome", s(outcome.name()), ":reason", s(reason), ":now", s(now.toString()),
                        ":expires", n(now.plus(RETENTION).getEpochSecond()), ":one", n(1)))
                .build();
    }

    @Override
    public Optional<Delivery> claim(DestinationKey job, String target, Instant now) {
        return putIfAbsent(job, target, DeliveryState.SENDING, null, now);
    }

    @Override
    public Optional<Delivery> recordIfAbsent(DestinationKey job, String target, DeliveryState state, String reason, Instant now) {
        if (state == DeliveryState.SENDING || state == DeliveryState.SENT) {
            throw new IllegalArgumentException("only skipped or failed deliveries are recorded without a send");
        }
        return putIfAbsent(job, target, state, reason, now);
    }

    private Optional<Delivery> putIfAbsent(DestinationKey job, String target, DeliveryState state, String reason, Instant now) {
        Map<String, AttributeValue> item = deliveryItem(job, target, state, reason, now);
        // A claim released between our put and our read leaves nothing to read: put again.
        for (int round = 0; round < 3; round++) {
            try {
                dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                return Optional.empty();
            } catch (ConditionalCheckFailedException taken) {
                Optional<Delivery> earlier = delivery(job, target);
                if (earlier.isPresent()) {
                    return earlier;
                }
            }
        }
        throw new IllegalStateException("delivery " + target + " of " + job + " keeps changing");
    }

    private static Map<String, AttributeValue> deliveryItem(DestinationKey job, String target, DeliveryState state,
                                                            String reason, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(job, targetKey(target)));
        item.put("target", s(target));
        item.put("st", s(state.name()));
        item.put("at", s(now.toString()));
        item.put("expires", n(now.plus(RETENTION).getEpochSecond()));
        if (reason != null) {
            item.put("reason", s(reason));
        }
        return item;
    }

    @Override
    public boolean complete(DestinationKey job, String target, DeliveryState state, String reason, String messageId, Instant now) {
        try {
            update(completion(job, target, state, reason, messageId, now));
            return true;
        } catch (ConditionalCheckFailedException notClaimed) {
            return false;
        }
    }

    /**
     * One transaction of both updates, each under its own condition; when either condition fails (the claim
     * completed or the job finished by a concurrent attempt), nothing is written and the two go in turn, each
     * keeping its own outcome, as {@link #complete} and {@link #finish} do.
     */
    @Override
    public boolean completeAndFinish(DestinationKey job, String target, DeliveryState state, String reason, String messageId,
                                     ReportOutcome.Status outcome, String summary, Set<String> reportUris, Instant now) {
        Update completion = completion(job, target, state, reason, messageId, now);
        Update finishing = finishing(job, outcome, summary, reportUris, now);
        try {
            dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(completion).build(),
                    TransactWriteItem.builder().update(finishing).build()));
            return true;
        } catch (TransactionCanceledException cancelled) {
            return Ledger.super.completeAndFinish(job, target, state, reason, messageId, outcome, summary, reportUris, now);
        }
    }

    private Update completion(DestinationKey job, String target, DeliveryState state, String reason, String messageId, Instant now) {
        if (state != DeliveryState.SENT && state != DeliveryState.FAILED) {
            throw new IllegalArgumentException("a claim completes as sent or failed");
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":state", s(state.name()), ":sending", s(DeliveryState.SENDING.name()), ":now", s(now.toString())));
        StringBuilder update = new StringBuilder("SET st = :state, #at = :now");
        if (reason != null) {
            update.append(", reason = :reason");
            values.put(":reason", s(reason));
        }
        if (messageId != null) {
            update.append(", mid = :mid");
            values.put(":mid", s(messageId));
        }
        // Where the archive keeps what this attempt sent (written just before the send; docs/dashboard.md).
        update.append(", arc = :arc");
        values.put(":arc", s(ArchiveKeys.message(job, target)));
        return Update.builder().tableName(table).key(key(job, targetKey(target))).updateExpression(update.toString())
                .conditionExpression("st = :sending").expressionAttributeNames(Map.of("#at", "at"))
                .expressionAttributeValues(values).build();
    }

    @Override
    public void release(DestinationKey job, String target) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(key(job, targetKey(target)))
                    .conditionExpression("st = :sending")
                    .expressionAttributeValues(Map.of(":sending", s(DeliveryState.SENDING.name()))));
        } catch (ConditionalCheckFailedException notClaimed) {
            // Completed by another attempt meanwhile: its record stands.
        }
    }

    @Override
    public Optional<SendCaps.Cap> admit(DestinationKey job, String target, String reportingDomain, SendCaps caps, Instant now) {
        List<TransactWriteItem> items = admission(job, target, reportingDomain, caps, now);
        for (int round = 0; ; round++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return Optional.empty();
            } catch (TransactionCanceledException cancelled) {
                List<String> codes = cancelled.cancellationReasons().stream().map(CancellationReason::code).toList();
                if (failedItsCondition(codes, 0)) {
                    return Optional.empty(); // admitted by an earlier attempt: counted then
                }
                if (failedItsCondition(codes, 1)) {
                    return Optional.of(SendCaps.Cap.REPORTS_PER_ADDRESS);
                }
                if (failedItsCondition(codes, 2)) {
                    return Optional.of(SendCaps.Cap.REPORTS_PER_DOMAIN);
                }
                if (round + 1 == TRANSACTION_ROUNDS) {
                    throw cancelled; // the job is retried: nothing was counted
                }
                pauseBeforeRetry(round); // a concurrent admission to the same counter: let it finish
            }
        }
    }

    /**
     * One transaction: the admission marker, both counters and the claim. It is only taken when every condition
     * holds; any other case (admitted by an earlier attempt, a delivery already recorded, a concurrent admission)
     * takes the two steps in turn, so the outcome and the writes are always those of {@link #admit} then
     * {@link #claim}. A cap reached is known from the counters' conditions alone, with nothing written.
     */
    @Override
    public Admission admitAndClaim(DestinationKey job, String target, String claimTarget, String reportingDomain,
                                   SendCaps caps, Instant now) {
        List<TransactWriteItem> items = admissionAndClaim(job, target, claimTarget, reportingDomain, caps, now);
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return new Admission.Claimed();
        } catch (TransactionCanceledException cancelled) {
            List<String> codes = cancelled.cancellationReasons().stream().map(CancellationReason::code).toList();
            boolean onlyACap = !failedItsCondition(codes, 0) && !failedItsCondition(codes, 3);
            if (onlyACap && failedItsCondition(codes, 1)) {
                return new Admission.CapReached(SendCaps.Cap.REPORTS_PER_ADDRESS);
            }
            if (onlyACap && failedItsCondition(codes, 2)) {
                return new Admission.CapReached(SendCaps.Cap.REPORTS_PER_DOMAIN);
            }
            return Ledger.super.admitAndClaim(job, target, claimTarget, reportingDomain, caps, now);
        }
    }

    /**
     * The job's begin under the condition that it is not done, then {@link #admitAndClaim}'s transaction: the
     * usual first attempt at a job in one round trip. Any cancellation (the job done, a cap reached, a delivery
     * already recorded, a concurrent write) takes the steps in turn, which find out which it was, so the outcome
     * and the writes are always those of {@link #begin} then {@link #admitAndClaim}.
     */
    @Override
    public Admission beginAndAdmitAndClaim(DestinationKey job, String target, String claimTarget, String reportingDomain,
                                           SendCaps caps, Instant now) {
        Update begin = beginning(job, now).toBuilder()
                .conditionExpression("attribute_not_exists(st) OR st = :pending").build();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(begin).build());
        items.addAll(admissionAndClaim(job, target, claimTarget, reportingDomain, caps, now));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return new Admission.Claimed();
        } catch (TransactionCanceledException cancelled) {
            return Ledger.super.beginAndAdmitAndClaim(job, target, claimTarget, reportingDomain, caps, now);
        }
    }

    /** {@link #admission}, then the claim of {@code claimTarget}. */
    private List<TransactWriteItem> admissionAndClaim(DestinationKey job, String target, String claimTarget,
                                                      String reportingDomain, SendCaps caps, Instant now) {
        List<TransactWriteItem> items = new ArrayList<>(admission(job, target, reportingDomain, caps, now));
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(deliveryItem(job, claimTarget, DeliveryState.SENDING, null, now))
                .conditionExpression("attribute_not_exists(pk)")).build());
        return items;
    }

    private static void pauseBeforeRetry(int round) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(10, 50L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write the ledger again", e);
        }
    }

    /** The admission marker of (job, target), then the address's and the domain's counters of the day. */
    private List<TransactWriteItem> admission(DestinationKey job, String target, String reportingDomain, SendCaps caps,
                                              Instant now) {
        AttributeValue expires = n(now.plus(RETENTION).getEpochSecond());
        Map<String, AttributeValue> marker = new HashMap<>(key(job, ADMISSION_PREFIX + keyed(target)));
        marker.put("expires", expires);
        return List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                countUnder(capKey(job, "A#" + keyed(target)), caps.reportsPerAddressPerDay(), expires),
                countUnder(capKey(job, "D#" + reportingDomain), caps.reportsPerDomainPerDay(), expires));
    }

    private TransactWriteItem countUnder(Map<String, AttributeValue> counterKey, int cap, AttributeValue expires) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(counterKey)
                .updateExpression("ADD n :one SET expires = if_not_exists(expires, :expires)")
                .conditionExpression("attribute_not_exists(n) OR n < :cap")
                .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(cap), ":expires", expires))).build();
    }

    private static boolean failedItsCondition(List<String> codes, int index) {
        return index < codes.size() && "ConditionalCheckFailed".equals(codes.get(index));
    }

    private static Map<String, AttributeValue> capKey(DestinationKey job, String counter) {
        return Map.of("pk", s("CAP#" + job.day() + "#" + counter), "sk", s(CAP_SK));
    }

    @Override
    public List<Delivery> deliveries(DestinationKey job) {
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :t)")
                    .expressionAttributeValues(Map.of(":pk", s(partitionKey(job)), ":t", s(TARGET_PREFIX)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> deliveries.add(delivery(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        deliveries.sort(java.util.Comparator.comparing(Delivery::target));
        return deliveries;
    }

    private Optional<Delivery> delivery(DestinationKey job, String target) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(job, targetKey(target)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(delivery(item));
    }

    private static Delivery delivery(Map<String, AttributeValue> item) {
        return new Delivery(item.get("target").s(), DeliveryState.valueOf(item.get("st").s()), text(item, "reason"),
                Instant.parse(item.get("at").s()), text(item, "mid"));
    }

    private static JobEntry jobEntry(DestinationKey job, Map<String, AttributeValue> item) {
        String outcome = text(item, "outcome");
        AttributeValue uris = item.get("uris");
        return new JobEntry(job, JobState.valueOf(item.get("st").s()), Instant.parse(item.get("first").s()),
                Integer.parseInt(item.get("attempts").n()),
                outcome == null ? null : ReportOutcome.Status.valueOf(outcome), text(item, "reason"),
                uris == null ? Set.of() : Set.copyOf(uris.ss()));
    }

    /** One partition per job: its deliveries are read with one query. */
    static String partitionKey(DestinationKey job) {
        return "JOB#" + job.day() + "#" + job.kind().name() + "#" + job.domain();
    }

    static String targetKey(String target) {
        return TARGET_PREFIX + keyed(target);
    }

    /** The target as a key part: keys are limited to 1,024 bytes, so a long https URI is keyed by prefix and hash. */
    private static String keyed(String target) {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_TARGET_KEY_BYTES) {
            return target;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return target.substring(0, 200) + "#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, AttributeValue> key(DestinationKey job, String sortKey) {
        return Map.of("pk", s(partitionKey(job)), "sk", s(sortKey));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }


}
