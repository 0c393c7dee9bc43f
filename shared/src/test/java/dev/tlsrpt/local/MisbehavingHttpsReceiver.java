package dev.tlsrpt.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * An HTTPS receiver on loopback that answers one connection badly: it trickles its answer a byte at a
 * time, or floods header lines. Each misbehaviour is a bounded loop that stops by itself (or when the
 * client hangs up), so a test that fails leaves nothing running.
 */
public final class MisbehavingHttpsReceiver implements AutoCloseable {
    private final ReceiverCertificate certificate;
    private final SSLServerSocket server;
    private final Thread thread;
    private final AtomicLong bytesSent = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** What to do once the request has been read. */
    @FunctionalInterface
    private interface Misbehaviour {
        void answer(OutputStream out, AtomicLong sent) throws IOException, InterruptedException;
    }

    private MisbehavingHttpsReceiver(String hostName, Misbehaviour misbehaviour) throws Exception {
        certificate = new ReceiverCertificate(LocalHttpsReceiver.Key.EC_P256, List.of(hostName));
        SSLContext context = certificate.serverContext();
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(misbehaviour), "misbehaving-https-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends {@code HTTP/1.1 200 OK} and headers one byte per {@code every}, at most {@code maxBytes} bytes. */
    public static MisbehavingHttpsReceiver trickling(String hostName, Duration every, int maxBytes) throws Exception {
        byte[] answer = ("HTTP/1.1 200 OK\r\n" + "X-Slow: " + "s".repeat(Math.max(0, maxBytes)) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new MisbehavingHttpsReceiver(hostName, (out, sent) -> {
            for (int i = 0; i < Math.min(maxBytes, answer.length); i++) {
                out.write(answer[i]);
                out.flush();
                sent.incrementAndGet();
                Thread.sleep(every.toMillis());
            }
        });
    }

    /** Sends {@code HTTP/1.1 200 OK}, then up to {@code maxHeaders} header lines, then the end of the headers. */
    public static MisbehavingHttpsReceiver flooding(String hostName, int maxHeaders) throws Exception {
        return new MisbehavingHttpsReceiver(hostName, (out, sent) -> {
            byte[] status = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
            out.write(status);
            sent.addAndGet(status.length);
            byte[] line = ("X-Flood: " + "f".repeat(100) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < maxHeaders; i++) {
                out.write(line);
                sent.addAndGet(line.length);
            }
            out.write("Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
    }

    private void serve(Misbehaviour misbehaviour) {
        try (Socket socket = server.accept()) {
            readRequestHead(socket.getInputStream());
            misbehaviour.answer(socket.getOutputStream(), bytesSent);
        } catch (IOException e) {
            // The client hung up: what a bounded client does with such a receiver.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    // The request line and headers, up to the empty line; the small body stays unread.
    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int i = 0; i < 64 * 1024 && matched < end.length; i++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    public URI uri(String host, String path) {
        return URI.create("https://" + host + ":" + server.getLocalPort() + path);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** A client context that trusts this receiver's certificate. */
    public SSLContext clientSslContext() throws Exception {
        return certificate.trustingContext();
    }

    /** Bytes of the answer sent before the client hung up (or the misbehaviour ran out). */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Waits until the receiver is done with its connection; false if it is not within {@code timeout}. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
