package dev.tlsrpt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the tests share with `sam local invoke` and the conformance corpus. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path events() {
        return Path.of(System.getProperty("tlsrpt.events", "events"));
    }

    public static Path event(String name) {
        return events().resolve(name);
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
