package dev.tlsrpt.send.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.send.ReportMailer.MailResult;
import dev.tlsrpt.testing.WorkerFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The mailer's reading of every error SESv2 SendEmail can answer. The answers are SES's wire format (HTTP
 * status, x-amzn-ErrorType, JSON message) from a canned HTTP client, so the SDK's own unmarshalling picks
 * the exception class, as it would on AWS. No network.
 */
class SesFailuresTest {
    private static final byte[] MESSAGE = "From: a@sender.example\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Answers every request with one canned SES error, or fails at the network level when status is 0. */
    private record CannedSes(int status, String errorType, AtomicInteger requests) implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.incrementAndGet();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (status == 0) {
                        throw new IOException("connection reset");
                    }
                    byte[] body = "{\"message\":\"canned\"}".getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(status)
                                    .putHeader("x-amzn-ErrorType", errorType)
                                    .putHeader("Content-Type", "application/json").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static MailResult sendAgainst(CannedSes canned) {
        SesV2Client ses = SesV2Client.builder()
                .httpClient(canned)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return new SesReportMailer(ses, "tlsrpt-reports").send("tlsrpt@example.com", MESSAGE, WorkerFixtures.UNREAD_CONTENT);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // throttled or out of quota for now: retry within the day
            "429, TooManyRequestsException, TransientFailure",
            "400, LimitExceededException, TransientFailure",
            // sending paused (the reputation guard, or SES): the report waits for `tlsrpt sending resume`
            "400, SendingPausedException, TransientFailure",
            // MAIL FROM domain's MX record missing: fixed in DNS within the day
            "400, MailFromDomainNotVerifiedException, TransientFailure",
            "500, InternalServiceErrorException, TransientFailure",
            "500, ConcurrentModificationException, TransientFailure",
            "503, ServiceUnavailable, TransientFailure",
            "400, Throttling, TransientFailure",
            // refused for good, or a configuration error no retry fixes
            "400, MessageRejected, Rejected",
            "400, AccountSuspendedException, Rejected",
            "404, NotFoundException, Rejected",
            "400, BadRequestException, Rejected",
            "403, AccessDeniedException, Rejected",
    })
    void sendEmailErrors_shouldMapToTheirOutcome(int status, String errorType, String expected) {
        // GIVEN SES answering SendEmail with this error WHEN a report is sent
        AtomicInteger requests = new AtomicInteger();
        MailResult result = sendAgainst(new CannedSes(status, errorType, requests));

        // THEN the outcome is the one the worker must act on, and the reason names SES's error
        assertThat(result.getClass().getSimpleName()).isEqualTo(expected);
        assertThat(result.toString()).contains(errorType);
        assertThat(requests).hasValue(1);
    }

    @Test
    void networkFailure_shouldBeTransient() {
        // GIVEN a connection that breaks WHEN sent THEN a transient failure (SdkClientException)
        MailResult result = sendAgainst(new CannedSes(0, null, new AtomicInteger()));
        assertThat(result).isInstanceOf(MailResult.TransientFailure.class);
    }

    @Test
    void classify_shouldMapTheModeledExceptionClasses() {
        // The same decisions, on the exception classes directly (what an SDK upgrade could rename).
        assertThat(SesFailures.classify(software.amazon.awssdk.services.sesv2.model.TooManyRequestsException.builder()
                .statusCode(429).message("slow down").build())).isInstanceOf(MailResult.TransientFailure.class);
        assertThat(SesFailures.classify(software.amazon.awssdk.services.sesv2.model.MessageRejectedException.builder()
                .statusCode(400).message("no").build())).isInstanceOf(MailResult.Rejected.class);
        assertThat(SesFailures.classify(software.amazon.awssdk.core.exception.ApiCallTimeoutException.create(30_000)))
                .isInstanceOf(MailResult.TransientFailure.class);
    }
}
