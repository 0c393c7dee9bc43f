package dev.tlsrpt.function.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.tlsrpt.DestinationKey;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Counts the jobs that had to wait for the DKIM key: CloudWatch metric {@value #NAME} in namespace
 * {@value EmfMetricsPublisher#NAMESPACE}, no dimensions, one per job attempt, as one line of embedded
 * metric format on the function's output. The template's alarm watches exactly this name.
 */
final class DkimKeyMetric {
    static final String NAME = "DkimKeyUnavailable";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Clock clock;

    DkimKeyMetric(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void jobWaited(DestinationKey job) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode directive = line.putObject("_aws")
                .put("Timestamp", clock.millis())
                .putArray("CloudWatchMetrics").addObject()
                .put("Namespace", EmfMetricsPublisher.NAMESPACE);
        directive.putArray("Dimensions").addArray();
        directive.putArray("Metrics").addObject().put("Name", NAME).put("Unit", "Count");
        line.put(NAME, 1).put("job", ReportJobs.toJson(job));
        out.println(line); // one println: Lambda keeps a line whole in one log event
    }
}
