package dev.tlsrpt.suppression;

/** Who put an address on the suppression list; {@link #wireName()} is what the table and the CLI show. */
public enum SuppressionSource {
    OPERATOR("operator"),
    SES_BOUNCE("ses-bounce"),
    SES_COMPLAINT("ses-complaint");

    private final String wireName;

    SuppressionSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The source with this wire name; {@link IllegalArgumentException} for anything else. */
    public static SuppressionSource fromWireName(String name) {
        for (SuppressionSource source : values()) {
            if (source.wireName.equals(name)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown suppression source: " + name);
    }
}
