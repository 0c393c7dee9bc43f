package dev.tlsrpt.testing;

import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Clients for the emulator, built the way production builds them, plus failure injection. */
public final class Emulated {
    private Emulated() {
    }

    public static DynamoDbClient dynamoDb() {
        MotoServer.get();
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * A client of the one-request-at-a-time emulator ({@link MotoServer#serialised()}), emptied first: for tests
     * of many concurrent writers, which stock moto's transaction rollback would make meaningless.
     */
    public static DynamoDbClient serialisedDynamoDb() {
        MotoServer emulator = MotoServer.serialised();
        emulator.reset();
        return DynamoDbClient.builder()
                // Requests wait their turn at the one-at-a-time emulator: longer than the SDK's default.
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
                .endpointOverride(URI.create(emulator.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    /**
     * A client whose requests matching {@code which} fail, from the {@code failFrom}-th one on, as if the
     * network to storage went down at that moment. No SDK retries, so the count is exact.
     */
    public static DynamoDbClient dynamoDbFailingFrom(int failFrom, Predicate<SdkRequest> which) {
        MotoServer.get();
        int[] seen = {0};
        ExecutionInterceptor failing = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (which.test(context.request()) && ++seen[0] >= failFrom) {
                    throw SdkClientException.create("injected: storage unreachable");
                }
            }
        };
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(failing).retryPolicy(RetryPolicy.none()))
                .build();
    }
}
