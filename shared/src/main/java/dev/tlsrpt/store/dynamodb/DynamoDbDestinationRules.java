package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;

import dev.tlsrpt.send.DestinationRules;
import dev.tlsrpt.tlsrpt.DestinationRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The destination rules in DynamoDB (the rules table): one item per rule, {@code pk} its id. An operator keeps
 * a handful, so the worker reads the table whole (a Scan, cached) rather than keeping an index.
 */
public final class DynamoDbDestinationRules implements DestinationRules {
    /** The environment variable that names the table in the worker (template.yaml sets it). */
    public static final String TABLE_ENV = "RULES_TABLE";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbDestinationRules(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<DestinationRule> list() {
        List<DestinationRule> rules = new ArrayList<>();
        for (var page : dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())) {
            page.items().forEach(item -> rules.add(fromItem(item)));
        }
        return rules;
    }

    @Override
    public void put(DestinationRule rule) {
        dynamo.putItem(r -> r.tableName(table).item(toItem(rule)));
    }

    @Override
    public boolean remove(String id) {
        var response = dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", s(id))).returnValues(ReturnValue.ALL_OLD));
        return response.hasAttributes() && !response.attributes().isEmpty();
    }

    static Map<String, AttributeValue> toItem(DestinationRule rule) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(rule.id()));
        item.put("position", n(rule.position()));
        item.put("match", s(rule.match().wireName()));
        item.put("pattern", s(rule.pattern()));
        item.put("action", s(rule.action().wireName()));
        if (rule.to() != null) {
            item.put("to", s(rule.to()));
        }
        if (rule.reason() != null) {
            item.put("reason", s(rule.reason()));
        }
        return item;
    }

    static DestinationRule fromItem(Map<String, AttributeValue> item) {
        return new DestinationRule(item.get("pk").s(), Integer.parseInt(item.get("position").n()),
                DestinationRule.Match.fromWireName(item.get("match").s()), item.get("pattern").s(),
                DestinationRule.Action.fromWireName(item.get("action").s()), text(item, "to"), text(item, "reason"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
