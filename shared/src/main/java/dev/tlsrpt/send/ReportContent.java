package dev.tlsrpt.send;

import dev.tlsrpt.tlsrpt.DestinationKey;
import java.util.Objects;

/**
 * Which report one delivery carries, as the sender built it: for a mailer or poster that files a copy of what
 * it sends (the archive, docs/design.md 4) under the report's key without reading the message back.
 *
 * @param job  the destination the report is for
 * @param part which part of the destination's report it is (docs/design.md 2.13), 1 for a report sent whole
 */
public record ReportContent(DestinationKey job, int part) {
    public ReportContent {
        Objects.requireNonNull(job, "job");
        if (part < 1) {
            throw new IllegalArgumentException("part " + part + ": parts count from 1");
        }
    }
}
