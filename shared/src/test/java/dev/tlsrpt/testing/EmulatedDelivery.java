package dev.tlsrpt.testing;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SES, EventBridge and SQS clients for the emulator, built the way production builds them. */
public final class EmulatedDelivery {
    private EmulatedDelivery() {
    }

    public static SesV2Client sesV2() {
        MotoServer.get();
        return SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static EventBridgeClient eventBridge() {
        MotoServer.get();
        return EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs() {
        MotoServer.get();
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }
}
