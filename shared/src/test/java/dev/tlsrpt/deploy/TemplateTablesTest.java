package dev.tlsrpt.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import org.junit.jupiter.api.Test;

/** The tables in template.yaml have the keys, TTL attributes and protection the code relies on. */
class TemplateTablesTest {
    private final SamTemplate template = SamTemplate.load();

    @Test
    void resultsTable_hasPkSkAndExpires_andIsNotRetained() {
        assertThat(template.keySchema("ResultsTable")).containsExactly(entry("pk", "HASH"), entry("sk", "RANGE"));
        assertThat(template.attributeTypes("ResultsTable")).containsOnly(entry("pk", "S"), entry("sk", "S"));
        assertThat(template.ttlAttribute("ResultsTable")).isEqualTo("expires");
        assertThat(template.resource("ResultsTable").path("DeletionPolicy").asText()).isEqualTo("Delete");
    }

    @Test
    void tokensTable_hasPk_noTtl_andIsRetained() {
        assertThat(template.keySchema("TokensTable")).containsExactly(entry("pk", "HASH"));
        assertThat(template.attributeTypes("TokensTable")).containsOnly(entry("pk", "S"));
        assertThat(template.ttlAttribute("TokensTable")).isNull();
        assertRetainedWithBackups("TokensTable");
    }

    @Test
    void rulesTable_hasPk_noTtl_andIsRetained() {
        assertThat(template.keySchema("RulesTable")).containsExactly(entry("pk", "HASH"));
        assertThat(template.attributeTypes("RulesTable")).containsOnly(entry("pk", "S"));
        assertThat(template.ttlAttribute("RulesTable")).isNull();
        assertRetainedWithBackups("RulesTable");
        assertThat(template.properties("RulesTable").path("TableName").asText()).isEqualTo("${AWS::StackName}-rules");
    }

    @Test
    void suppressionTable_hasPkAndExpires_andIsRetained() {
        assertThat(template.keySchema("SuppressionTable"))
                .containsExactly(entry(SuppressionTableDefinition.PARTITION_KEY, "HASH"));
        assertThat(template.attributeTypes("SuppressionTable"))
                .containsOnly(entry(SuppressionTableDefinition.PARTITION_KEY, "S"));
        assertThat(template.ttlAttribute("SuppressionTable")).isEqualTo(SuppressionTableDefinition.TTL_ATTRIBUTE);
        assertRetainedWithBackups("SuppressionTable");
    }

    @Test
    void ledgerTable_hasPkSkAndExpires_andIsRetained() {
        assertThat(template.keySchema("LedgerTable")).containsExactly(entry("pk", "HASH"), entry("sk", "RANGE"));
        assertThat(template.attributeTypes("LedgerTable")).containsOnly(entry("pk", "S"), entry("sk", "S"));
        assertThat(template.ttlAttribute("LedgerTable")).isEqualTo("expires");
        assertRetainedWithBackups("LedgerTable");
    }

    @Test
    void everyTable_isOnDemandAndEncrypted() {
        template.root().path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::DynamoDB::Table")) {
                JsonNode properties = resource.getValue().path("Properties");
                assertThat(properties.path("BillingMode").asText()).as(resource.getKey()).isEqualTo("PAY_PER_REQUEST");
                assertThat(properties.path("SSESpecification").path("SSEEnabled").asBoolean()).as(resource.getKey()).isTrue();
            }
        });
    }

    private void assertRetainedWithBackups(String table) {
        assertThat(template.resource(table).path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(template.resource(table).path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        assertThat(template.properties(table).path("PointInTimeRecoverySpecification")
                .path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
    }

    @Test
    void ingestFunction_getsTheEnvironmentItReads_andBothRoutes() {
        JsonNode ingest = template.properties("IngestFunction");
        assertThat(ingest.path("Environment").path("Variables").fieldNames())
                .toIterable().contains("RESULTS_TABLE", "TOKENS_TABLE", "RESULT_SHARDS");
        assertThat(ingest.path("Events").findValuesAsText("Path")).containsExactlyInAnyOrder("/v1/results", "/v1/libtlsrpt", "/v1/momentum", "/v1/exim");
        assertThat(ingest.path("Events").findValuesAsText("Method")).containsOnly("POST");
    }

    @Test
    void tables_areNamedAfterTheStack_asTheCliFindsThem() {
        assertThat(template.properties("ResultsTable").path("TableName").asText()).isEqualTo("${AWS::StackName}-results");
        assertThat(template.properties("TokensTable").path("TableName").asText()).isEqualTo("${AWS::StackName}-tokens");
        assertThat(template.properties("SuppressionTable").path("TableName").asText()).isEqualTo("${AWS::StackName}-suppression");
        assertThat(template.properties("LedgerTable").path("TableName").asText()).isEqualTo("${AWS::StackName}-ledger");
    }

    @Test
    void suppressionFunction_readsTheTableFromItsEnvironment_andGetsBouncesAndComplaints() {
        JsonNode function = template.properties("SuppressionFunction");
        assertThat(function.path("Environment").path("Variables").path(SuppressionTableDefinition.TABLE_ENV).asText())
                .isEqualTo("SuppressionTable");
        assertThat(template.properties("ReportFeedbackDestination").path("EventDestination").path("MatchingEventTypes"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("bounce", "complaint");
        assertThat(template.properties("ReportConfigurationSet").path("DeliveryOptions").path("TlsPolicy").asText())
                .isEqualTo("OPTIONAL");
    }
}
