package dev.tlsrpt.tlsrpt;

/** The two kinds of report destination of a day (docs/design.md 2.2). */
public enum DestinationKind {
    /** {@code _smtp._tls.<recipient domain>}: every policy seen for deliveries to that domain. */
    RECIPIENT_DOMAIN("rcpt"),
    /** {@code _smtp._tls.<mx host>}: the DANE results of that MX host, per affected recipient domain. */
    MX_HOST("mx");

    private final String tag;

    DestinationKind(String tag) {
        this.tag = tag;
    }

    /** Short letters-only name used in report-ids and filenames (RFC 8460 section 5.3 unique-id is ALPHA/DIGIT). */
    public String tag() {
        return tag;
    }
}
