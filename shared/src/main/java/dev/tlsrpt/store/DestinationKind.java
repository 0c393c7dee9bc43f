package dev.tlsrpt.store;

/** The two kinds of report destination of one day (DESIGN 2.2). */
public enum DestinationKind {
    /** {@code _smtp._tls.<recipient domain>}: every policy seen delivering to that domain. */
    RECIPIENT_DOMAIN("R"),
    /** {@code _smtp._tls.<mx host>}: the DANE results of that host, one entry per recipient domain. */
    MX_HOST("M");

    private final String code;

    DestinationKind(String code) {
        this.code = code;
    }

    /** The short code used in storage keys. */
    public String code() {
        return code;
    }

    public static DestinationKind fromCode(String code) {
        for (DestinationKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown destination kind: " + code);
    }
}
