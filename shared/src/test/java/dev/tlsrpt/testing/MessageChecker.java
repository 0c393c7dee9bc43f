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
 * test zone (which publishes the test DKIM key): the independent check of what we send, from any module.
 */
public final class MessageChecker {
    private static final Path MODULE = TlsrptFixtures.moduleDir();

    private MessageChecker() {
    }

    public record Run(int exitCode, String output) {
    }

    /** Writes {@code messages} (file name to bytes) to target/tlsrpt-messages/{@code name} and checks them. */
    public static Run check(String name, Map<String, byte[]> messages) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        String venv = System.getProperty("tlsrpt.venv", root.resolve(".venv").toString());
        Path python = Path.of(venv, "bin", "python");
        assertThat(python).as("Python venv with dkimpy and parsedmarc (run: source scripts/venv.sh)").isExecutable();
        Path out = MODULE.resolve("target/tlsrpt-messages");
        Path dir = out.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (var message : messages.entrySet()) {
            Files.write(dir.resolve(message.getKey()), message.getValue());
        }
        Path zone = Files.writeString(out.resolve("test.zone"), TlsrptFixtures.resource("/dns/test.zone"));
        Process process = new ProcessBuilder(python.toString(), root.resolve("scripts/check_messages.py").toString(),
                dir.toString(), zone.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("checker finished").isTrue();
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    private static Path repositoryRoot() {
        for (Path dir = MODULE.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/check_messages.py"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no scripts/check_messages.py above " + MODULE);
    }
}
