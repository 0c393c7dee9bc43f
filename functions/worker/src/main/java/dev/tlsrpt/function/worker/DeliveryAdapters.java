package dev.tlsrpt.function.worker;

import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportMailer;
import dev.tlsrpt.send.ReportPoster;
import java.util.List;
import java.util.Objects;

/**
 * The delivery side of the worker: SES, HTTPS and the outcome events and metrics.
 *
 * @param outcomes every publisher an outcome goes to (EventBridge events and CloudWatch EMF metrics)
 */
record DeliveryAdapters(ReportMailer mailer, ReportPoster poster, List<OutcomePublisher> outcomes) {

    DeliveryAdapters {
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(poster, "poster");
        outcomes = List.copyOf(outcomes);
    }

    /** One publisher for all: a failing one does not keep the others from hearing of the outcome. */
    OutcomePublisher allOutcomes() {
        return outcome -> {
            RuntimeException first = null;
            for (OutcomePublisher publisher : outcomes) {
                try {
                    publisher.publish(outcome);
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }

    /**
     * The production adapters, built by the delivery work (package {@code dev.tlsrpt.send.ses|https|events}):
     * <pre>
     * new DeliveryAdapters(
     *         new SesReportMailer(SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build(), config.configurationSet()),
     *         HttpsReportPoster.forPublicInternet(),
     *         List.of(new EventBridgeOutcomePublisher(EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
     *                         config.eventBusName()),
     *                 new EmfMetricsPublisher(System.out)));
     * </pre>
     * Those classes are on the delivery branch, not on this one yet; until the branches are merged this
     * fails the function's init loudly rather than deliver nothing quietly.
     */
    static DeliveryAdapters production(WorkerConfig config) {
        throw new IllegalStateException("the SES, HTTPS and EventBridge adapters are not part of this build yet");
    }
}
