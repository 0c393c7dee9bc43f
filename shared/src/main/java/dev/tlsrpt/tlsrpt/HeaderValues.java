package dev.tlsrpt.tlsrpt;

/**
 * Values that end up in mail headers come from DNS and requests, i.e. from anyone: a CR or LF
 * would start a new header (header injection), so they, and other control characters, are refused
 * by the one text rule ({@link TextRules}).
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** Returns {@code value} if it has no control characters (CR, LF, NUL, ...), else throws. */
    public static String requireSafe(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String problem = TextRules.problem(value, Integer.MAX_VALUE);
        if (problem != null) {
            throw new IllegalArgumentException(what + " " + problem);
        }
        return value;
    }
}
