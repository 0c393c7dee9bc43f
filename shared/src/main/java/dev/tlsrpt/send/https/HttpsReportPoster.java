package dev.tlsrpt.send.https;

import dev.tlsrpt.send.ReportPoster;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs a gzip report to an {@code https:} reporting URI (RFC 8460 section 5.4; DESIGN 2.6).
 *
 * <p>The URI comes from a TXT record anyone can publish, so: only {@code https}; the host's addresses
 * are resolved once and every one must pass the {@link AddressPolicy} before a connection is made (the
 * connection then goes to exactly those addresses); redirects are never followed; connect, TLS
 * handshake and response waits are bounded; the status is all that is read of the answer (a body
 * trickled byte by byte could otherwise hold the worker for hours); no proxy, cookie or credential settings from the environment apply.
 */
public final class HttpsReportPoster implements ReportPoster, AutoCloseable {
    /** RFC 8460 section 5.4: the media type of a gzip-compressed report. */
    static final ContentType TLSRPT_GZIP = ContentType.create("application/tlsrpt+gzip");

    /** How long to wait; production uses {@link #DEFAULT}, tests shorten the waits. */
    public record Timeouts(Duration connect, Duration response) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));

        public Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(response, "response");
        }
    }

    private final CloseableHttpClient client;

    /** Production: the system resolver, public addresses only, the JDK's trusted certificate authorities. */
    public static HttpsReportPoster forPublicInternet() {
        try {
            return new HttpsReportPoster(HostResolver.SYSTEM, AddressPolicy.publicInternetOnly(), SSLContext.getDefault());
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
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedDnsResolver(resolver, policy))
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
                // A retry is the report worker's decision (DESIGN 2.7), with its ledger; not the client's.
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("tlsrpt")
                .build();
    }

    @Override
    public PostResult post(URI uri, byte[] gzipReport) {
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
            return new PostResult.PermanentFailure("not an https URI: scheme " + uri.getScheme());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new PostResult.PermanentFailure("no host in the URI");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in a URI published in DNS are nobody's secret; the HTTP client refuses them anyway.
            return new PostResult.PermanentFailure("user info in the URI is not supported");
        }
        HttpPost request = new HttpPost(uri);
        request.setEntity(new ByteArrayEntity(gzipReport, TLSRPT_GZIP));
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, request, null);
            return byStatus(response.getCode());
        } catch (RefusedAddressException e) {
            return new PostResult.PermanentFailure(e.getMessage());
        } catch (UnknownHostException e) {
            return new PostResult.TransientFailure("cannot resolve " + uri.getHost());
        } catch (InterruptedIOException e) {
            // SocketTimeoutException, ConnectTimeoutException and friends.
            return new PostResult.TransientFailure("timeout: " + e.getClass().getSimpleName());
        } catch (SSLException e) {
            // A broken certificate may be fixed within the retry window (DESIGN 2.7).
            return new PostResult.TransientFailure("TLS: " + e.getMessage());
        } catch (IOException e) {
            return new PostResult.TransientFailure(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            // Never wait for, or drain, the rest of an answer we do not need: drop the connection.
            request.cancel();
            closeQuietly(response);
        }
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
        client.close();
    }
}
