package dev.tlsrpt.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code POST /v1/libtlsrpt} body: datagrams exactly as libtlsrpt (Postfix 3.10+) writes them to its
 * collector socket, one JSON object per line. Empty lines are ignored. Each policy of a datagram is one
 * TLS session and becomes one {@link TlsResult} with counts 1/0; equal results are merged later, by the
 * aggregator, like those of {@code /v1/results}.
 *
 * <p>Datagrams carry no time: every result belongs to the UTC day the request was received on.
 */
public final class LibtlsrptDatagrams {
    /** Errors reported for one request; past this the rest of the body is not worth reading. */
    static final int MAX_ERRORS = 20;

    // Built once: the Lambda converts thousands of datagrams per request and SnapStart snapshots this.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private LibtlsrptDatagrams() {
    }

    /**
     * The results that the newline-delimited datagrams in {@code body} report, all on the UTC day of
     * {@code receivedAt}; throws with every problem found (up to {@value #MAX_ERRORS}), each named by a path
     * such as {@code datagrams[2].policies[0].failure-details[1].c}, when any datagram is not acceptable.
     */
    public static List<TlsResult> toResults(byte[] body, Instant receivedAt) throws InvalidBatchException {
        LocalDate day = LocalDate.ofInstant(receivedAt, ZoneOffset.UTC);
        List<TlsResult> results = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int datagramIndex = 0;
        int lineStart = 0;
        while (lineStart <= body.length && errors.size() < MAX_ERRORS) {
            int lineEnd = indexOf(body, (byte) '\n', lineStart, body.length);
            if (!isBlank(body, lineStart, lineEnd)) {
                String path = "datagrams[" + datagramIndex + "]";
                JsonNode datagram = parse(body, lineStart, lineEnd - lineStart, path, errors);
                if (datagram != null) {
                    new LibtlsrptDatagramReader(day, path, errors).read(datagram, results);
                }
                datagramIndex++;
            }
            lineStart = lineEnd + 1;
        }
        if (errors.isEmpty() && results.size() > IngestLimits.MAX_RESULTS) {
            errors.add(new FieldError("datagrams", "more than " + IngestLimits.MAX_RESULTS
                    + " policies in one request: send fewer datagrams per request"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        }
        return results;
    }

    /**
     * Checks one datagram (as received from libtlsrpt, without a newline) the way {@link #toResults} would,
     * and answers how many policies (results) it carries. The forwarder calls this so that one bad datagram
     * is set aside on the MTA host instead of making the API reject a whole batch.
     */
    public static int check(byte[] buffer, int offset, int length) throws InvalidBatchException {
        List<FieldError> errors = new ArrayList<>();
        List<TlsResult> results = new ArrayList<>();
        if (isBlank(buffer, offset, offset + length)) {
            throw new InvalidBatchException("datagram", "is empty");
        }
        if (indexOf(buffer, (byte) '\n', offset, offset + length) < offset + length) {
            // Newlines separate datagrams in a request body; libtlsrpt escapes them inside strings.
            throw new InvalidBatchException("datagram", "contains a raw newline");
        }
        JsonNode datagram = parse(buffer, offset, length, "datagram", errors);
        if (datagram != null) {
            new LibtlsrptDatagramReader(LocalDate.EPOCH, "datagram", errors).read(datagram, results);
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors);
        }
        return results.size();
    }

    private static JsonNode parse(byte[] body, int offset, int length, String path, List<FieldError> errors) {
        try {
            StrictUtf8.check(body, offset, length, path);
        } catch (InvalidBatchException e) {
            errors.addAll(e.errors());
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(body, offset, length)) {
            JsonNode node = parser.readValueAsTree();
            if (parser.nextToken() != null) {
                errors.add(new FieldError(path, "must be one JSON object per line; found more after it"));
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            errors.add(new FieldError(path, "is not valid JSON: " + shorten(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            // Reading from a byte array fails only as a parse error; keep the same answer.
            errors.add(new FieldError(path, "is not valid JSON"));
            return null;
        }
    }

    // The index of wanted in bytes[from, to), or to. The forwarder's receive buffer is far longer than
    // its datagram: the search must stop at the datagram's end.
    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String message) {
        if (message == null) {
            return "unreadable";
        }
        String oneLine = message.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "...";
    }
}
