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
 * What the routes for an MTA's own per-session events share ({@code /v1/momentum}, {@code /v1/exim}): the
 * body is the events one per line, or one JSON array of them; each event is turned into the
 * {@code /v1/results} result it stands for, and the results then go through {@link ResultsRequestParser},
 * so that every route applies the same field rules (docs/design.md 2.1). Errors are named by the event's
 * own fields ({@code events[3].epoch}), through the format's {@link Format#eventPath}.
 */
final class MtaEvents {
    /** Errors reported at most per request, as for the other routes. */
    static final int MAX_ERRORS = 20;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final Pattern RESULT_PATH = Pattern.compile("^results\\[(\\d+)]");

    /** One MTA's event format. */
    interface Format {
        /** The result {@code event} stands for, or null after adding to {@code errors} why there is none. */
        ObjectNode toResult(JsonNode event, String path, List<FieldError> errors);

        /** The event field (after {@code events[i]}) that a result field (after {@code results[i]}) came from. */
        String eventPath(String resultPath);
    }

    private MtaEvents() {
    }

    static ParsedBatch parse(byte[] body, Instant receivedAt, Format format) throws InvalidBatchException {
        List<JsonNode> events = events(body);
        List<FieldError> errors = new ArrayList<>();
        ObjectNode request = MAPPER.createObjectNode();
        ArrayNode results = request.putArray("results");
        for (int i = 0; i < events.size() && errors.size() < MAX_ERRORS; i++) {
            JsonNode event = events.get(i);
            String path = "events[" + i + "]";
            ObjectNode result = event.isObject() ? format.toResult(event, path, errors) : null;
            if (!event.isObject()) {
                errors.add(new FieldError(path, "must be a JSON object"));
            }
            // A refused event keeps its place, so that the parser's indexes stay the events' indexes.
            results.add(result == null ? MAPPER.createObjectNode() : result);
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors);
        }
        try {
            return ResultsRequestParser.parse(MAPPER.writeValueAsBytes(request), receivedAt);
        } catch (InvalidBatchException e) {
            throw new InvalidBatchException(e.errors().stream().map(error -> asEventError(error, format)).toList());
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
                    add(events, parser.readValueAsTree());
                }
                if (parser.nextToken() != null) {
                    throw new InvalidBatchException("$", "must be one JSON array of events, or one event per line;"
                            + " found more after the array");
                }
            } else {
                // One event per line: each top-level value is an event.
                for (JsonToken token = first; token != null; token = parser.nextToken()) {
                    add(events, parser.readValueAsTree());
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

    private static void add(List<JsonNode> events, JsonNode event) throws InvalidBatchException {
        events.add(event);
        if (events.size() > IngestLimits.MAX_RESULTS) {
            throw new InvalidBatchException("events", "more than " + IngestLimits.MAX_RESULTS
                    + " events in one request: send fewer per request");
        }
    }

    private static FieldError asEventError(FieldError error, Format format) {
        Matcher m = RESULT_PATH.matcher(error.path());
        if (!m.find()) {
            return new FieldError(error.path().replaceFirst("^results", "events"), error.message());
        }
        return new FieldError("events[" + m.group(1) + "]" + format.eventPath(error.path().substring(m.end())),
                error.message());
    }
}
