package dev.tlsrpt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.tlsrpt.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/** Mutations of valid JSON bodies for the property tests: odd values set, fields removed, entries repeated. */
public final class JsonMutations {
    /** Values an attacker tries: wrong types, bounds, bad text, bad times, bad addresses. */
    private static final String[] ODD_VALUES = {"", " ", "null", "-1", "1e309", "9223372036854775808", "\"\\u0000\"",
            "\"bücher.example\"", "\"a\\r\\nb\"", "[]", "{}", "true", "\"" + "x".repeat(300) + "\"", "\"192.0.2.300\"",
            "\"::ffff:192.0.2.1\"", "\"*.example.com\"", "\"2026-11-28T25:00:00Z\"", "1.0", "0.5", "\"sts\"",
            "\"\\udc80\"", "\"a\\ud800\"", "\"\\u2028\"", "\"\\u0085\"", "\"-1000000000-01-01T00:00:00Z\"",
            "\"1970-01-01T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"2026-11-29T23:59:59Z\"", "1000000001",
            "\"" + "3 0 0 " + "AB".repeat(1500) + "\"", "[{}]", "[{},{},{},{},{},{},{},{},{},{},{}]", "\"tlsa\""};

    private JsonMutations() {
    }

    /** {@code root} after {@code count} random mutations (changed in place). */
    public static JsonNode mutate(JsonNode root, SplittableRandom random, int count) {
        for (int i = 0; i < count; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            JsonNode odd = oddValue(random);
            if (target instanceof ObjectNode object && object.size() > 0) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                switch (random.nextInt(3)) {
                    case 0 -> object.set(name, odd);
                    case 1 -> object.remove(name);
                    default -> object.set(name + (random.nextBoolean() ? "x" : ""), odd);
                }
            } else if (target instanceof ArrayNode array && array.size() > 0) {
                int index = random.nextInt(array.size());
                switch (random.nextInt(3)) {
                    case 0 -> array.set(index, odd);
                    case 1 -> array.remove(index);
                    default -> array.add(array.get(index).deepCopy());
                }
            }
        }
        return root;
    }

    private static JsonNode oddValue(SplittableRandom random) {
        String text = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
        try {
            return text.isBlank() ? JsonNodeFactory.instance.textNode(text) : Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }
}
