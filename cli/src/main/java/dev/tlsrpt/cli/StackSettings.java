package dev.tlsrpt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * What a deployed stack is made of, as the stack itself wrote it: the SSM parameter
 * {@code /<stack>/settings} (template.yaml's StackSettings; {@code tlsrpt local} writes the same for the
 * local stack). Every command reads it instead of guessing table names or the number of shards.
 *
 * @param caps      the worker's caps (docs/design.md 2.10), so that a preview ignores the URIs the worker ignores
 * @param functions function role ("ingest", "planner", "worker", "suppression") to function name
 */
record StackSettings(String stack, String resultsTable, String tokensTable, String ledgerTable, String suppressionTable,
                     String rulesTable, String archiveBucket,
                     String reportQueueUrl, String eventBusName, int resultShards, String submitterDomain,
                     String fromAddress, String dkimSelector, String dkimKeyParameter, String configurationSet,
                     SendCaps caps, Map<String, String> functions) {

    /** The version of the item's layout; a newer stack than this command is refused, not misread. */
    static final int VERSION = 1;
    private static final List<String> FIELDS = List.of("resultsTable", "tokensTable", "ledgerTable", "suppressionTable",
            "rulesTable", "archiveBucket",
            "reportQueueUrl", "eventBusName", "resultShards", "submitterDomain", "fromAddress", "dkimSelector",
            "dkimKeyParameter", "configurationSet", "urisPerRecord", "reportsPerAddressPerDay", "reportsPerDomainPerDay",
            "functions");
    private static final List<String> NUMBERS = List.of("resultShards", "urisPerRecord", "reportsPerAddressPerDay",
            "reportsPerDomainPerDay");

    StackSettings {
        functions = Map.copyOf(functions);
    }

    /** The settings item's name for a stack. */
    static String parameterName(String stack) {
        return "/" + stack + "/settings";
    }

    /** The stack's settings; refuses with what is missing when the item is absent or incomplete. */
    static StackSettings load(SsmClient ssm, String stack) {
        String name = parameterName(stack);
        String value;
        try {
            value = ssm.getParameter(r -> r.name(name)).parameter().value();
        } catch (ParameterNotFoundException e) {
            throw new MissingSettingsException("no settings for stack \"" + stack + "\": the SSM parameter " + name
                    + " does not exist in this region. Deploy the stack (it writes the parameter), or name the "
                    + "deployed stack with --stack or TLSRPT_STACK, and the region with --region or AWS_REGION.");
        }
        return parse(stack, name, value);
    }

    static StackSettings parse(String stack, String name, String value) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MissingSettingsException("the SSM parameter " + name + " is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MissingSettingsException("the SSM parameter " + name + " is not a JSON object");
        }
        int version = node.path("version").asInt(0);
        if (version != VERSION) {
            throw new MissingSettingsException("the SSM parameter " + name + " has settings version " + version
                    + "; this tlsrpt command reads version " + VERSION + ": use the command of the deployed release");
        }
        List<String> missing = new ArrayList<>();
        for (String field : FIELDS) {
            JsonNode entry = node.path(field);
            if (entry.isMissingNode() || entry.isNull() || (entry.isTextual() && entry.textValue().isBlank())) {
                missing.add(field);
            }
        }
        for (String number : NUMBERS) {
            if (!node.path(number).isMissingNode() && !node.path(number).canConvertToInt()) {
                missing.add(number + " (a number)");
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingSettingsException("the SSM parameter " + name + " lacks " + String.join(", ", missing)
                    + ": redeploy the stack with this release's template.yaml");
        }
        Map<String, String> functions = new TreeMap<>();
        node.path("functions").properties().forEach(entry -> functions.put(entry.getKey(), entry.getValue().asText()));
        return new StackSettings(stack, text(node, "resultsTable"), text(node, "tokensTable"), text(node, "ledgerTable"),
                text(node, "suppressionTable"), text(node, "rulesTable"), text(node, "archiveBucket"), text(node, "reportQueueUrl"), text(node, "eventBusName"),
                node.path("resultShards").asInt(), text(node, "submitterDomain"), text(node, "fromAddress"),
                text(node, "dkimSelector"), text(node, "dkimKeyParameter"), text(node, "configurationSet"),
                new SendCaps(node.path("urisPerRecord").asInt(), node.path("reportsPerAddressPerDay").asInt(),
                        node.path("reportsPerDomainPerDay").asInt()), functions);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText().strip();
    }

    /** The item as the template writes it. */
    String toJson() {
        var node = Json.MAPPER.createObjectNode().put("version", VERSION).put("stack", stack)
                .put("resultsTable", resultsTable).put("tokensTable", tokensTable).put("ledgerTable", ledgerTable)
                .put("suppressionTable", suppressionTable).put("rulesTable", rulesTable).put("archiveBucket", archiveBucket)
                .put("reportQueueUrl", reportQueueUrl)
                .put("eventBusName", eventBusName).put("resultShards", resultShards)
                .put("submitterDomain", submitterDomain).put("fromAddress", fromAddress)
                .put("dkimSelector", dkimSelector).put("dkimKeyParameter", dkimKeyParameter)
                .put("configurationSet", configurationSet).put("urisPerRecord", caps.urisPerRecord())
                .put("reportsPerAddressPerDay", caps.reportsPerAddressPerDay())
                .put("reportsPerDomainPerDay", caps.reportsPerDomainPerDay());
        var functionNames = node.putObject("functions");
        new TreeMap<>(functions).forEach(functionNames::put);
        return node.toString();
    }

    /** Writes the item (local stacks and tests; a deployed stack's template writes its own). */
    void save(SsmClient ssm) {
        ssm.putParameter(r -> r.name(parameterName(stack)).type(ParameterType.STRING).overwrite(true).value(toJson()));
    }

    /** The stack's settings cannot be read: the command refuses rather than guess. */
    static final class MissingSettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingSettingsException(String message) {
            super(message);
        }
    }
}
