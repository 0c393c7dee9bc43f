package dev.tlsrpt.rehearsal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/** What the rehearsals' tests share: credentials to sign with, and what a rehearsal writes to stdout. */
final class Rehearsals {
    private Rehearsals() {
    }

    /** The clients sign their requests as in production; any credentials do, nothing reaches AWS. */
    static void credentialsAndRegion() {
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "testing"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "testing"));
        System.setProperty("aws.region", System.getProperty("aws.region", "us-east-1"));
    }

    /** What {@code rehearsal} returns, and what it wrote to stdout while it ran. */
    record Run<T>(T figures, String stdout) {
    }

    static <T> Run<T> capturingStdout(Supplier<T> rehearsal) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setOut(new PrintStream(written, true));
        try {
            T figures = rehearsal.get();
            return new Run<>(figures, written.toString());
        } finally {
            System.setOut(stdout);
        }
    }
}
