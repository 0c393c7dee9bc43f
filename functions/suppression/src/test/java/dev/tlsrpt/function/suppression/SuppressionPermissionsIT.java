package dev.tlsrpt.function.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.deploy.DynamoDbPermissions;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.TestLambdaContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The suppression function's DynamoDB calls are allowed by its policy in template.yaml (IAM checks them, moto not). */
class SuppressionPermissionsIT {

    @Test
    void everyCallOfTheHandler_isAllowedByItsPolicy() {
        MotoServer.get().reset();
        DynamoDbClient setup = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        SuppressionTableDefinition.create(setup, "SuppressionTable");
        DynamoDbPermissions permissions = new DynamoDbPermissions();
        DynamoDbSuppressionList list = new DynamoDbSuppressionList(permissions.recordingClient(), "SuppressionTable");
        SuppressionHandler handler = new SuppressionHandler(list,
                new SuppressionConfig("SuppressionTable", Duration.ofDays(90), "tlsrpt-noreply@example.com"),
                Clock.fixed(Instant.parse("2026-11-28T00:30:00Z"), ZoneOffset.UTC));

        // A permanent bounce, the same bounce again (the entry exists), and a complaint
        for (String event : new String[] {"ses-bounce-permanent.json", "ses-bounce-permanent.json", "ses-complaint.json"}) {
            handler.handleRequest(Events.sns(event), new TestLambdaContext("SuppressionFunction"));
        }

        assertThat(new DynamoDbSuppressionList(setup, "SuppressionTable").list()).hasSize(2);
        assertThat(permissions.calls()).isNotEmpty();
        assertThat(permissions.notAllowedFor("SuppressionFunction")).as("calls the function's policy does not allow").isEmpty();
    }
}
