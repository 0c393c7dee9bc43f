package dev.tlsrpt.bench;

import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.rehearsal.CannedHttpClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS SDK's own CPU per call, with no network: the clients as {@link SdkClients} builds them, on an HTTP
 * client that answers in memory. What a worker's call costs besides the HTTP exchange (marshalling, endpoint
 * and auth-scheme resolution, signing, interceptors, unmarshalling), and what a fixed DynamoDB endpoint would
 * save of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SdkCallBenchmark {
    private static final byte[] MESSAGE = new byte[6_000];
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("tls@example.com"));

    private DynamoDbClient dynamo;
    private DynamoDbClient dynamoFixedEndpoint;
    private S3Client s3;

    @Setup
    public void setUp() {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        // 200 with an empty JSON object to every request, its body read as a sending client would.
        SdkHttpClient answers = CannedHttpClient.always(CannedHttpClient.Answer.json("{}"));
        dynamo = SdkClients.dynamoDb(b -> b.httpClient(answers).region(Region.US_EAST_1).credentialsProvider(credentials));
        URI endpoint = URI.create("https://dynamodb.us-east-1.amazonaws.com");
        dynamoFixedEndpoint = SdkClients.dynamoDb(b -> b.httpClient(answers).region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointProvider(params -> CompletableFuture.completedFuture(Endpoint.builder().url(endpoint).build())));
        s3 = SdkClients.s3(b -> b.httpClient(answers).region(Region.US_EAST_1).credentialsProvider(credentials));
    }

    @TearDown
    public void tearDown() {
        dynamo.close();
        dynamoFixedEndpoint.close();
        s3.close();
    }

    @Benchmark
    public Object dynamoDbGetItem() {
        return dynamo.getItem(r -> r.tableName("suppression").key(KEY).consistentRead(true));
    }

    @Benchmark
    public Object dynamoDbGetItemFixedEndpoint() {
        return dynamoFixedEndpoint.getItem(r -> r.tableName("suppression").key(KEY).consistentRead(true));
    }

    @Benchmark
    public Object s3PutObject() {
        return s3.putObject(r -> r.bucket("archive").key("reports/2026-11-28/rcpt/example.com/mailto%3Atls%40example.com.eml")
                .contentType("message/rfc822"), RequestBody.fromBytes(MESSAGE));
    }
}
