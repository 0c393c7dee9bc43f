package dev.tlsrpt.testing;

import com.sun.net.httpserver.HttpServer;
import dev.tlsrpt.local.LoopbackServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
 * An SESv2 HTTP endpoint in memory, for the calls the emulator does not implement (moto has no
 * PutConfigurationSetSendingOptions): the real SDK client marshals each request and unmarshals the
 * canned answer, and the test reads the requests as SES would receive them. No network; or, for code in
 * another process (a function under the Lambda runtime), the same endpoint on loopback HTTP
 * ({@link #onLoopback()}).
 */
public final class RecordingSes implements SdkHttpClient {
    /** A request as it reached "SES": method, path, and JSON body. */
    public record Request(String method, String path, String body) {
    }

    /** A canned answer: HTTP status, JSON body, and for an error SES's error type (else null). */
    public record Answer(int status, String body, String errorType) {
        public Answer(int status, String body) {
            this(status, body, null);
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private final Function<Request, Answer> answers;

    public RecordingSes(Function<Request, Answer> answers) {
        this.answers = answers;
    }

    public SesV2Client client() {
        return SesV2Client.builder().httpClient(this).region(Region.US_EAST_1)
                .endpointOverride(java.net.URI.create("https://email.us-east-1.amazonaws.com"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The same endpoint served over HTTP on 127.0.0.1 (a free port) until closed; it records into {@link #requests()}. */
    public Loopback onLoopback() throws IOException {
        HttpServer server = LoopbackServer.http(0, 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Answer answer = answer(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body));
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (answer.errorType() != null) {
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
                }
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        return new Loopback(server);
    }

    /** The loopback face of a {@link RecordingSes}: its endpoint URL, for the SDK's endpoint settings. */
    public static final class Loopback implements AutoCloseable {
        private final HttpServer server;

        private Loopback(HttpServer server) {
            this.server = server;
        }

        public String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private Answer answer(Request request) {
        synchronized (this) {
            requests.add(request);
        }
        return answers.apply(request);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String body;
        try (InputStream in = request.contentStreamProvider().map(p -> p.newStream()).orElse(InputStream.nullInputStream())) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Answer answer = answer(new Request(request.httpRequest().method().name(), request.httpRequest().encodedPath(), body));
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status())
                        .putHeader("Content-Type", "application/json");
                if (answer.errorType() != null) {
                    response.putHeader("x-amzn-ErrorType", answer.errorType());
                }
                return HttpExecuteResponse.builder()
                        .response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
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
