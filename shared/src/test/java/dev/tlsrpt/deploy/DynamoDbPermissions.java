package dev.tlsrpt.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What a function does to DynamoDB, as IAM sees it, beside what its policy in template.yaml allows: the
 * emulator checks no permission, IAM checks every call. A transaction counts item by item (IAM authorises
 * each as PutItem, UpdateItem, ...), and a statement's {@code dynamodb:LeadingKeys} condition is checked
 * against each call's partition key. The tests name the emulator's tables after the template's logical ids,
 * so a call's table is the policy's resource ({@code !GetAtt X.Arn}).
 */
public final class DynamoDbPermissions {
    private static final Pattern QUERY_PK = Pattern.compile("\\bpk\\s*=\\s*(:\\w+)");

    /** One call: {@code pk} is its partition key value, or null where the call names none (Scan). */
    public record Call(String action, String table, String pk) {
        @Override
        public String toString() {
            return action + " on " + table + (pk == null ? "" : " (pk " + pk + ")");
        }
    }

    /** One allowed action: {@code leadingKeys} are the condition's patterns, empty when unconditioned. */
    public record Grant(String action, String table, List<String> leadingKeys) {
        boolean allows(Call call) {
            return action.equals(call.action) && table.equals(call.table)
                    && (leadingKeys.isEmpty() || call.pk != null && leadingKeys.stream().anyMatch(p -> glob(p, call.pk)));
        }

        private static boolean glob(String pattern, String value) {
            return value.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
        }
    }

    private final Set<Call> calls = new HashSet<>();

    /** A client for the emulator, built as the functions build theirs, that records each call it makes. */
    public DynamoDbClient recordingClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new Recorder())).build();
    }

    public synchronized Set<Call> calls() {
        return Set.copyOf(calls);
    }

    /** The calls no statement of the function's policies allows. */
    public List<Call> notAllowedFor(String functionLogicalId) {
        List<Grant> grants = grants(functionLogicalId);
        return calls().stream().filter(call -> grants.stream().noneMatch(g -> g.allows(call))).toList();
    }

    /** The function's DynamoDB grants, read from its Policies in template.yaml. */
    public static List<Grant> grants(String functionLogicalId) {
        List<Grant> grants = new ArrayList<>();
        for (JsonNode policy : SamTemplate.load().properties(functionLogicalId).path("Policies")) {
            policy.fieldNames().forEachRemaining(name -> {
                if (name.startsWith("DynamoDB")) {
                    // A SAM policy template grants more than its name says: spell the statement out instead.
                    throw new AssertionError(functionLogicalId + " uses SAM policy template " + name);
                }
            });
            for (JsonNode statement : policy.path("Statement")) {
                if (!statement.path("Effect").asText().equals("Allow")) {
                    continue;
                }
                List<String> leadingKeys = new ArrayList<>();
                statement.path("Condition").path("ForAllValues:StringLike").path("dynamodb:LeadingKeys")
                        .forEach(p -> leadingKeys.add(p.asText()));
                JsonNode resources = statement.path("Resource");
                for (JsonNode action : statement.path("Action")) {
                    for (JsonNode resource : resources.isArray() ? resources : List.of(resources)) {
                        grants.add(new Grant(action.asText().replaceFirst("^dynamodb:", ""),
                                resource.asText().replaceFirst("\\.Arn$", ""), List.copyOf(leadingKeys)));
                    }
                }
            }
        }
        return grants;
    }

    private synchronized void record(String action, String table, Map<String, AttributeValue> keyOrItem) {
        AttributeValue pk = keyOrItem == null ? null : keyOrItem.get("pk");
        calls.add(new Call(action, table, pk == null ? null : pk.s()));
    }

    private final class Recorder implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            switch (request) {
                case GetItemRequest r -> record("GetItem", r.tableName(), r.key());
                case QueryRequest r -> {
                    Matcher pk = QUERY_PK.matcher(r.keyConditionExpression());
                    record("Query", r.tableName(), pk.find() ? Map.of("pk", r.expressionAttributeValues().get(pk.group(1))) : null);
                }
                case ScanRequest r -> record("Scan", r.tableName(), null);
                case PutItemRequest r -> record("PutItem", r.tableName(), r.item());
                case UpdateItemRequest r -> record("UpdateItem", r.tableName(), r.key());
                case DeleteItemRequest r -> record("DeleteItem", r.tableName(), r.key());
                case BatchGetItemRequest r -> r.requestItems().forEach((table, keys) ->
                        keys.keys().forEach(key -> record("BatchGetItem", table, key)));
                case BatchWriteItemRequest r -> r.requestItems().forEach((table, writes) -> writes.forEach(w ->
                        record("BatchWriteItem", table, w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key())));
                case TransactWriteItemsRequest r -> r.transactItems().forEach(item -> {
                    if (item.put() != null) {
                        record("PutItem", item.put().tableName(), item.put().item());
                    }
                    if (item.update() != null) {
                        record("UpdateItem", item.update().tableName(), item.update().key());
                    }
                    if (item.delete() != null) {
                        record("DeleteItem", item.delete().tableName(), item.delete().key());
                    }
                    if (item.conditionCheck() != null) {
                        record("ConditionCheckItem", item.conditionCheck().tableName(), item.conditionCheck().key());
                    }
                });
                default -> record(request.getClass().getSimpleName().replaceFirst("Request$", ""), "?", null);
            }
        }
    }
}
