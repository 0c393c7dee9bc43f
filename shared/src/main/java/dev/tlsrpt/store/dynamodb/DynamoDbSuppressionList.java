package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;
import static dev.tlsrpt.store.dynamodb.SuppressionTableDefinition.EXPIRY_GRACE;
import static dev.tlsrpt.store.dynamodb.SuppressionTableDefinition.PARTITION_KEY;
import static dev.tlsrpt.store.dynamodb.SuppressionTableDefinition.TTL_ATTRIBUTE;

import dev.tlsrpt.suppression.AlreadySuppressedException;
import dev.tlsrpt.suppression.NotSuppressedException;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionList;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.tlsrpt.ReportingAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The suppression list in DynamoDB ({@link SuppressionTableDefinition}): one item per normalised address,
 * {@code until} and {@code created} as epoch seconds, {@code expires} (TTL) {@link
 * SuppressionTableDefinition#EXPIRY_GRACE} after {@code until}, none for permanent entries.
 */
public final class DynamoDbSuppressionList implements SuppressionList {
    private static final String UNTIL = "until";
    private static final String REASON = "reason";
    private static final String SOURCE = "source";
    private static final String COMMENT = "comment";
    private static final String CREATED = "created";
    private static final String STRIKES = "strikes";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSuppressionList(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(Suppression entry, Instant now) throws AlreadySuppressedException {
        try {
            // Replaces nothing, or an entry that has ended: expired entries can be added again.
            dynamo.putItem(r -> r.tableName(table)
                    .item(toItem(entry))
                    .conditionExpression("attribute_not_exists(#pk) OR (attribute_exists(#until) AND #until <= :now)")
                    .expressionAttributeNames(Map.of("#pk", PARTITION_KEY, "#until", UNTIL))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            Suppression existing = e.hasItem() && !e.item().isEmpty()
                    ? fromItem(e.item())
                    : find(entry.address()).orElseThrow(() -> e);
            throw new AlreadySuppressedException(existing);
        }
    }

    @Override
    public void upsert(Suppression entry) {
        dynamo.putItem(r -> r.tableName(table).item(toItem(entry)));
    }

    @Override
    public Suppression extend(String address, Instant until) throws NotSuppressedException {
        String key = ReportingAddress.parse(address).identity();
        Map<String, String> names = new HashMap<>(Map.of("#pk", PARTITION_KEY, "#until", UNTIL, "#expires", TTL_ATTRIBUTE));
        Map<String, AttributeValue> values = new HashMap<>();
        String update;
        if (until == null) {
            update = "REMOVE #until, #expires";
        } else {
            update = "SET #until = :until, #expires = :expires";
            values.put(":until", n(until.getEpochSecond()));
            values.put(":expires", n(expiresOf(until)));
        }
        try {
            var response = dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(PARTITION_KEY, s(key)))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values.isEmpty() ? null : values)
                    .returnValues(ReturnValue.ALL_NEW));
            return fromItem(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            throw new NotSuppressedException(key);
        }
    }

    @Override
    public boolean remove(String address) {
        String key = ReportingAddress.parse(address).identity();
        var response = dynamo.deleteItem(r -> r.tableName(table)
                .key(Map.of(PARTITION_KEY, s(key)))
                .returnValues(ReturnValue.ALL_OLD));
        return response.hasAttributes() && !response.attributes().isEmpty();
    }

    @Override
    public Optional<Suppression> find(String address) {
        String key = ReportingAddress.parse(address).identity();
        var response = dynamo.getItem(r -> r.tableName(table).key(Map.of(PARTITION_KEY, s(key))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    /** Operators keep a short list: a scan of this small table is the simple, right tool. */
    @Override
    public List<Suppression> list() {
        List<Suppression> entries = new ArrayList<>();
        for (var page : dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())) {
            page.items().forEach(item -> entries.add(fromItem(item)));
        }
        entries.sort(Comparator.comparing(Suppression::address));
        return entries;
    }

    static Map<String, AttributeValue> toItem(Suppression entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PARTITION_KEY, s(entry.address()));
        item.put(SOURCE, s(entry.source().wireName()));
        item.put(CREATED, n(entry.created().getEpochSecond()));
        if (entry.until() != null) {
            item.put(UNTIL, n(entry.until().getEpochSecond()));
            item.put(TTL_ATTRIBUTE, n(expiresOf(entry.until())));
        }
        if (entry.reason() != null) {
            item.put(REASON, s(entry.reason()));
        }
        if (entry.comment() != null) {
            item.put(COMMENT, s(entry.comment()));
        }
        if (entry.strikes() > 0) {
            item.put(STRIKES, n(entry.strikes()));
        }
        return item;
    }

    static Suppression fromItem(Map<String, AttributeValue> item) {
        return new Suppression(
                item.get(PARTITION_KEY).s(),
                item.containsKey(UNTIL) ? Instant.ofEpochSecond(Long.parseLong(item.get(UNTIL).n())) : null,
                item.containsKey(REASON) ? item.get(REASON).s() : null,
                SuppressionSource.fromWireName(item.get(SOURCE).s()),
                item.containsKey(COMMENT) ? item.get(COMMENT).s() : null,
                Instant.ofEpochSecond(Long.parseLong(item.get(CREATED).n())),
                item.containsKey(STRIKES) ? Integer.parseInt(item.get(STRIKES).n()) : 0);
    }

    /** TTL deletes an entry only well after it ended, never before. */
    private static long expiresOf(Instant until) {
        return until.plus(EXPIRY_GRACE).getEpochSecond();
    }


}
