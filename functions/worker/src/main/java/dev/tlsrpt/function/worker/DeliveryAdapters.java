package dev.tlsrpt.function.worker;

import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportMailer;
import dev.tlsrpt.send.ReportPoster;
import java.util.Objects;

/**
 * The delivery side of the worker: SES, HTTPS, and where outcomes go (EventBridge events and CloudWatch
 * EMF metrics).
 */
record DeliveryAdapters(ReportMailer mailer, ReportPoster poster, OutcomePublisher outcomes) {

    DeliveryAdapters {
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(poster, "poster");
        Objects.requireNonNull(outcomes, "outcomes");
    }

    /**
     * The production adapters (packages {@code dev.tlsrpt.send.ses|https|events}):
     * <pre>
     * new DeliveryAdapters(
     *         new SesReportMailer(SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
     *                 config.configurationSet()),
     *         HttpsReportPoster.forPublicInternet(),
     *         CompositeOutcomePublisher.of(
     *                 new EventBridgeOutcomePublisher(EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
     *                         config.eventBusName()),
     *                 new EmfMetricsPublisher(System.out)));
     * </pre>
     * Those classes come with the delivery work and are not part of this build yet; until they are, the
     * function's init fails loudly rather than deliver nothing quietly.
     */
    static DeliveryAdapters production(WorkerConfig config) {
        throw new IllegalStateException("the SES, HTTPS and EventBridge adapters are not part of this build yet");
    }
}
