package dev.tlsrpt.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs scripts/check_messages.py (dkimpy with tlsrpt='strict', parsedmarc) over messages, against the
 * test zone: the independent check of what we send, as ReportMessageIT uses it.
 */
public final class MessageChecker {
    private static final Path MODULE = TlsrptFixtures.moduleDir();
    private static final Path SCRIPT = MODULE.resolveSibling("scripts/check_messages.py").normalize();
    private static final Path ZONE = MODULE.resolve("src/test/resources/dns/test.zone");

    private MessageChecker() {
    }

    public record Run(int exitCode, String output) {
    }

    /** Writes {@code messages} (file name to bytes) to target/tlsrpt-messages/{@code name} and checks them. */
    public static Run check(String name, Map<String, byte[]> messages) throws IOException, InterruptedException {
        String venv = System.getProperty("tlsrpt.venv", MODULE.resolveSibling(".venv").toString());
        Path python = Path.of(venv, "bin", "python");
        assertThat(python).as("Python venv with dkimpy and parsedmarc (run: source scripts/venv.sh)").isExecutable();
        Path dir = MODULE.resolve("target/tlsrpt-messages").resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (var message : messages.entrySet()) {
            Files.write(dir.resolve(message.getKey()), message.getValue());
        }
        Process process = new ProcessBuilder(python.toString(), SCRIPT.toString(), dir.toString(), ZONE.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("checker finished").isTrue();
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }
}
