package dev.tlsrpt.ingest;

import java.util.Map;

/** An HTTP response of the ingest API: a status, headers and a JSON body. */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    public ApiResponse {
        headers = Map.copyOf(headers);
    }
}
