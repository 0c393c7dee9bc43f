package dev.tlsrpt.forwarder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What the API has acknowledged ({@code acked}: every sequence number below it) and the batch in flight,
 * if any. Written atomically (temporary file, fsync, rename) so that a crash leaves either the old or the
 * new state. The batch in flight is recorded before it is sent: after a restart exactly that range is sent
 * again first, with the same idempotency key, so the API counts it once whether or not it had already
 * received it.
 */
record SpoolState(long acked, long inflightFirst, long inflightEnd) {
    static final String FILE_NAME = "state";

    static SpoolState none() {
        return new SpoolState(0, -1, -1);
    }

    boolean hasInflight() {
        return inflightFirst >= 0;
    }

    SpoolState withInflight(long first, long end) {
        return new SpoolState(acked, first, end);
    }

    SpoolState acknowledged(long end) {
        return new SpoolState(end, -1, -1);
    }

    static SpoolState load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return none();
        }
        long acked = 0;
        long first = -1;
        long end = -1;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] words = line.trim().split(" ");
            try {
                if (words[0].equals("acked") && words.length == 2) {
                    acked = Long.parseLong(words[1]);
                } else if (words[0].equals("inflight") && words.length == 3) {
                    first = Long.parseLong(words[1]);
                    end = Long.parseLong(words[2]);
                }
            } catch (NumberFormatException e) {
                throw new IOException("unreadable spool state " + file + ": " + line);
            }
        }
        return new SpoolState(acked, first, end);
    }

    void save(Path dir) throws IOException {
        String text = "acked " + acked + "\n" + (hasInflight() ? "inflight " + inflightFirst + " " + inflightEnd + "\n" : "");
        Path temporary = dir.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
