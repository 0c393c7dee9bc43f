package dev.tlsrpt.function.worker;

import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportMailer;
import dev.tlsrpt.send.ReportPoster;
import dev.tlsrpt.send.events.CompositeOutcomePublisher;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.send.events.EventBridgeOutcomePublisher;
import dev.tlsrpt.send.https.HttpsReportPoster;
import dev.tlsrpt.send.ses.SesReportMailer;
import java.util.Objects;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

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

    /** The production adapters: SES, HTTPS to public addresses only, EventBridge events and EMF metrics. */
    static DeliveryAdapters production(WorkerConfig config) {
        return new DeliveryAdapters(
                new SesReportMailer(SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                        config.configurationSet()),
                HttpsReportPoster.forPublicInternet(),
                CompositeOutcomePublisher.of(
                        new EventBridgeOutcomePublisher(
                                EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                                config.eventBusName()),
                        new EmfMetricsPublisher(System.out)));
    }
}
