package dev.tlsrpt.aws;

import java.util.function.Consumer;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * How every function builds its AWS clients (docs/design.md 4.2): once per container, one URL-connection HTTP
 * client shared by all of them (one keep-alive pool), the region from {@code AWS_REGION} when Lambda sets it
 * (else the SDK's own chain), credentials from the default chain (on SnapStart Lambda serves them through
 * the container endpoint, which that chain reads), endpoints from the SDK's own {@code AWS_ENDPOINT_URL}
 * settings. Checksums the SDK would compute or check on top of TLS are only those a service requires.
 */
public final class SdkClients {
    /** The variable Lambda sets to the function's region. */
    static final String REGION_ENV = "AWS_REGION";
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    private SdkClients() {
    }

    /**
     * The shared settings on any client builder: the one HTTP client and the region. A builder given its own
     * HTTP client afterwards (the ingest API's bounded one) keeps that.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.httpClient(HTTP);
        String region = System.getenv(REGION_ENV);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        return builder;
    }

    public static DynamoDbClient dynamoDb() {
        return dynamoDb(b -> { });
    }

    /** With the caller's further settings (timeouts, interceptors) applied last. */
    public static DynamoDbClient dynamoDb(Consumer<DynamoDbClientBuilder> settings) {
        DynamoDbClientBuilder builder = configure(DynamoDbClient.builder());
        settings.accept(builder);
        return builder.build();
    }

    /**
     * SQS checks an MD5 of every message body it sends or receives by default; over TLS it buys nothing, and the
     * planner enqueues thousands of jobs a day.
     */
    public static SqsClient sqs() {
        return sqs(b -> { });
    }

    public static SqsClient sqs(Consumer<SqsClientBuilder> settings) {
        SqsClientBuilder builder = configure(SqsClient.builder()).checksumValidationEnabled(false);
        settings.accept(builder);
        return builder.build();
    }

    public static SesV2Client sesV2() {
        return sesV2(b -> { });
    }

    public static SesV2Client sesV2(Consumer<SesV2ClientBuilder> settings) {
        SesV2ClientBuilder builder = configure(SesV2Client.builder());
        settings.accept(builder);
        return builder.build();
    }

    public static EventBridgeClient eventBridge() {
        return eventBridge(b -> { });
    }

    public static EventBridgeClient eventBridge(Consumer<EventBridgeClientBuilder> settings) {
        EventBridgeClientBuilder builder = configure(EventBridgeClient.builder());
        settings.accept(builder);
        return builder.build();
    }

    public static SsmClient ssm() {
        return configure(SsmClient.builder()).build();
    }

    /**
     * S3 would add a CRC32 of every archived report (a checksum trailer) and check one on every read; S3 does not
     * require it for a PutObject, and TLS already protects the bytes. Against an emulator named by the SDK's own
     * endpoint settings, path-style addressing: a bucket cannot be a host name under 127.0.0.1.
     */
    public static S3Client s3() {
        return s3(b -> { });
    }

    public static S3Client s3(Consumer<S3ClientBuilder> settings) {
        S3ClientBuilder builder = configure(S3Client.builder())
                // A priming PutObject (ClientPriming.s3) is marshalled and signed, never sent.
                .overrideConfiguration(c -> c.addExecutionInterceptor(ClientPriming.stopBeforeSending()))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(endpointOverridden());
        settings.accept(builder);
        return builder.build();
    }

    /** Whether the SDK's own endpoint settings (the environment, or the system property tests set) name an endpoint. */
    public static boolean endpointOverridden() {
        String endpoint = System.getProperty("aws.endpointUrl", System.getenv("AWS_ENDPOINT_URL"));
        return endpoint != null && !endpoint.isBlank();
    }
}
