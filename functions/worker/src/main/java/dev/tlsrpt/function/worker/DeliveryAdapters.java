package dev.tlsrpt.function.worker;

import dev.tlsrpt.archive.ArchiveFailedSignal;
import dev.tlsrpt.archive.ArchiveFailures;
import dev.tlsrpt.archive.ArchivingReportMailer;
import dev.tlsrpt.archive.ArchivingReportPoster;
import dev.tlsrpt.archive.ReportArchive;
import dev.tlsrpt.archive.S3ReportArchive;
import dev.tlsrpt.aws.ClientPriming;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.function.priming.Priming;
import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportMailer;
import dev.tlsrpt.send.ReportPoster;
import dev.tlsrpt.send.events.CompositeOutcomePublisher;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.send.events.EventBridgeOutcomePublisher;
import dev.tlsrpt.send.https.HttpsReportPoster;
import dev.tlsrpt.send.ses.SesReportMailer;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The delivery side of the worker: SES, HTTPS, each report archived in S3 first, and where outcomes go
 * (EventBridge events and CloudWatch EMF metrics).
 */
record DeliveryAdapters(ReportMailer mailer, ReportPoster poster, OutcomePublisher outcomes) {

    DeliveryAdapters {
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(poster, "poster");
        Objects.requireNonNull(outcomes, "outcomes");
    }

    /**
     * The production adapters: SES, HTTPS to public addresses only, EventBridge events and EMF metrics. Their
     * clients make a first call that sends nothing before a SnapStart snapshot (docs/design.md 8).
     */
    static DeliveryAdapters production(WorkerConfig config) {
        EventBridgeClient events = SdkClients.eventBridge();
        SesV2Client ses = SdkClients.sesV2();
        S3Client s3 = S3ReportArchive.client();
        Priming.beforeSnapshot(() -> {
            ClientPriming.ses(ses);
            ClientPriming.s3(s3, config.archiveBucket());
            ClientPriming.eventBridge(events);
        });
        return archived(new DeliveryAdapters(
                new SesReportMailer(ses, config.configurationSet()),
                HttpsReportPoster.forPublicInternet(),
                CompositeOutcomePublisher.of(
                        new EventBridgeOutcomePublisher(events, config.eventBusName()),
                        new EmfMetricsPublisher(System.out))),
                new S3ReportArchive(s3, config.archiveBucket()),
                new ArchiveFailedSignal(System.out, events, config.eventBusName(), Clock.systemUTC()));
    }

    /** The same adapters, each report archived just before it is sent (docs/dashboard.md). */
    static DeliveryAdapters archived(DeliveryAdapters delivery, ReportArchive archive, ArchiveFailures failures) {
        return new DeliveryAdapters(new ArchivingReportMailer(delivery.mailer(), archive, failures),
                new ArchivingReportPoster(delivery.poster(), archive, failures), delivery.outcomes());
    }
}
