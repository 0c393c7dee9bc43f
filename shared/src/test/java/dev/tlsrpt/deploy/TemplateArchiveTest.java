package dev.tlsrpt.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateArchiveTest {
    private final SamTemplate template = SamTemplate.load();

    @Test
    void archiveBucket_isEncryptedPrivateAndExpiresAfterTheRetentionParameter() {
        JsonNode bucket = template.properties("ReportArchiveBucket");
        assertThat(bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm").asText())
                .isEqualTo("AES256");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                .allSatisfy(setting -> assertThat(block.path(setting).asBoolean()).as(setting).isTrue());
        assertThat(bucket.at("/LifecycleConfiguration/Rules/0/ExpirationInDays").asText()).isEqualTo("ArchiveRetentionDays");
        assertThat(template.root().at("/Parameters/ArchiveRetentionDays/Default").asInt()).isEqualTo(400);
        assertThat(template.resource("ReportArchiveBucket").path("DeletionPolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void worker_mayOnlyWriteReportsIntoTheArchive() {
        JsonNode worker = template.properties("ReportWorkerFunction");
        assertThat(worker.at("/Environment/Variables/ARCHIVE_BUCKET").asText()).isEqualTo("ReportArchiveBucket");
        List<JsonNode> s3Statements = new ArrayList<>();
        for (JsonNode policy : worker.path("Policies")) {
            for (JsonNode statement : policy.path("Statement")) {
                if (statement.path("Action").toString().contains("s3:")) {
                    s3Statements.add(statement);
                }
            }
        }
        assertThat(s3Statements).singleElement().satisfies(statement -> {
            assertThat(statement.path("Action")).extracting(JsonNode::asText).containsExactly("s3:PutObject");
            assertThat(statement.path("Resource").asText()).isEqualTo("${ReportArchiveBucket.Arn}/reports/*");
        });
    }
}
