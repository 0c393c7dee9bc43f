package dev.tlsrpt.send;

/** Tells operators what the daily run did (EventBridge events and CloudWatch metrics in production). */
public interface OutcomePublisher {
    void publish(ReportOutcome outcome);
}
