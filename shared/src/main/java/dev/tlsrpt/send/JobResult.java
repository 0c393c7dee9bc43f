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

    /**
     * Not final: attempt again after {@code delay}.
     *
     * @param waitingForDkimKey whether emails of the job wait for a usable DKIM key (an operator's fault,
     *                          counted apart so that it raises its own alarm)
     * @param planned           whether the wait is the schedule's, not a failure's: the day not over yet, the
     *                          job's slot in the spread, an MX-host report waiting for its recipient domains'
     *                          (logged at INFO; a failure's wait at WARN)
     */
    record RetryLater(Duration delay, String reason, boolean waitingForDkimKey, boolean planned) implements JobResult {
        public RetryLater {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(reason, "reason");
        }

        public RetryLater(Duration delay, String reason) {
            this(delay, reason, false, false);
        }

        public RetryLater(Duration delay, String reason, boolean waitingForDkimKey) {
            this(delay, reason, waitingForDkimKey, false);
        }

        /** A wait the schedule plans, not a failure's. */
        public static RetryLater planned(Duration delay, String reason) {
            return new RetryLater(delay, reason, false, true);
        }
    }
}
