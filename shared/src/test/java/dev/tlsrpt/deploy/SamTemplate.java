package dev.tlsrpt.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * template.yaml as a tree, for tests that keep the code and the template in step. CloudFormation's
 * short-form tags ({@code !Ref X}, {@code !GetAtt X.Arn}) are read as their plain values.
 */
public final class SamTemplate {
    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    /** The repository's template.yaml, found from the working directory of the test upwards. */
    public static SamTemplate load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        try {
            return new SamTemplate(new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("template.yaml").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** The properties of resource {@code logicalId}; fails if there is no such resource. */
    public JsonNode properties(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return resource.path("Properties");
    }

    public JsonNode resource(String logicalId) {
        return root.path("Resources").path(logicalId);
    }

    /** The table's key schema as attribute name to "HASH"/"RANGE", in the template's order. */
    public Map<String, String> keySchema(String tableLogicalId) {
        Map<String, String> keys = new LinkedHashMap<>();
        properties(tableLogicalId).path("KeySchema")
                .forEach(key -> keys.put(key.path("AttributeName").asText(), key.path("KeyType").asText()));
        return keys;
    }

    /** The table's attribute definitions as attribute name to type ("S", "N", "B"). */
    public Map<String, String> attributeTypes(String tableLogicalId) {
        Map<String, String> types = new LinkedHashMap<>();
        properties(tableLogicalId).path("AttributeDefinitions")
                .forEach(key -> types.put(key.path("AttributeName").asText(), key.path("AttributeType").asText()));
        return types;
    }

    /** The TTL attribute of the table, or null when TTL is off. */
    public String ttlAttribute(String tableLogicalId) {
        JsonNode ttl = properties(tableLogicalId).path("TimeToLiveSpecification");
        return ttl.path("Enabled").asBoolean(false) ? ttl.path("AttributeName").asText() : null;
    }
}
