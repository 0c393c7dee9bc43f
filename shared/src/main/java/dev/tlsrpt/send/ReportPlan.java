package dev.tlsrpt.send;

import java.time.Duration;
import java.time.LocalDate;

/**
 * What one planning run put on the report queue.
 *
 * @param mxHostDelay how long after the recipient-domain jobs the MX-host jobs become visible
 */
public record ReportPlan(LocalDate day, int recipientDomains, int mxHosts, Duration mxHostDelay) {

    public int jobs() {
        return recipientDomains + mxHosts;
    }
}
