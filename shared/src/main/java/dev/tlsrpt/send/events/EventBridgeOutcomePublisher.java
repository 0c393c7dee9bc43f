package dev.tlsrpt.send.events;

import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportOutcome;
import java.lang.System.Logger.Level;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Publishes each outcome as an EventBridge event (source {@value #SOURCE}, detail-type "TLS report
 * sent" / "skipped" / "failed" / "retrying"), for operators' rules and alarms. An event that cannot be
 * published is logged and dropped: the report's delivery and its ledger entry already happened and
 * must not be undone or retried because of a notification.
 */
public final class EventBridgeOutcomePublisher implements OutcomePublisher {
    public static final String SOURCE = "tlsrpt";
    private static final System.Logger LOG = System.getLogger(EventBridgeOutcomePublisher.class.getName());

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgeOutcomePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public void publish(ReportOutcome outcome) {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(SOURCE)
                .detailType(OutcomeEvents.detailType(outcome))
                .detail(OutcomeEvents.fields(outcome).toString())
                .build();
        try {
            PutEventsResponse response = events.putEvents(r -> r.entries(entry));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                var failed = response.entries().get(0);
                LOG.log(Level.WARNING, "event not published ({0} {1}): {2} {3}", outcome.status(), outcome.domain(),
                        failed.errorCode(), failed.errorMessage());
            }
        } catch (RuntimeException e) {
            // SdkException (network, throttling, missing bus, permissions) and anything else.
            LOG.log(Level.WARNING, "event not published ({0} {1}): {2}", outcome.status(), outcome.domain(), e.toString());
        }
    }
}
