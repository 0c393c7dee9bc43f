package dev.tlsrpt.tlsrpt;

import java.net.IDN;
import java.util.Locale;

/**
 * Domain names as reports carry them: A-labels, lower case, no trailing dot (RFC 8460 section 4.4).
 * U-labels are converted with {@link IDN} (IDNA2003 mapping), which accepts what MTAs send in practice.
 */
public final class DomainNames {
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private DomainNames() {
    }

    /** The A-label form of {@code name}; throws {@link IllegalArgumentException} saying why it is not a host name. */
    public static String toALabel(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("must be a domain name");
        }
        if (isLowerCaseHostName(name)) {
            return name; // what the steps below would return, found in one pass (most names already are)
        }
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        String ascii;
        if (isAscii(trimmed)) {
            ascii = trimmed.toLowerCase(Locale.ROOT);
        } else {
            try {
                ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid internationalised domain name");
            }
        }
        checkHostName(ascii);
        return ascii;
    }

    /** Whether {@code name} is already a lower-case A-label host name. */
    public static boolean isALabel(String name) {
        try {
            return toALabel(name).equals(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // The rules of checkHostName on a name that lower-casing leaves unchanged, with no trailing dot.
    private static boolean isLowerCaseHostName(String name) {
        int length = name.length();
        if (length > MAX_NAME_LENGTH) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= length; i++) {
            char c = i == length ? '.' : name.charAt(i);
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0 || labelLength > MAX_LABEL_LENGTH
                        || name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    // Letters, digits and hyphens (RFC 1123), plus '_' which real DNS names (and wildcards' neighbours) carry.
    private static void checkHostName(String ascii) {
        if (ascii.isEmpty() || ascii.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("domain name must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        int labelStart = 0;
        for (int i = 0; i <= ascii.length(); i++) {
            if (i == ascii.length() || ascii.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0 || length > MAX_LABEL_LENGTH) {
                    throw new IllegalArgumentException("domain name labels must have 1 to " + MAX_LABEL_LENGTH + " characters");
                }
                if (ascii.charAt(labelStart) == '-' || ascii.charAt(i - 1) == '-') {
                    throw new IllegalArgumentException("domain name labels must not start or end with '-'");
                }
                labelStart = i + 1;
                continue;
            }
            char c = ascii.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("domain name has a character that is not allowed: '" + printable(c) + "'");
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
