package dev.tlsrpt.store.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * First calls of DynamoDB's write operations that write nothing, for a function's priming before a SnapStart
 * snapshot (docs/design.md 8): each is conditional on an item that cannot exist, so DynamoDB refuses it. The
 * client's marshalling, signing and error handling for the operation are then loaded in the snapshot.
 */
public final class DynamoDbPriming {
    private static final Map<String, AttributeValue> NO_ITEM =
            Map.of("pk", AttributeValue.fromS("PRIMING#none"), "sk", AttributeValue.fromS("PRIMING#none"));
    private static final String ONLY_IF_THERE = "attribute_exists(pk)";

    private DynamoDbPriming() {
    }

    /** A conditional PutItem, UpdateItem and one-check TransactWriteItems on {@code table}, each refused. */
    public static void refusedWrites(DynamoDbClient dynamo, String table) {
        refused(() -> dynamo.putItem(r -> r.tableName(table).item(NO_ITEM).conditionExpression(ONLY_IF_THERE)));
        refused(() -> dynamo.updateItem(r -> r.tableName(table).key(NO_ITEM).updateExpression("SET priming = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromN("1"))).conditionExpression(ONLY_IF_THERE)));
        refused(() -> dynamo.transactWriteItems(r -> r.transactItems(impossibleCheck(table))));
    }

    /** A transaction's check that fails: the item cannot exist. A transaction that holds it is cancelled whole. */
    static TransactWriteItem impossibleCheck(String table) {
        return TransactWriteItem.builder().conditionCheck(check -> check
                .tableName(table).key(NO_ITEM).conditionExpression(ONLY_IF_THERE)).build();
    }

    private static void refused(Runnable write) {
        try {
            write.run();
        } catch (DynamoDbException expected) {
            // ConditionalCheckFailed or TransactionCanceled: nothing was written.
        }
    }
}
