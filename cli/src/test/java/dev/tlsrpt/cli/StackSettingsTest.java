package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.deploy.SamTemplate;
import dev.tlsrpt.tlsrpt.Json;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The settings item template.yaml writes is the one the command reads, field for field. */
class StackSettingsTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    /** The template's item with each ${X} replaced as CloudFormation would: a number for the numeric parameters, else a name. */
    private static String deployedItem() {
        JsonNode resource = SamTemplate.load().resource("StackSettings");
        assertThat(resource.path("Type").asText()).isEqualTo("AWS::SSM::Parameter");
        JsonNode properties = resource.path("Properties");
        assertThat(properties.path("Name").asText()).isEqualTo("/${AWS::StackName}/settings");
        Matcher matcher = PLACEHOLDER.matcher(properties.path("Value").asText());
        StringBuilder value = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = switch (name) {
                case "ResultShards" -> "64";
                case "MaxUrisPerRecord" -> "7";
                case "MaxReportsPerAddress" -> "2000";
                case "MaxReportsPerDomain" -> "9000";
                case "AWS::StackName" -> "prod";
                case "SubmitterDomain" -> "sender.example";
                case "FromAddress" -> "tlsrpt-noreply@sender.example";
                default -> "value-of-" + name;
            };
            matcher.appendReplacement(value, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(value);
        return value.toString();
    }

    @Test
    void templateItem_shouldParse_withEveryFieldTheCommandWrites() throws Exception {
        String item = deployedItem();

        StackSettings settings = StackSettings.parse("prod", "/prod/settings", item);

        assertThat(settings.resultShards()).isEqualTo(64);
        assertThat(settings.caps()).isEqualTo(new dev.tlsrpt.tlsrpt.SendCaps(7, 2000, 9000));
        assertThat(settings.resultsTable()).isEqualTo("value-of-ResultsTable");
        assertThat(settings.reportQueueUrl()).isEqualTo("value-of-ReportQueue");
        assertThat(settings.dkimKeyParameter()).isEqualTo("value-of-DkimKeyParameterName");
        assertThat(settings.functions()).containsOnlyKeys(DoctorCommand.FUNCTION_ROLES);
        assertThat(fieldNames(Json.MAPPER.readTree(item))).containsExactlyInAnyOrderElementsOf(
                fieldNames(Json.MAPPER.readTree(settings.toJson())));
    }

    @Test
    void anItemOfAnotherVersion_isRefused() {
        assertThatThrownBy(() -> StackSettings.parse("prod", "/prod/settings", deployedItem().replace("\"version\":1", "\"version\":2")))
                .isInstanceOf(StackSettings.MissingSettingsException.class).hasMessageContaining("settings version 2");
        assertThatThrownBy(() -> StackSettings.parse("prod", "/prod/settings", "not json"))
                .isInstanceOf(StackSettings.MissingSettingsException.class).hasMessageContaining("/prod/settings is not JSON");
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
