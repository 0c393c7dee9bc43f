package dev.tlsrpt.tlsrpt;

import java.util.List;
import java.util.Objects;

/** What a TXT query answered; callers must treat each outcome differently (docs/design.md 2.3). */
public sealed interface TxtAnswer {

    /** NOERROR with TXT records; each record is the list of its character-strings, in order. */
    record Records(List<List<String>> records) implements TxtAnswer {
        public Records {
            records = records.stream().map(List::copyOf).toList();
        }
    }

    /** NXDOMAIN: the name does not exist. */
    record NameNotFound() implements TxtAnswer {
    }

    /** NOERROR without TXT records (NODATA). */
    record NoData() implements TxtAnswer {
    }

    /** SERVFAIL, REFUSED, timeout, network error: try again later. */
    record Failure(String reason) implements TxtAnswer {
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
