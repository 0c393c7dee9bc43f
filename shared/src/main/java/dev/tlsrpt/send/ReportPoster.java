package dev.tlsrpt.send;

import java.net.URI;

/** POSTs a gzip report to an {@code https:} reporting URI (RFC 8460 section 5.4; docs/design.md 2.6). */
public interface ReportPoster {

    /** @param content the report the gzip holds, for a poster that keeps a copy (the archive) */
    PostResult post(URI uri, byte[] gzipReport, ReportContent content);

    /** What became of one POST; callers treat each kind differently. */
    sealed interface PostResult {
        /** A 2xx answer: the only success. */
        record Delivered(int status) implements PostResult {
        }

        /**
         * Not requested, or refused for good: not https, a host that resolves to a non-public address,
         * a 4xx answer, a redirect (never followed). Do not retry.
         */
        record PermanentFailure(String reason) implements PostResult {
        }

        /** 5xx, timeout, connection or DNS failure: retry later. */
        record TransientFailure(String reason) implements PostResult {
        }
    }
}
