package dev.tlsrpt.ingest;

import java.util.Locale;
import java.util.Map;

/** An HTTP request as the ingest API sees it; header names are lower case. */
public record ApiRequest(String method, String path, Map<String, String> headers, byte[] body) {
    public ApiRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
