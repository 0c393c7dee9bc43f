package dev.tlsrpt.store.dynamodb;

import static dev.tlsrpt.store.dynamodb.Attributes.n;
import static dev.tlsrpt.store.dynamodb.Attributes.s;
import static dev.tlsrpt.store.dynamodb.ResultItems.*;

import dev.tlsrpt.store.DetailCap;
import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.tlsrpt.ResultType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One counter's update as DynamoDB takes it: numbers are added ({@code ADD}), descriptive attributes set, and
 * the details {@link DetailCap} keeps written under a condition that the counter still has room for them.
 */
record CounterUpdate(Map<String, AttributeValue> key, String updateExpression, String conditionExpression,
                     Map<String, String> names, Map<String, AttributeValue> values, int folded) {

    /**
     * @param knownIds the counter's detail ids as last read, or {@code null} when not read: then every
     *                 detail is assumed new, and the condition fails if that would not fit (and the caller
     *                 reads and tries again)
     */
    static CounterUpdate of(CounterDelta delta, Map<String, AttributeValue> key, Set<String> knownIds, long expires) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();

        names.put("#policy", POLICY);
        names.put("#rd", RECIPIENT);
        names.put("#exp", EXPIRES);
        values.put(":policy", s(StorageKeys.canonicalJson(delta.policy())));
        values.put(":rd", s(delta.recipientDomain()));
        values.put(":exp", n(expires));
        sets.add("#policy = if_not_exists(#policy, :policy)");
        sets.add("#rd = :rd");
        sets.add("#exp = :exp");
        addNumber(adds, names, values, "#ok", SUCCESS, ":ok", delta.successCount());
        addNumber(adds, names, values, "#fail", FAILURE, ":fail", delta.failureCount());
        addNumber(adds, names, values, "#trig", TRIGGERS, ":trig", delta.triggerCount());

        DetailCap cap = DetailCap.of(delta.details(), knownIds);
        List<String> admitted = new ArrayList<>();
        for (DetailCap.KeptDetail kept : cap.kept()) {
            int i = admitted.size();
            admitted.add(kept.id());
            names.put("#d" + i, DETAIL_PREFIX + kept.id());
            names.put("#n" + i, DETAIL_COUNT_PREFIX + kept.id());
            values.put(":d" + i, s(DetailCodec.encode(kept.detail())));
            values.put(":n" + i, n(kept.sessions()));
            sets.add("#d" + i + " = :d" + i);
            adds.add("#n" + i + " :n" + i);
        }
        String condition = null;
        if (!admitted.isEmpty()) {
            names.put("#dk", DETAIL_IDS);
            values.put(":dk", AttributeValue.builder().ss(admitted).build());
            adds.add("#dk :dk");
            // The cap holds even against a concurrent writer: if the counter gained details since we
            // looked (or we did not look), the transaction is cancelled and planned again.
            values.put(":room", n(cap.mostHeldBefore()));
            condition = "attribute_not_exists(#dk) OR size(#dk) <= :room";
        }
        for (Map.Entry<ResultType, Long> entry : cap.foldedSessions().entrySet()) {
            String placeholder = "#x" + entry.getKey().ordinal();
            names.put(placeholder, FOLDED_PREFIX + entry.getKey().name());
            values.put(":x" + entry.getKey().ordinal(), n(entry.getValue()));
            adds.add(placeholder + " :x" + entry.getKey().ordinal());
        }
        String expression = "SET " + String.join(", ", sets) + " ADD " + String.join(", ", adds);
        return new CounterUpdate(key, expression, condition, names, values, cap.foldedDetails());
    }

    private static void addNumber(List<String> adds, Map<String, String> names, Map<String, AttributeValue> values,
                                  String placeholder, String attribute, String valuePlaceholder, long amount) {
        names.put(placeholder, attribute);
        values.put(valuePlaceholder, n(amount));
        adds.add(placeholder + " " + valuePlaceholder);
    }

    Update toUpdate(String table) {
        Update.Builder builder = Update.builder()
                .tableName(table)
                .key(key)
                .updateExpression(updateExpression)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values);
        if (conditionExpression != null) {
            builder.conditionExpression(conditionExpression);
        }
        return builder.build();
    }
}
