package dev.tlsrpt.tlsrpt;

/**
 * Values that end up in mail headers come from DNS and requests, i.e. from anyone: a CR or LF
 * would start a new header (header injection), so they, and other control characters, are refused.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** Returns {@code value} if it has no control characters (CR, LF, NUL, ...), else throws. */
    public static String requireSafe(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException(what + " must not contain control characters (CR, LF, ...)");
            }
        }
        return value;
    }
}
