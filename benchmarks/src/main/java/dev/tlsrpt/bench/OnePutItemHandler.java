package dev.tlsrpt.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tlsrpt.aws.SdkClients;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start baseline (docs/benchmarks.md, "Cold start"): the least a function with the same SDK can do.
 * Its client is built as the functions build theirs ({@code SdkClients}); its one invocation is one PutItem
 * into {@code BASELINE_TABLE}.
 * scripts/bench-cold-start runs it on each function's jar, with that function's JVM flags.
 */
public final class OnePutItemHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final DynamoDbClient dynamo = SdkClients.dynamoDb();
    private final String table = System.getenv("BASELINE_TABLE");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("baseline#" + UUID.randomUUID()))));
        return Map.of("put", 1);
    }
}
