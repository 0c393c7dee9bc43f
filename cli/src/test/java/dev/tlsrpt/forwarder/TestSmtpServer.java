package dev.tlsrpt.forwarder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on a loopback address for Exim to deliver to: with or without STARTTLS, presenting
 * whatever certificate the test chose. It accepts every message and counts them. Stops with {@link #close}.
 */
final class TestSmtpServer implements AutoCloseable {
    private final ServerSocket server;
    private final SSLContext tls;
    private final Thread thread;
    final AtomicInteger messages = new AtomicInteger();

    TestSmtpServer(String address, SSLContext tls) throws IOException {
        this.tls = tls;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        this.thread = new Thread(this::serve, "smtp-" + address);
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return server.getInetAddress().getHostAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                session(socket);
            } catch (IOException e) {
                // the client went away, or the server was closed
            }
        }
    }

    private void session(Socket plain) throws IOException {
        Socket socket = plain;
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        say(out, "220 test.smtp ESMTP");
        boolean secure = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO" -> say(out, tls != null && !secure ? "250-test.smtp\r\n250-STARTTLS\r\n250 8BITMIME" : "250-test.smtp\r\n250 8BITMIME");
                case "HELO" -> say(out, "250 test.smtp");
                case "STAR" -> {
                    if (tls == null || secure) {
                        say(out, "502 no STARTTLS here");
                        break;
                    }
                    say(out, "220 go ahead");
                    SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory()
                            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    tlsSocket.setUseClientMode(false);
                    tlsSocket.startHandshake(); // fails when the client refuses the certificate
                    socket = tlsSocket;
                    in = reader(socket);
                    out = socket.getOutputStream();
                    secure = true;
                }
                case "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 ok");
                case "DATA" -> {
                    say(out, "354 go on");
                    for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                        // the message is not kept
                    }
                    messages.incrementAndGet();
                    say(out, "250 accepted");
                }
                case "QUIT" -> {
                    say(out, "221 bye");
                    return;
                }
                default -> say(out, "500 what?");
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
