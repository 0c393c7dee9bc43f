package dev.tlsrpt.forwarder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The name of a receiver's Unix socket in the file system, made before binding and removed on stop. */
final class SocketFile {
    private SocketFile() {
    }

    /** Makes room to bind {@code path}: its directory exists, and a socket left by a killed run is gone. */
    static void prepare(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path);
    }

    /** Removes the name, so that senders get an error at once instead of writing to a socket no one reads. */
    static void remove(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            Log.warn("cannot remove " + path + ": " + e.getMessage());
        }
    }
}
