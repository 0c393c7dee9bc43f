package dev.tlsrpt.function.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.ingest.ApiRequest;
import dev.tlsrpt.ingest.ApiResponse;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.IngestMetrics;
import dev.tlsrpt.function.logging.LogLine;
import dev.tlsrpt.function.priming.Priming;
import dev.tlsrpt.ingest.RequestLog;
import dev.tlsrpt.store.WriteBudget;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** IngestFunction: API Gateway HTTP API (payload 2.0) events in, {@link IngestApi} responses out. */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
    private final IngestApi api;

    /** What Lambda calls: collaborators built once per container, from the environment. */
    public IngestHandler() {
        this(fromEnvironment(IngestConfig.fromEnvironment()));
    }

    public IngestHandler(IngestApi api) {
        this.api = api;
    }

    private static IngestApi fromEnvironment(IngestConfig config) {
        // Region, credentials and endpoint come from the SDK's own settings (AWS_REGION, AWS_ENDPOINT_URL).
        DynamoDbClient dynamo = dynamoDb(IngestConfig.STORAGE_CALL_DEADLINE, builder -> { });
        Clock clock = Clock.systemUTC();
        DynamoDbResultStore store = new DynamoDbResultStore(dynamo, config.resultsTable(), config.resultShards(), clock);
        IngestApi api = new IngestApi(new DynamoDbTokenStore(dynamo, config.tokensTable(), clock), store,
                clock, IngestMetrics.toStandardOutput(),
                () -> WriteBudget.startingNow(IngestConfig.REQUEST_STORAGE_BUDGET, IngestConfig.STORAGE_CALL_DEADLINE));
        Priming.beforeSnapshot(() -> Warmup.run(api, dynamo, store, config.resultsTable()));
        return api;
    }

    /**
     * The storage client, every call bounded by {@code deadline} including its retries: a store that refuses
     * connections or stalls becomes a 503 with Retry-After long before the API's own 30 s timeout.
     */
    static DynamoDbClient dynamoDb(Duration deadline, Consumer<DynamoDbClientBuilder> settings) {
        Duration attempt = deadline.dividedBy(2);
        DynamoDbClientBuilder builder = SdkClients.configure(DynamoDbClient.builder())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(attempt)
                        .socketTimeout(attempt)
                        .build())
                .overrideConfiguration(c -> c
                        .apiCallTimeout(deadline)
                        .apiCallAttemptTimeout(attempt)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build()));
        settings.accept(builder);
        return builder.build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> answer(event));
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        ApiRequest request = toRequest(event);
        RequestLog log = new RequestLog(request.path());
        ApiResponse response = api.handle(request, log);
        RequestLog.Line line = log.finish(response.status());
        LogLine.write(LOG, line.level(), line.message(), line.fields());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .build();
    }

    static ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        String method = "GET";
        String path = event.getRawPath();
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            method = event.getRequestContext().getHttp().getMethod();
            path = event.getRequestContext().getHttp().getPath();
        }
        byte[] body = new byte[0];
        if (event.getBody() != null) {
            body = event.getIsBase64Encoded()
                    ? decodeBase64(event.getBody())
                    : event.getBody().getBytes(StandardCharsets.UTF_8);
        }
        return new ApiRequest(method, path == null ? "/" : path, headers, body);
    }

    private static byte[] decodeBase64(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }
}
