package dev.tlsrpt.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A report job as the report queue carries it: one destination of one day, e.g.
 * {@code {"day":"2026-11-28","kind":"RECIPIENT_DOMAIN","domain":"example.com"}}, and when the run spreads
 * its reports the window, {@code "spread":{"from":"2026-11-29T00:15:00Z","seconds":14400}} (docs/design.md 2.11).
 */
public final class ReportJobs {
    private ReportJobs() {
    }

    public static String toJson(DestinationKey job) {
        return node(job).toString();
    }

    /** The job with its planning run's window; a window of length zero is left out. */
    public static String toJson(DestinationKey job, ReportSpread spread) {
        ObjectNode node = node(job);
        if (!spread.isNone()) {
            node.putObject("spread").put("from", spread.from().toString()).put("seconds", spread.length().toSeconds());
        }
        return node.toString();
    }

    private static ObjectNode node(DestinationKey job) {
        return Json.MAPPER.createObjectNode()
                .put("day", job.day().toString())
                .put("kind", job.kind().name())
                .put("domain", job.domain());
    }

    /**
     * The window a job's message carries; none for a message without one (or from an earlier release):
     * such a job goes at once. {@link IllegalArgumentException} for a window that cannot be read.
     */
    public static ReportSpread spreadOf(String json) {
        try {
            JsonNode spread = Json.MAPPER.readTree(json).path("spread");
            if (spread.isMissingNode()) {
                return ReportSpread.none(Instant.EPOCH);
            }
            if (!spread.path("seconds").canConvertToLong()) {
                throw new IllegalArgumentException("spread.seconds is not a number");
            }
            return new ReportSpread(Instant.parse(spread.path("from").textValue()),
                    Duration.ofSeconds(spread.path("seconds").longValue()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a report job's spread: " + (json.length() > 200 ? json.substring(0, 200) + "..." : json), e);
        }
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
