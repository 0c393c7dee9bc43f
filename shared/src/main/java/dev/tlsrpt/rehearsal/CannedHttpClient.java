package dev.tlsrpt.rehearsal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a connection: it reads each request's body to the end, as a client that
 * sends it would, and answers from a fixed set of answers. A request it has no answer for gets a 400 the SDK
 * does not retry, so a rehearsal that strays fails at once instead of reaching a service. Public for
 * {@code SdkCallBenchmark}, which measures the SDK's own CPU per call on it.
 */
public final class CannedHttpClient implements SdkHttpClient {
    /** What the client answers: a status, its headers and a body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public static Answer json(String body) {
            return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.0"), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Answer UNANSWERED = new Answer(400,
            Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ValidationException"),
            "{\"__type\":\"ValidationException\",\"message\":\"the rehearsal has no answer for this request\"}"
                    .getBytes(StandardCharsets.UTF_8));

    private final Function<SdkHttpRequest, Answer> answers;
    private final AtomicInteger answered = new AtomicInteger();
    private final byte[] drain = new byte[8192];

    private CannedHttpClient(Function<SdkHttpRequest, Answer> answers) {
        this.answers = answers;
    }

    /** Answers by the request's {@code X-Amz-Target} (the JSON protocols: DynamoDB, EventBridge). */
    static CannedHttpClient byTarget(Map<String, Answer> byTarget) {
        return new CannedHttpClient(request -> request.firstMatchingHeader("X-Amz-Target").map(byTarget::get).orElse(null));
    }

    /** The same answer to every request (a client that makes one kind of call). */
    public static CannedHttpClient always(Answer answer) {
        return new CannedHttpClient(request -> answer);
    }

    /** How many requests got one of the answers. */
    int answered() {
        return answered.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        synchronized (drain) {
                            while (body.read(drain) >= 0) {
                                // read as a sending client would, and dropped
                            }
                        }
                    }
                }
                Answer answer = answers.apply(request.httpRequest());
                if (answer == null) {
                    answer = UNANSWERED;
                } else {
                    answered.incrementAndGet();
                }
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                response.putHeader("Content-Length", Integer.toString(answer.body().length));
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body()))).build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    @Override
    public String clientName() {
        return "Canned";
    }

    @Override
    public void close() {
        // nothing held
    }
}
