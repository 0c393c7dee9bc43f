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

    /** The shared conformance corpus beside the repository (real reports and MTA datagrams). */
    public static Path conformance() {
        return Path.of(System.getProperty("tlsrpt.conformance", "../../shared/conformance"));
    }

    /** The exact datagrams a compiled libtlsrpt 0.5.1rc2 sent, one per line. */
    public static java.util.List<String> libtlsrptDatagrams() {
        return read(conformance().resolve("ingest-datagrams/libtlsrpt-0.5.1rc2-datagrams.jsonl")).lines().toList();
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
