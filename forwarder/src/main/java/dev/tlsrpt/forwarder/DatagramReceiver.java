package dev.tlsrpt.forwarder;

import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.LibtlsrptDatagrams;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Reads datagrams from the Unix datagram socket libtlsrpt writes to, checks each with the API's own rules,
 * and appends the good ones to the spool. This thread does nothing else: libtlsrpt sends without waiting
 * and drops what the socket buffer cannot hold, so reading fast is what keeps datagrams from being lost.
 */
final class DatagramReceiver implements Receiver {
    private static final int RECEIVE_TIMEOUT_MILLIS = 200;
    private final AFUNIXDatagramSocket socket;
    private final Path socketPath;
    private final SpoolIntake intake;
    private final ForwarderStats stats;
    private final int maxDatagramBytes;
    private volatile boolean stopping;

    DatagramReceiver(ForwarderConfig config, Spool spool, ForwarderStats stats) throws IOException {
        this.socketPath = config.socket();
        this.intake = new SpoolIntake(spool, stats, "datagram");
        this.stats = stats;
        this.maxDatagramBytes = config.maxDatagramBytes();
        SocketFile.prepare(socketPath);
        this.socket = AFUNIXDatagramSocket.newInstance();
        socket.setReceiveBufferSize(config.socketBufferBytes());
        socket.bind(AFUNIXSocketAddress.of(socketPath));
        socket.setDeleteOnClose(true);
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS); // to notice stop() while idle
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString(config.socketMode()));
    }

    @Override
    public void run() {
        // One byte more than allowed: a datagram that fills the buffer was too long (and got cut).
        byte[] buffer = new byte[maxDatagramBytes + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                packet.setLength(buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    if (stopping) {
                        break; // the socket buffer is drained
                    }
                    continue;
                }
                stats.received.incrementAndGet();
                accept(buffer, packet.getLength());
            }
        } catch (IOException e) {
            if (!stopping) {
                Log.error("reading " + socketPath + " failed: " + e.getMessage());
            }
        } finally {
            socket.close();
        }
    }

    private void accept(byte[] buffer, int length) {
        if (length > maxDatagramBytes) {
            intake.malformed("longer than " + maxDatagramBytes + " bytes");
            return;
        }
        int policies;
        try {
            policies = LibtlsrptDatagrams.check(buffer, 0, length);
        } catch (InvalidBatchException e) {
            intake.malformed(e.getMessage());
            return;
        }
        intake.append(buffer, 0, length, policies);
    }

    /**
     * Stops taking new datagrams (the socket's name is removed, so senders get an error instead of
     * filling a buffer nobody reads) and lets {@link #run} spool what is already queued, then end.
     */
    @Override
    public void stop() {
        stopping = true;
        SocketFile.remove(socketPath);
    }
}
