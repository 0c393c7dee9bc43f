package dev.tlsrpt.tlsrpt;

import java.util.List;
import java.util.Objects;

/**
 * A parsed RFC 8460 section 3 TLSRPT record.
 *
 * @param text     the record as found in DNS (strings joined)
 * @param rua      the usable reporting URIs, in record order, at least one
 * @param ignored  URIs that could not be used, each with the reason (for operators; never fatal)
 */
public record TlsrptRecord(String text, List<ReportUri> rua, List<String> ignored) {

    public TlsrptRecord {
        Objects.requireNonNull(text, "text");
        rua = List.copyOf(rua);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
        if (rua.isEmpty()) {
            throw new IllegalArgumentException("a TLSRPT record needs at least one usable rua URI");
        }
    }
}
