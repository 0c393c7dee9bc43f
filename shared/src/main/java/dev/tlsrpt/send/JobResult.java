package dev.tlsrpt.send;

import java.time.Duration;
import java.util.Objects;

/** What the worker does with a report job's queue message after one attempt. */
public sealed interface JobResult {

    /** Final (now or in an earlier attempt): delete the message. */
    record Done(ReportOutcome.Status outcome) implements JobResult {
        public Done {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Not final: attempt again after {@code delay}. */
    record RetryLater(Duration delay, String reason) implements JobResult {
        public RetryLater {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
