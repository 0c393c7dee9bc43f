package dev.tlsrpt.ingest;

import dev.tlsrpt.tlsrpt.TlsResult;
import java.util.List;

/**
 * A request's results.
 *
 * @param receiptDayUsed whether any result took its day from the time of receipt: the same body received
 *                       on another day is then another batch
 */
public record ParsedBatch(List<TlsResult> results, boolean receiptDayUsed) {
    public ParsedBatch {
        results = List.copyOf(results);
    }
}
