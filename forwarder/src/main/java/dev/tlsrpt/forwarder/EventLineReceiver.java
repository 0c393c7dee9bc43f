package dev.tlsrpt.forwarder;

import dev.tlsrpt.ingest.InvalidBatchException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * Reads an MTA's event lines from a Unix stream socket — one connection per event, one line each, as Exim's
 * {@code ${readsocket}} in forwarder/exim/tlsrpt-exim.conf writes them, or a Momentum hook — checks each with
 * the API's own rules for the format, and appends the good ones to the spool, answering {@code ok} once the
 * line is spooled. A client gets {@link #READ_TIMEOUT_MILLIS} to send its line: one slow client cannot hold
 * up the MTA's deliveries, which wait for the answer.
 */
final class EventLineReceiver implements Receiver {
    static final int READ_TIMEOUT_MILLIS = 1_000;
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REFUSED = "refused\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Path socketPath;
    private final SpoolIntake intake;
    private final ForwarderStats stats;
    private final int maxLineBytes;
    private final InputFormat format;
    private final RateLimitedLog connectionLog = new RateLimitedLog(1_000);
    private volatile boolean stopping;

    EventLineReceiver(ForwarderConfig config, Spool spool, ForwarderStats stats) throws IOException {
        this.format = config.format();
        this.socketPath = config.socket();
        this.intake = new SpoolIntake(spool, stats, "event");
        this.stats = stats;
        this.maxLineBytes = config.maxDatagramBytes();
        SocketFile.prepare(socketPath);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString(config.socketMode()));
        server.configureBlocking(false);
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                if (selector.select(200) == 0) {
                    continue;
                }
                selector.selectedKeys().clear();
                for (SocketChannel accepted = server.accept(); accepted != null; accepted = server.accept()) {
                    try (SocketChannel client = accepted) {
                        serve(client);
                    } catch (IOException e) {
                        connectionLog.warn("an event connection failed: " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            if (!stopping) {
                Log.error("reading " + socketPath + " failed: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    private void serve(SocketChannel client) throws IOException {
        byte[] line = readLine(client);
        if (line == null) {
            return; // the intake counted and logged why
        }
        stats.received.incrementAndGet();
        try {
            format.check(line, Instant.now());
        } catch (InvalidBatchException e) {
            intake.malformed(e.getMessage());
            client.write(ByteBuffer.wrap(REFUSED));
            return;
        }
        if (intake.append(line, 0, line.length, 1)) {
            client.write(ByteBuffer.wrap(OK));
        }
    }

    /** The line without its newline, or null when it is too long, unfinished, or slower than allowed. */
    private byte[] readLine(SocketChannel client) throws IOException {
        client.configureBlocking(false);
        ByteBuffer buffer = ByteBuffer.allocate(maxLineBytes + 1);
        long deadline = System.nanoTime() + READ_TIMEOUT_MILLIS * 1_000_000L;
        try (Selector wait = Selector.open()) {
            client.register(wait, SelectionKey.OP_READ);
            while (true) {
                int end = indexOfNewline(buffer);
                if (end >= 0) {
                    byte[] line = new byte[end];
                    buffer.flip().get(line);
                    return line;
                }
                if (!buffer.hasRemaining()) {
                    intake.malformed("longer than " + maxLineBytes + " bytes");
                    return null;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    intake.malformed("no complete line within " + READ_TIMEOUT_MILLIS + " ms");
                    return null;
                }
                wait.select(left);
                wait.selectedKeys().clear();
                if (client.read(buffer) < 0) {
                    intake.malformed("connection closed before the end of the line");
                    return null;
                }
            }
        }
    }

    private static int indexOfNewline(ByteBuffer buffer) {
        for (int i = 0; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Stops taking events: the socket's name is removed, so the MTA gets an error instead of waiting. */
    @Override
    public void stop() {
        stopping = true;
        SocketFile.remove(socketPath);
        selector.wakeup();
    }

    private void close() {
        try {
            selector.close();
            server.close();
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            Log.warn("cannot close " + socketPath + ": " + e.getMessage());
        }
    }
}
