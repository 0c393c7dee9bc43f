package dev.tlsrpt.rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tlsrpt.tlsrpt.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items as DynamoDB's JSON protocol carries them, for the rehearsals' canned Query answers. */
final class DynamoDbWire {
    private DynamoDbWire() {
    }

    /** A Query's answer holding {@code items} in one page. */
    static String queryAnswer(List<Map<String, AttributeValue>> items) {
        List<Map<String, Object>> wire = items.stream().map(DynamoDbWire::item).toList();
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("Items", wire);
            answer.put("Count", wire.size());
            answer.put("ScannedCount", wire.size());
            return Json.MAPPER.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A results item holds strings, numbers and string sets only. */
    private static Map<String, Object> item(Map<String, AttributeValue> item) {
        Map<String, Object> wire = new LinkedHashMap<>();
        item.forEach((name, value) -> wire.put(name, switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case SS -> Map.of("SS", value.ss());
            default -> throw new IllegalArgumentException("a results item does not hold " + value.type());
        }));
        return wire;
    }
}
