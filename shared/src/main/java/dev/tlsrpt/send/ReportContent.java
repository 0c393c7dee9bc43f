package dev.tlsrpt.send;

import dev.tlsrpt.tlsrpt.DestinationKey;
import java.util.Objects;

/**
 * The report one delivery carries, as the sender built it: for a mailer or poster that keeps a copy of what it
 * sends (the archive, docs/design.md 4) without reading it back out of the message or the gzip.
 *
 * @param job  the destination the report is for
 * @param part which part of the destination's report it is (docs/design.md 2.13), 1 for a report sent whole
 * @param json the report's JSON, the bytes inside the gzip that is sent
 */
public record ReportContent(DestinationKey job, int part, byte[] json) {
    public ReportContent {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(json, "json");
        if (part < 1) {
            throw new IllegalArgumentException("part " + part + ": parts count from 1");
        }
    }
}
