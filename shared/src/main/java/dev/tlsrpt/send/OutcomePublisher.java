package dev.tlsrpt.send;

/** Tells operators what the daily run did (EventBridge events and CloudWatch metrics in production). */
public interface OutcomePublisher {
    void publish(ReportOutcome outcome);

    /**
     * Sends what a publisher holds back to send several outcomes in one call (EventBridge takes ten events
     * per PutEvents). The worker calls it before each invocation returns, so nothing waits across invocations.
     */
    default void flush() {
    }
}
