package dev.tlsrpt.forwarder;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One line per event on standard error, which systemd's journal captures. Lines stay short and never
 * carry the token or whole datagrams.
 */
final class Log {
    private static final PrintStream OUT = System.err;

    private Log() {
    }

    static void info(String message) {
        write("INFO", message);
    }

    static void warn(String message) {
        write("WARN", message);
    }

    static void error(String message) {
        write("ERROR", message);
    }

    private static void write(String level, String message) {
        OUT.println(Instant.now() + " " + level + " tlsrpt-forward: " + message);
    }
}
