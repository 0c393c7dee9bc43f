package dev.tlsrpt.store.dynamodb;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The suppression table's layout, as template.yaml declares {@code SuppressionTable} (a test keeps the two
 * in step), and its creation on the emulator for tests and local runs.
 */
public final class SuppressionTableDefinition {
    /** The environment variable that names the table in the functions (template.yaml sets it). */
    public static final String TABLE_ENV = "SUPPRESSION_TABLE";
    /** Partition key: the normalised reporting address. */
    public static final String PARTITION_KEY = "pk";
    /** DynamoDB TTL attribute (epoch seconds): set on entries with an end, {@link #EXPIRY_GRACE} after it. */
    public static final String TTL_ATTRIBUTE = "expires";
    /**
     * How long an expired entry stays in the table before TTL deletes it: long enough for `suppress list`
     * to show recent expiries and for `suppress extend` to revive them. TTL never deletes an active entry.
     */
    public static final Duration EXPIRY_GRACE = Duration.ofDays(30);

    private SuppressionTableDefinition() {
    }

    /** Creates the table (on-demand, TTL on) unless it exists. */
    public static void create(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.createTable(r -> r.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName(PARTITION_KEY).attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName(PARTITION_KEY).keyType(KeyType.HASH)));
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(r -> r.tableName(tableName));
        dynamo.updateTimeToLive(r -> r.tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(TTL_ATTRIBUTE).enabled(true)));
    }
}
