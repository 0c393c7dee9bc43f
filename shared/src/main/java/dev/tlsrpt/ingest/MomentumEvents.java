package dev.tlsrpt.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code POST /v1/momentum} body: the JSON objects of Momentum's {@code core_smtp_tls_reporting} hook
 * (Momentum 5.1) as the hook receives them, one per line or as one JSON array. An event is one TLS
 * session: RFC 8460 field names plus {@code epoch} (when the hook ran) and {@code type} (0 failure, 1
 * success); a failure carries one failure detail's fields at the top level.
 *
 * <p>Each event is read as the {@code /v1/results} result it stands for and then goes through
 * {@link ResultsRequestParser}, so both routes share every field rule; errors are named by the event's own
 * fields ({@code events[3].epoch}). Momentum names no recipient domain: its events are about MTA-STS
 * policies, whose policy domain is the recipient domain (docs/design.md 2.1), and an event of another
 * policy type is counted for its policy domain the same way. Every event may trigger a report: the hook
 * does not say whether the message was itself a TLS report.
 */
public final class MomentumEvents {
    /** The hook's detail fields, which become the one failure detail of a failure event. */
    private static final List<String> DETAIL_FIELDS = List.of("result-type", "sending-mta-ip",
            "receiving-mx-hostname", "receiving-mx-helo", "receiving-ip", "additional-information",
            "failure-reason-code");
    /** Errors reported at most per request, as for the other routes. */
    private static final int MAX_ERRORS = 20;
    /** 9999-12-31T23:59:59Z: any later epoch is no time a result can have (the time rule refuses far less). */
    private static final long MAX_EPOCH = 253_402_300_799L;
    private static final Pattern RESULT_PATH = Pattern.compile("^results\\[(\\d+)]");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private MomentumEvents() {
    }

    public static ParsedBatch parse(byte[] body, Instant receivedAt) throws InvalidBatchException {
        List<JsonNode> events = events(body);
        List<FieldError> errors = new ArrayList<>();
        ObjectNode request = MAPPER.createObjectNode();
        ArrayNode results = request.putArray("results");
        for (int i = 0; i < events.size() && errors.size() < MAX_ERRORS; i++) {
            JsonNode result = toResult(events.get(i), "events[" + i + "]", errors);
            // A refused event keeps its place, so that the parser's indexes stay the events' indexes.
            results.add(result == null ? MAPPER.createObjectNode() : result);
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors);
        }
        try {
            return ResultsRequestParser.parse(MAPPER.writeValueAsBytes(request), receivedAt);
        } catch (InvalidBatchException e) {
            throw new InvalidBatchException(e.errors().stream().map(MomentumEvents::asEventError).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the events as results", e);
        }
    }

    private static List<JsonNode> events(byte[] body) throws InvalidBatchException {
        List<JsonNode> events = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    events.add(parser.readValueAsTree());
                    tooMany(events);
                }
                if (parser.nextToken() != null) {
                    throw new InvalidBatchException("$", "must be one JSON array of events, or one event per line;"
                            + " found more after the array");
                }
            } else {
                // One event per line, or several objects in a row: each top-level value is an event.
                for (JsonToken token = first; token != null; token = parser.nextToken()) {
                    events.add(parser.readValueAsTree());
                    tooMany(events);
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidBatchException("$", "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidBatchException("$", "body could not be read");
        }
        if (events.isEmpty()) {
            throw new InvalidBatchException("events", "required: at least one event");
        }
        return events;
    }

    private static void tooMany(List<JsonNode> events) throws InvalidBatchException {
        if (events.size() > IngestLimits.MAX_RESULTS) {
            throw new InvalidBatchException("events", "more than " + IngestLimits.MAX_RESULTS
                    + " events in one request: send fewer per request");
        }
    }

    /** The {@code /v1/results} result an event stands for, or null after recording why there is none. */
    private static JsonNode toResult(JsonNode event, String path, List<FieldError> errors) {
        if (!event.isObject()) {
            errors.add(new FieldError(path, "must be a JSON object"));
            return null;
        }
        JsonNode epoch = event.get("epoch");
        Instant time = epoch == null || !epoch.isIntegralNumber() || !epoch.canConvertToLong() || epoch.longValue() < 0
                || epoch.longValue() > MAX_EPOCH ? null : Instant.ofEpochSecond(epoch.longValue());
        if (time == null) {
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
        ObjectNode result = MAPPER.createObjectNode();
        result.put("time", time.toString());
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

    /** Names a {@code /v1/results} error by the event field it came from. */
    private static FieldError asEventError(FieldError error) {
        Matcher m = RESULT_PATH.matcher(error.path());
        if (!m.find()) {
            return new FieldError(error.path().replaceFirst("^results", "events"), error.message());
        }
        String event = "events[" + m.group(1) + "]";
        String rest = error.path().substring(m.end());
        String path;
        if (rest.startsWith(".time")) {
            path = event + ".epoch";
        } else if (rest.startsWith(".recipient-domain")) {
            path = event + ".policy.policy-domain";
        } else if (rest.startsWith(".failure-details[0]")) {
            path = event + rest.substring(".failure-details[0]".length());
        } else {
            path = event + rest;
        }
        return new FieldError(path, error.message());
    }
}
