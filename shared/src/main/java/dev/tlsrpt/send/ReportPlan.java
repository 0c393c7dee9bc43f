package dev.tlsrpt.send;

import java.time.Duration;
import java.time.LocalDate;

/**
 * What one planning run put on the report queue, and what it recorded without a job.
 *
 * @param recipientDomains the recipient-domain jobs queued
 * @param noReport    the recipient domains whose index showed no report is due, recorded as done without a job
 *                    ({@link QuietDestinations}), those an earlier run recorded included
 * @param mxHostDelay how long after the recipient-domain jobs the MX-host jobs become visible
 * @param spread      the window the jobs go out over (docs/design.md 2.11)
 */
public record ReportPlan(LocalDate day, int recipientDomains, int mxHosts, int noReport, Duration mxHostDelay,
                         ReportSpread spread) {

    /** The jobs queued. */
    public int jobs() {
        return recipientDomains + mxHosts;
    }
}
