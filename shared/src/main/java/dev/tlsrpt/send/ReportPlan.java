package dev.tlsrpt.send;

import java.time.Duration;
import java.time.LocalDate;

/**
 * What one planning run put on the report queue.
 *
 * @param mxHostDelay how long after the recipient-domain jobs the MX-host jobs become visible
 * @param spread      the window the jobs go out over (docs/design.md 2.11)
 */
public record ReportPlan(LocalDate day, int recipientDomains, int mxHosts, Duration mxHostDelay, ReportSpread spread) {

    public int jobs() {
        return recipientDomains + mxHosts;
    }
}
