package dev.tlsrpt.suppression;

/** {@link SuppressionList#add} found an active entry for the address; it is left as it was. */
public final class AlreadySuppressedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Suppression existing;

    public AlreadySuppressedException(Suppression existing) {
        super(existing.address() + " is already suppressed "
                + (existing.isPermanent() ? "permanently" : "until " + existing.until()));
        this.existing = existing;
    }

    public Suppression existing() {
        return existing;
    }
}
