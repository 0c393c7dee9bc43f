package dev.tlsrpt.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.testing.TlsrptFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reports and signed messages of the typical day (fixed clock, test key) must equal the files
 * checked in under src/test/resources/golden/ byte for byte, so that any change in output shows in
 * review. After an intended change: {@code ./mvnw -pl shared test -Dtest=GoldenFilesTest -Dtlsrpt.updateGolden=true}.
 * The JSON files depend on nothing but our code; the messages also on the deflate output of the JDK's
 * zlib (Temurin bundles its own) inside the base64 attachment, and RSA PKCS#1 v1.5 is deterministic.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = TlsrptFixtures.moduleDir().resolve("src/test/resources/golden");

    @Test
    void generate_shouldMatchGoldenFilesByteForByte() throws Exception {
        // GIVEN the typical day WHEN planned, looked up, built and signed
        Map<String, byte[]> generated = ReportGoldenFiles.generate();

        if (Boolean.getBoolean("tlsrpt.updateGolden")) {
            Files.createDirectories(GOLDEN);
            try (Stream<Path> old = Files.list(GOLDEN)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (var e : generated.entrySet()) {
                Files.write(GOLDEN.resolve(e.getKey()), e.getValue());
            }
        }

        // THEN the same files, the same bytes
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(generated.keySet());
        }
        for (var e : generated.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(Files.readAllBytes(GOLDEN.resolve(e.getKey())));
        }
        // The typical day: example.com and the IDN domain get reports, example.org has no record, mx1's
        // data went to the same URIs in example.com's report (deduplicated), mx2 gets its own.
        assertThat(generated.keySet()).containsExactly(
                "20261128.rcpt.example.com@sender.example.json", "20261128.rcpt.example.com@sender.example.1.eml",
                "20261128.rcpt.xn--bcher-kva.example@sender.example.json",
                "20261128.rcpt.xn--bcher-kva.example@sender.example.1.eml",
                "20261128.mx.mx2.example.net@sender.example.json", "20261128.mx.mx2.example.net@sender.example.1.eml");
    }
}
