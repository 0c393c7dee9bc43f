package dev.tlsrpt.testing;

import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
