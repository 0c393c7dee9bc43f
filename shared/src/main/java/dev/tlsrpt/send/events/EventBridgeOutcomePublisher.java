package dev.tlsrpt.send.events;

import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportOutcome;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Publishes each outcome as an EventBridge event (source {@value #SOURCE}, detail-type "TLS report
 * sent" / "skipped" / "failed" / "retrying"), for operators' rules and alarms, ten to a PutEvents call
 * (EventBridge's most): the worker {@link #flush}es the rest before its invocation returns. An event that
 * cannot be published is logged and dropped: the report's delivery and its ledger entry already happened and
 * must not be undone or retried because of a notification.
 */
public final class EventBridgeOutcomePublisher implements OutcomePublisher {
    public static final String SOURCE = "tlsrpt";
    /** PutEvents takes at most ten entries; an outcome's event is well under its 256 KB a call. */
    static final int ENTRIES_PER_CALL = 10;
    private static final System.Logger LOG = System.getLogger(EventBridgeOutcomePublisher.class.getName());

    private final EventBridgeClient events;
    private final String busName;
    private final List<ReportOutcome> pending = new ArrayList<>();

    public EventBridgeOutcomePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    @Override
    public synchronized void publish(ReportOutcome outcome) {
        pending.add(outcome);
        if (pending.size() == ENTRIES_PER_CALL) {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<ReportOutcome> outcomes = List.copyOf(pending);
        pending.clear();
        List<PutEventsRequestEntry> entries = outcomes.stream().map(this::entry).toList();
        try {
            PutEventsResponse response = events.putEvents(r -> r.entries(entries));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                // The response's entries are in the request's order; a failed one has an error code.
                for (int i = 0; i < response.entries().size() && i < outcomes.size(); i++) {
                    var result = response.entries().get(i);
                    if (result.errorCode() != null) {
                        LOG.log(Level.WARNING, "event not published ({0} {1}): {2} {3}", outcomes.get(i).status(),
                                outcomes.get(i).domain(), result.errorCode(), result.errorMessage());
                    }
                }
            }
        } catch (RuntimeException e) {
            // SdkException (network, throttling, missing bus, permissions) and anything else.
            LOG.log(Level.WARNING, "{0} events not published ({1} {2}...): {3}", outcomes.size(), outcomes.get(0).status(),
                    outcomes.get(0).domain(), e.toString());
        }
    }

    private PutEventsRequestEntry entry(ReportOutcome outcome) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(SOURCE)
                .detailType(OutcomeEvents.detailType(outcome))
                .detail(OutcomeEvents.fields(outcome).toString())
                .build();
    }
}
