package dev.tlsrpt.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.send.events.EventBridgeOutcomePublisher;
import dev.tlsrpt.tlsrpt.Json;
import java.io.PrintStream;
import java.time.Clock;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * An archive failure as operators see it: the CloudWatch metric {@value #METRIC} (one embedded metric
 * format line on the function's output) and an EventBridge event of detail-type "TLS report not
 * archived". Neither may stop the send, so a failure to publish is only logged.
 */
public final class ArchiveFailedSignal implements ArchiveFailures {
    private static final System.Logger LOG = System.getLogger(ArchiveFailedSignal.class.getName());
    public static final String METRIC = "ArchiveFailed";
    public static final String DETAIL_TYPE = "TLS report not archived";

    private final PrintStream metrics;
    private final EventBridgeClient events;
    private final String busName;
    private final Clock clock;

    /** @param events null for the metric alone (local runs without a bus) */
    public ArchiveFailedSignal(PrintStream metrics, EventBridgeClient events, String busName, Clock clock) {
        this.metrics = metrics;
        this.events = events;
        this.busName = busName;
        this.clock = clock;
    }

    @Override
    public void archiveFailed(String key, String reason) {
        ObjectNode detail = Json.MAPPER.createObjectNode().put("key", key).put("reason", reason);
        ObjectNode line = detail.deepCopy();
        ObjectNode directive = line.putObject("_aws").put("Timestamp", clock.millis())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", EmfMetricsPublisher.NAMESPACE);
        directive.putArray("Dimensions").addArray();
        directive.putArray("Metrics").addObject().put("Name", METRIC).put("Unit", "Count");
        line.put(METRIC, 1);
        metrics.println(line);
        if (events == null) {
            return;
        }
        try {
            events.putEvents(r -> r.entries(e -> e.eventBusName(busName).source(EventBridgeOutcomePublisher.SOURCE)
                    .detailType(DETAIL_TYPE).detail(detail.toString())));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "archive failure event not published for {0}: {1}", key, e.toString());
        }
    }
}
