package dev.tlsrpt.local;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP servers bound to the loopback address: every server of the local run, the tests' receivers and
 * the rehearsals is made here. They leave Nagle's algorithm on unless told otherwise, and a small answer then
 * waits for the client's delayed acknowledgement: about 40 ms an exchange over TLS. The JDK reads its switch
 * ({@code sun.net.httpserver.nodelay}, documented in the {@code jdk.httpserver} module) once, when its first
 * server is made, so it is set here before that; a value the operator set on the command line is kept.
 */
public final class LoopbackServer {
    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LoopbackServer() {
    }

    /** An HTTP server on 127.0.0.1 and {@code port} (0: a free one), not yet started. */
    public static HttpServer http(int port, int backlog) throws IOException {
        return HttpServer.create(address(port), backlog);
    }

    /** An HTTPS server on 127.0.0.1 and {@code port} (0: a free one), not yet configured or started. */
    public static HttpsServer https(int port, int backlog) throws IOException {
        return HttpsServer.create(address(port), backlog);
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
