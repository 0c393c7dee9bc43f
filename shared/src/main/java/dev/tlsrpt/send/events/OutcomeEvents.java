package dev.tlsrpt.send.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.tlsrpt.Json;

/** The fields operators filter on, shared by the EventBridge detail and the metric log line. */
final class OutcomeEvents {
    private OutcomeEvents() {
    }

    /** The EventBridge detail-type: what a rule matches on. */
    static String detailType(ReportOutcome outcome) {
        return switch (outcome.status()) {
            case SENT -> "TLS report sent";
            case SKIPPED -> "TLS report skipped";
            case FAILED -> "TLS report failed";
            case RETRYING -> "TLS report retrying";
        };
    }

    /** day, kind, domain, channel, status, and target, reason and cap when known (absent, never null). */
    static ObjectNode fields(ReportOutcome outcome) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("day", outcome.day().toString())
                .put("kind", outcome.kind().name())
                .put("domain", outcome.domain())
                .put("channel", outcome.channel().name())
                .put("status", outcome.status().name());
        if (outcome.target() != null) {
            node.put("target", outcome.target());
        }
        if (outcome.reason() != null) {
            node.put("reason", outcome.reason());
        }
        if (outcome.cap() != null) {
            node.put("cap", outcome.cap().wireName());
        }
        return node;
    }
}
