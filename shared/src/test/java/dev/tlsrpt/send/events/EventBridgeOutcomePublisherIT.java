package dev.tlsrpt.send.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.send.ReportOutcome.Channel;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.testing.EmulatedDelivery;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Outcome events on an emulated bus, as an operator's rule (source tlsrpt -> SQS queue) receives them. */
class EventBridgeOutcomePublisherIT {
    private static final String BUS = "tlsrpt-test";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    private EventBridgeClient events;
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void busWithARuleToAQueue() {
        MotoServer.get().reset();
        events = EmulatedDelivery.eventBridge();
        sqs = EmulatedDelivery.sqs();
        events.createEventBus(r -> r.name(BUS));
        queueUrl = sqs.createQueue(r -> r.queueName("tlsrpt-outcomes")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(r -> r.name("tlsrpt-outcomes").eventBusName(BUS).eventPattern("{\"source\":[\"tlsrpt\"]}"));
        events.putTargets(r -> r.rule("tlsrpt-outcomes").eventBusName(BUS).targets(t -> t.id("queue").arn(queueArn)));
    }

    private List<JsonNode> receivedEvents() throws Exception {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        List<JsonNode> received = new java.util.ArrayList<>();
        for (Message message : messages) {
            received.add(Json.MAPPER.readTree(message.body()));
        }
        return received;
    }

    @Test
    void publish_shouldPutOneEventPerOutcome_withTheOutcomeAsDetail() throws Exception {
        // GIVEN a sent report and a failed one
        var publisher = new EventBridgeOutcomePublisher(events, BUS);
        var sent = new ReportOutcome(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com", Channel.EMAIL,
                "mailto:tlsrpt@example.com", Status.SENT, null);
        var failed = new ReportOutcome(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com", Channel.HTTPS,
                "https://reports.example.com/tlsrpt", Status.FAILED, "HTTP 404");

        // WHEN published, and flushed as the worker does before its invocation returns
        publisher.publish(sent);
        publisher.publish(failed);
        assertThat(receivedEvents()).as("held back until ten or a flush").isEmpty();
        publisher.flush();

        // THEN the rule delivered two events, source tlsrpt, each with its detail-type and fields
        List<JsonNode> received = receivedEvents();
        assertThat(received).hasSize(2);
        assertThat(received).extracting(e -> e.path("source").asText()).containsOnly("tlsrpt");
        assertThat(received).extracting(e -> e.path("detail-type").asText())
                .containsExactlyInAnyOrder("TLS report sent", "TLS report failed");
        JsonNode failedDetail = received.stream().filter(e -> e.path("detail-type").asText().endsWith("failed"))
                .findFirst().orElseThrow().path("detail");
        assertThat(failedDetail.path("day").asText()).isEqualTo("2026-11-28");
        assertThat(failedDetail.path("kind").asText()).isEqualTo("RECIPIENT_DOMAIN");
        assertThat(failedDetail.path("domain").asText()).isEqualTo("example.com");
        assertThat(failedDetail.path("channel").asText()).isEqualTo("HTTPS");
        assertThat(failedDetail.path("target").asText()).isEqualTo("https://reports.example.com/tlsrpt");
        assertThat(failedDetail.path("status").asText()).isEqualTo("FAILED");
        assertThat(failedDetail.path("reason").asText()).isEqualTo("HTTP 404");
        JsonNode sentDetail = received.stream().filter(e -> e.path("detail-type").asText().endsWith("sent"))
                .findFirst().orElseThrow().path("detail");
        assertThat(sentDetail.has("reason")).as("no null fields").isFalse();
    }

    @Test
    void publish_shouldSendTenEventsToACall_andTheRestOnFlush() throws Exception {
        // GIVEN a client that counts its PutEvents calls
        int[] calls = {0};
        EventBridgeClient counting = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                                   software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        calls[0]++;
                    }
                })).build();
        var publisher = new EventBridgeOutcomePublisher(counting, BUS);

        // WHEN 25 outcomes are published and flushed
        for (int i = 0; i < 25; i++) {
            publisher.publish(new ReportOutcome(DAY, DestinationKind.RECIPIENT_DOMAIN, "d" + i + ".example", Channel.NONE,
                    null, Status.SKIPPED, "no TLSRPT record"));
        }
        int beforeFlush = calls[0];
        publisher.flush();
        publisher.flush();

        // THEN three calls (10, 10, 5), and every event arrived once
        assertThat(beforeFlush).isEqualTo(2);
        assertThat(calls[0]).isEqualTo(3);
        List<String> domains = new java.util.ArrayList<>();
        for (int round = 0; round < 10 && domains.size() < 25; round++) {
            receivedEvents().forEach(e -> domains.add(e.path("detail").path("domain").asText()));
        }
        assertThat(domains).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void publish_toAMissingBus_shouldNotThrow() {
        // GIVEN a bus name that does not exist WHEN an outcome is published THEN nothing breaks the delivery
        var publisher = new EventBridgeOutcomePublisher(events, "no-such-bus");
        assertThatNoException().isThrownBy(() -> {
            publisher.publish(new ReportOutcome(DAY, DestinationKind.MX_HOST,
                    "mx1.example.net", Channel.NONE, null, Status.SKIPPED, "no TLSRPT record"));
            publisher.flush();
        });
    }

    @Test
    void publish_withEventBridgeUnreachable_shouldNotThrow() {
        // GIVEN a client whose endpoint refuses connections
        EventBridgeClient unreachable = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();

        // WHEN an outcome is published THEN the failure is logged, not thrown
        assertThatNoException().isThrownBy(() -> {
            var publisher = new EventBridgeOutcomePublisher(unreachable, BUS);
            publisher.publish(new ReportOutcome(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com", Channel.EMAIL,
                    "mailto:tlsrpt@example.com", Status.RETRYING, "SES TooManyRequestsException"));
            publisher.flush();
        });
    }
}
