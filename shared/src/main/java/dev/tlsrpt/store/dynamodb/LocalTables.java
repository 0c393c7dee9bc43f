package dev.tlsrpt.store.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the tables as template.yaml declares them, for the emulator (local runs and tests).
 * On AWS, CloudFormation creates them; a test keeps the two in step.
 */
public final class LocalTables {
    private LocalTables() {
    }

    public static void createResultsTable(DynamoDbClient dynamo, String name) {
        create(dynamo, name, true);
    }

    public static void createTokensTable(DynamoDbClient dynamo, String name) {
        create(dynamo, name, false);
    }

    /** The destination rules table: one item per rule, keyed by its id. */
    public static void createRulesTable(DynamoDbClient dynamo, String name) {
        create(dynamo, name, false);
    }

    /** A table keyed by {@code pk} (and {@code sk} when {@code withSortKey}), with TTL on {@code expires}. */
    public static void create(DynamoDbClient dynamo, String name, boolean withSortKey) {
        List<KeySchemaElement> keys = withSortKey
                ? List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                : List.of(key("pk", KeyType.HASH));
        List<AttributeDefinition> attributes = withSortKey
                ? List.of(attribute("pk"), attribute("sk"))
                : List.of(attribute("pk"));
        try {
            dynamo.createTable(r -> r.tableName(name).keySchema(keys).attributeDefinitions(attributes)
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            dynamo.updateTimeToLive(r -> r.tableName(name)
                    .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier run
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
