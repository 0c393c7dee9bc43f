package dev.tlsrpt.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.time.LocalDate;

/**
 * A report job as the report queue carries it: one destination of one day, e.g.
 * {@code {"day":"2026-11-28","kind":"RECIPIENT_DOMAIN","domain":"example.com"}}.
 */
public final class ReportJobs {
    private ReportJobs() {
    }

    public static String toJson(DestinationKey job) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("day", job.day().toString())
                .put("kind", job.kind().name())
                .put("domain", job.domain());
        return node.toString();
    }

    /** The job in a queue message; {@link IllegalArgumentException} for anything else. */
    public static DestinationKey fromJson(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            return new DestinationKey(LocalDate.parse(node.get("day").textValue()),
                    DestinationKind.valueOf(node.get("kind").textValue()), node.get("domain").textValue());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a report job: " + (json.length() > 200 ? json.substring(0, 200) + "..." : json), e);
        }
    }
}
