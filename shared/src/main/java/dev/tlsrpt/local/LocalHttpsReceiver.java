package dev.tlsrpt.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A reporting endpoint for local runs, tests and the worker's rehearsal: HTTPS on 127.0.0.1 with a certificate
 * chain made at start ({@link ReceiverCertificate}), recording every request and answering a scripted sequence
 * (e.g. 503 then 200, or a redirect); once the script runs out it answers 200. Loopback only: reaching it needs
 * an address policy that allows loopback for its port, which the production poster's never does (the
 * rehearsal's own poster allows it for its receiver alone).
 */
public final class LocalHttpsReceiver implements AutoCloseable {

    /** The receiver's keys, its authority's and its leaf's: the two kinds public receivers present. */
    public enum Key {
        EC_P256("EC", 256, "SHA256withECDSA"),
        RSA_2048("RSA", 2048, "SHA256withRSA");

        private final String algorithm;
        private final int bits;
        private final String signature;

        Key(String algorithm, int bits, String signature) {
            this.algorithm = algorithm;
            this.bits = bits;
            this.signature = signature;
        }

        String algorithm() {
            return algorithm;
        }

        int bits() {
            return bits;
        }

        String signature() {
            return signature;
        }
    }

    /** One request as received. Header names are lower case. */
    public record ReceivedRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** One scripted answer: a status, optional headers, and how long to wait before answering. */
    public record Answer(int status, Map<String, String> headers, Duration delay) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), Duration.ZERO);
        }

        public static Answer redirectTo(URI location) {
            return new Answer(302, Map.of("Location", location.toString()), Duration.ZERO);
        }

        /** Answers 200, but only after {@code delay}: a server slower than the poster's timeout. */
        public static Answer slow(Duration delay) {
            return new Answer(200, Map.of(), delay);
        }
    }

    private final ReceiverCertificate certificate;
    private final HttpsServer server;
    private final ExecutorService threads;
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    private LocalHttpsReceiver(int port, Key key, List<String> hostNames) throws IOException, GeneralSecurityException {
        certificate = new ReceiverCertificate(key, hostNames);
        server = LoopbackServer.https(port, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext("/", this::handle);
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "local-https-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
    }

    /**
     * Starts a receiver on 127.0.0.1 and a free port.
     *
     * @param hostNames names (besides localhost) its certificate is valid for, e.g. the host of a test
     *                  reporting URI that the test's resolver maps to 127.0.0.1
     */
    public static LocalHttpsReceiver start(String... hostNames) {
        return startOnPort(0, hostNames);
    }

    /** As {@link #start}, with {@code key}'s kind of keys instead of the default P-256. */
    public static LocalHttpsReceiver start(Key key, String... hostNames) {
        return start(0, key, hostNames);
    }

    /** Starts a receiver on 127.0.0.1 and the given port (0: a free one), e.g. the port a local zone file names. */
    public static LocalHttpsReceiver startOnPort(int port, String... hostNames) {
        return start(port, Key.EC_P256, hostNames);
    }

    private static LocalHttpsReceiver start(int port, Key key, String... hostNames) {
        try {
            return new LocalHttpsReceiver(port, key, List.of(hostNames));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the local HTTPS receiver on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://<host>:<port><path>}, e.g. {@code uri("localhost", "/tlsrpt")}. */
    public URI uri(String host, String path) {
        return URI.create("https://" + host + ":" + port() + path);
    }

    /** A client TLS context that trusts this receiver's certificate authority (and nothing else). */
    public SSLContext clientSslContext() {
        try {
            return certificate.trustingContext();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answers to give next, in order; after them, 200. */
    public synchronized LocalHttpsReceiver answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Shorthand for {@link #answer} with plain statuses. */
    public LocalHttpsReceiver answer(int... statuses) {
        for (int status : statuses) {
            answer(Answer.status(status));
        }
        return this;
    }

    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    private synchronized Answer nextAnswer() {
        return script.isEmpty() ? Answer.status(200) : script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            received.add(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    headers, body));
            Answer answer = nextAnswer();
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
