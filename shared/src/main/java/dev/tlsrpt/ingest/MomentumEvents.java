package dev.tlsrpt.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The {@code POST /v1/momentum} body: the JSON objects of Momentum's {@code core_smtp_tls_reporting} hook
 * (Momentum 5.1) as the hook receives them, one per line or as one JSON array. An event is one TLS
 * session: RFC 8460 field names plus {@code epoch} (when the hook ran) and {@code type} (0 failure, 1
 * success); a failure carries one failure detail's fields at the top level.
 *
 * <p>Momentum names no recipient domain: its events are about MTA-STS policies, whose policy domain is the
 * recipient domain (docs/design.md 2.1), and an event of another policy type is counted for its policy
 * domain the same way. Every event may trigger a report: the hook does not say whether the message was
 * itself a TLS report.
 */
public final class MomentumEvents {
    /** The hook's detail fields, which become the one failure detail of a failure event. */
    private static final List<String> DETAIL_FIELDS = List.of("result-type", "sending-mta-ip",
            "receiving-mx-hostname", "receiving-mx-helo", "receiving-ip", "additional-information",
            "failure-reason-code");
    /** 9999-12-31T23:59:59Z: any later epoch is no time a result can have (the time rule refuses far less). */
    private static final long MAX_EPOCH = 253_402_300_799L;

    private static final MtaEvents.Format FORMAT = new MtaEvents.Format() {
        @Override
        public ObjectNode toResult(JsonNode event, String path, List<FieldError> errors) {
            return MomentumEvents.toResult(event, path, errors);
        }

        @Override
        public String eventPath(String resultPath) {
            if (resultPath.startsWith(".time")) {
                return ".epoch";
            }
            if (resultPath.startsWith(".recipient-domain")) {
                return ".policy.policy-domain";
            }
            if (resultPath.startsWith(".failure-details[0]")) {
                return resultPath.substring(".failure-details[0]".length());
            }
            return resultPath;
        }
    };

    private MomentumEvents() {
    }

    public static ParsedBatch parse(byte[] body, Instant receivedAt) throws InvalidBatchException {
        return MtaEvents.parse(body, receivedAt, FORMAT);
    }

    private static ObjectNode toResult(JsonNode event, String path, List<FieldError> errors) {
        JsonNode epoch = event.get("epoch");
        if (epoch == null || !epoch.isIntegralNumber() || !epoch.canConvertToLong() || epoch.longValue() < 0
                || epoch.longValue() > MAX_EPOCH) {
            errors.add(new FieldError(path + ".epoch", "required: seconds since 1970 (a non-negative integer)"));
            return null;
        }
        JsonNode type = event.get("type");
        if (type == null || !type.isIntegralNumber() || (type.intValue() != 0 && type.intValue() != 1)) {
            errors.add(new FieldError(path + ".type", "required: 0 (failure) or 1 (success)"));
            return null;
        }
        JsonNode policy = event.get("policy");
        if (policy == null || !policy.isObject()) {
            errors.add(new FieldError(path + ".policy", "required: the policy object"));
            return null;
        }
        boolean failure = type.intValue() == 0;
        ObjectNode result = MtaEvents.MAPPER.createObjectNode();
        result.put("time", Instant.ofEpochSecond(epoch.longValue()).toString());
        result.set("recipient-domain", policy.get("policy-domain"));
        result.set("policy", policy);
        result.put("successful-sessions", failure ? 0 : 1);
        result.put("failed-sessions", failure ? 1 : 0);
        if (failure) {
            ObjectNode detail = result.putArray("failure-details").addObject();
            for (String field : DETAIL_FIELDS) {
                if (event.has(field)) {
                    detail.set(field, event.get(field));
                }
            }
            detail.put("failed-session-count", 1);
        }
        return result;
    }
}
