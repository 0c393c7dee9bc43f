package dev.tlsrpt.tlsrpt;

import java.util.List;
import java.util.Objects;

/** The outcome of looking up a policy domain's TLSRPT record (RFC 8460 section 3, docs/design.md 2.3). */
public sealed interface TlsrptLookupResult {

    /** Exactly one TLSRPT record with at least one usable URI: send the report there. */
    record Found(TlsrptRecord record) implements TlsrptLookupResult {
        public Found {
            Objects.requireNonNull(record, "record");
        }
    }

    /** NXDOMAIN, no TXT data, no TLSRPT record, or one without a usable rua: permanent, drop the data. */
    record NoRecord(String reason) implements TlsrptLookupResult {
        public NoRecord {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** RFC 8460 section 3: more than one TLSRPT record means none: permanent, no report. */
    record SeveralRecords(List<String> records) implements TlsrptLookupResult {
        public SeveralRecords {
            records = List.copyOf(records);
        }
    }

    /** SERVFAIL, timeout, network error: keep the data and retry later. */
    record TemporaryFailure(String reason) implements TlsrptLookupResult {
        public TemporaryFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
