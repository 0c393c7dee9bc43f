package dev.tlsrpt.send.https;

import dev.tlsrpt.send.ReportContent;
import dev.tlsrpt.send.ReportPoster;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs a gzip report to an {@code https:} reporting URI (RFC 8460 section 5.4; docs/design.md 2.6).
 *
 * <p>The URI comes from a TXT record anyone can publish, so: only {@code https}; the host's addresses
 * are resolved once and every one must pass the {@link AddressPolicy} before a connection is made (the
 * connection then goes to exactly those addresses); redirects are never followed; no proxy, cookie or
 * credential settings from the environment apply. The receiver is untrusted too, in time and memory:
 * connect, TLS handshake and each read are bounded, and so is the whole POST ({@link Timeouts#total}: a
 * receiver trickling its status line or headers a byte at a time is cut off, well within the worker's
 * Lambda timeout); the status line and headers are bounded in line length and count
 * ({@value #MAX_LINE_LENGTH} characters, {@value #MAX_HEADER_COUNT} headers, so at most about 512 KB);
 * the status is all that is read of the answer, never its body.
 */
public final class HttpsReportPoster implements ReportPoster, AutoCloseable {
    /** RFC 8460 section 5.4: the media type of a gzip-compressed report. */
    static final ContentType TLSRPT_GZIP = ContentType.create("application/tlsrpt+gzip");
    /** Longest status or header line read from a receiver. */
    static final int MAX_LINE_LENGTH = 8192;
    /** Most header fields read from a receiver. */
    static final int MAX_HEADER_COUNT = 64;

    /**
     * How long to wait; production uses {@link #DEFAULT}, tests shorten the waits.
     *
     * @param connect  the name lookup, TCP connect and TLS handshake, and the wait for a pooled connection
     * @param response the longest silence while reading the answer
     * @param total    the whole POST, from the DNS lookup to the status line and headers: the one bound a
     *                 slow receiver cannot stretch
     */
    public record Timeouts(Duration connect, Duration response, Duration total) {
        /** 20 s in all: well under the report worker's 60 s Lambda timeout. */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(20));

        public Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(total, "total");
            if (total.isNegative() || total.isZero()) {
                throw new IllegalArgumentException("total must be positive");
            }
        }
    }

    private final CloseableHttpClient client;
    private final Duration total;
    // Aborts a POST that outlives its deadline (closes its connection, which ends any blocked read).
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "https-report-deadline");
        thread.setDaemon(true);
        return thread;
    });

    /** Production: the system resolver, public addresses only, the JDK's trusted certificate authorities. */
    public static HttpsReportPoster forPublicInternet() {
        return forPublicInternet(Timeouts.DEFAULT);
    }

    /** As {@link #forPublicInternet()}, with other waits (e.g. a shorter total for a shorter worker timeout). */
    public static HttpsReportPoster forPublicInternet(Timeouts timeouts) {
        try {
            return new HttpsReportPoster(HostResolver.SYSTEM, AddressPolicy.publicInternetOnly(), SSLContext.getDefault(), timeouts);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** Tests and the local runner: their own resolver, policy and trusted certificates. */
    public HttpsReportPoster(HostResolver resolver, AddressPolicy policy, SSLContext sslContext) {
        this(resolver, policy, sslContext, Timeouts.DEFAULT);
    }

    public HttpsReportPoster(HostResolver resolver, AddressPolicy policy, SSLContext sslContext, Timeouts timeouts) {
        Timeout connect = Timeout.of(timeouts.connect());
        Timeout response = Timeout.of(timeouts.response());
        this.total = timeouts.total();
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom()
                                .setMaxLineLength(MAX_LINE_LENGTH)
                                .setMaxHeaderCount(MAX_HEADER_COUNT)
                                .setMaxEmptyLineCount(MAX_HEADER_COUNT)
                                .build())
                        .build())
                .setDnsResolver(new CheckedDnsResolver(HostResolver.bounded(resolver, timeouts.connect()), policy))
                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildClassic())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        .build())
                .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connect).build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                // A retry is the report worker's decision (docs/design.md 2.7), with its ledger; not the client's.
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("tlsrpt")
                .build();
    }

    @Override
    public PostResult post(URI uri, byte[] gzipReport, ReportContent content) {
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
            return new PostResult.PermanentFailure("not an https URI: scheme " + uri.getScheme());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new PostResult.PermanentFailure("no host in the URI");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            // ReportUri ignores such URIs at parse; a caller with another URI gets an answer, not an exception.
            return new PostResult.PermanentFailure("port out of range: " + uri.getPort());
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in a URI published in DNS are nobody's secret; the HTTP client refuses them anyway.
            return new PostResult.PermanentFailure("user info in the URI is not supported");
        }
        HttpPost request = new HttpPost(uri);
        request.setEntity(new ByteArrayEntity(gzipReport, TLSRPT_GZIP));
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, total.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, request, null);
            if (expired.get()) {
                return overTime();
            }
            return byStatus(response.getCode());
        } catch (IOException e) {
            return expired.get() ? overTime() : failure(uri, e);
        } finally {
            deadline.cancel(false);
            // Never wait for, or drain, the rest of an answer we do not need: drop the connection.
            request.cancel();
            closeQuietly(response);
        }
    }

    private PostResult overTime() {
        return new PostResult.TransientFailure("timeout: no answer within " + total.toMillis() + " ms");
    }

    private static PostResult failure(URI uri, IOException failure) {
        return switch (failure) {
            case RefusedAddressException e -> new PostResult.PermanentFailure(e.getMessage());
            case UnknownHostException e -> new PostResult.TransientFailure("cannot resolve " + uri.getHost());
            // SocketTimeoutException, ConnectTimeoutException and friends.
            case InterruptedIOException e -> new PostResult.TransientFailure("timeout: " + e.getClass().getSimpleName());
            // A broken certificate may be fixed within the retry window (docs/design.md 2.7).
            case SSLException e -> new PostResult.TransientFailure("TLS: " + e.getMessage());
            // A status line or headers past the limits: a broken (or hostile) receiver, which may be fixed in time.
            case MessageConstraintException e -> new PostResult.TransientFailure("answer too large: " + e.getMessage());
            default -> new PostResult.TransientFailure(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        };
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException ignored) {
                // The connection was cancelled above; nothing left to release.
            }
        }
    }

    /** RFC 8460 section 5.4: a 2xx answer, and nothing else, is success. */
    static PostResult byStatus(int status) {
        if (status >= 200 && status <= 299) {
            return new PostResult.Delivered(status);
        }
        if (status >= 300 && status <= 399) {
            return new PostResult.PermanentFailure("HTTP " + status + ": redirect not followed");
        }
        if (status == 408 || status == 429) {
            // Request Timeout and Too Many Requests say "later", not "never".
            return new PostResult.TransientFailure("HTTP " + status);
        }
        if (status >= 500 && status <= 599) {
            return new PostResult.TransientFailure("HTTP " + status);
        }
        return new PostResult.PermanentFailure("HTTP " + status);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
