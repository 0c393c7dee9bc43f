package dev.tlsrpt.store.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.ResultType;

/**
 * A failure detail as a counter stores it: a JSON array in a fixed field order, without the RFC's long field
 * names. Counters are rewritten on every batch and billed per started KB, so every byte counts.
 */
final class DetailCodec {
    private DetailCodec() {
    }

    static String encode(FailureDetail detail) {
        ArrayNode array = Json.MAPPER.createArrayNode()
                .add(detail.resultType().wireName())
                .add(detail.sendingMtaIp())
                .add(detail.receivingMxHostname())
                .add(detail.receivingMxHelo())
                .add(detail.receivingIp())
                .add(detail.additionalInformation())
                .add(detail.failureReasonCode());
        // Trailing unknown fields are left out rather than stored as nulls.
        while (array.size() > 1 && array.get(array.size() - 1).isNull()) {
            array.remove(array.size() - 1);
        }
        try {
            return Json.MAPPER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static FailureDetail decode(String encoded, long count) {
        try {
            JsonNode array = Json.MAPPER.readTree(encoded);
            return FailureDetail.builder(ResultType.fromWireName(array.get(0).textValue()))
                    .sendingMtaIp(text(array, 1))
                    .receivingMxHostname(text(array, 2))
                    .receivingMxHelo(text(array, 3))
                    .receivingIp(text(array, 4))
                    .failedSessionCount(count)
                    .additionalInformation(text(array, 5))
                    .failureReasonCode(text(array, 6))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored failure detail is not readable", e);
        }
    }

    private static String text(JsonNode array, int index) {
        JsonNode node = array.get(index);
        return node == null || node.isNull() ? null : node.textValue();
    }
}
