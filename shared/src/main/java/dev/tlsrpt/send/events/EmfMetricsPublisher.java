package dev.tlsrpt.send.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportOutcome;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Counts outcomes as CloudWatch metrics without an API call: one line of CloudWatch embedded metric
 * format per outcome on the function's output, which Lambda ships to CloudWatch Logs and CloudWatch
 * turns into metric {@code ReportsSent} / {@code ReportsSkipped} / {@code ReportsFailed} /
 * {@code ReportsRetrying} in namespace {@value #NAMESPACE}, dimension {@code Channel};
 * {@code ReportsFailed} also by {@code ReasonClass} (dns, ses, https, dkim, other), the dimension the
 * failure alarms watch. A target a cap kept from its report also counts in {@code SendCapsHit}, dimension
 * {@code Cap} (docs/design.md 2.10). The outcome's fields ride along as log properties, for Logs Insights queries.
 */
public final class EmfMetricsPublisher implements OutcomePublisher {
    public static final String NAMESPACE = "tlsrpt";
    public static final String CAPS_HIT = "SendCapsHit";

    private final PrintStream out;
    private final Clock clock;

    public EmfMetricsPublisher(PrintStream out) {
        this(out, Clock.systemUTC());
    }

    public EmfMetricsPublisher(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    static String metricName(ReportOutcome.Status status) {
        return switch (status) {
            case SENT -> "ReportsSent";
            case SKIPPED -> "ReportsSkipped";
            case FAILED -> "ReportsFailed";
            case RETRYING -> "ReportsRetrying";
        };
    }

    @Override
    public void publish(ReportOutcome outcome) {
        String metric = metricName(outcome.status());
        ObjectNode line = OutcomeEvents.fields(outcome);
        var directives = line.putObject("_aws")
                .put("Timestamp", clock.millis())
                .putArray("CloudWatchMetrics");
        ObjectNode directive = directives.addObject().put("Namespace", NAMESPACE);
        var dimensions = directive.putArray("Dimensions");
        dimensions.addArray().add("Channel");
        if (outcome.status() == ReportOutcome.Status.FAILED) {
            dimensions.addArray().add("ReasonClass");
            line.put("ReasonClass", ReasonClass.of(outcome).wireName());
        }
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
        // The dimension's value is the "Channel" member; it replaces the event's lower-case "channel".
        line.remove("channel");
        line.put("Channel", outcome.channel().name()).put(metric, 1);
        if (outcome.cap() != null) {
            ObjectNode caps = directives.addObject().put("Namespace", NAMESPACE);
            caps.putArray("Dimensions").addArray().add("Cap");
            caps.putArray("Metrics").addObject().put("Name", CAPS_HIT).put("Unit", "Count");
            line.remove("cap");
            line.put("Cap", outcome.cap().wireName()).put(CAPS_HIT, 1);
        }
        // One println per line: Lambda keeps a line whole in one log event.
        out.println(line);
    }
}
