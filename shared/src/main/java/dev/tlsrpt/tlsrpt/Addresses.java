package dev.tlsrpt.tlsrpt;

import java.util.Locale;

/**
 * Email addresses as reports use them: a plain ASCII addr-spec (RFC 5322 section 3.4.1, dot-atom
 * local part) whose domain becomes a lower-case A-label. Anything else (display names, quoted local
 * parts, control characters, non-ASCII local parts) is refused.
 */
public final class Addresses {
    private static final int MAX_LOCAL_LENGTH = 64;

    private Addresses() {
    }

    /** The address with its domain in lower-case A-labels; throws {@link IllegalArgumentException} when it is none. */
    public static String normalise(String address) {
        if (address == null) {
            throw new IllegalArgumentException("address is missing");
        }
        HeaderValues.requireSafe("address", address);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("not an email address (local-part@domain)");
        }
        String local = address.substring(0, at);
        checkLocalPart(local);
        return local + "@" + DomainNames.toALabel(address.substring(at + 1));
    }

    /** The domain of an address that {@link #normalise} accepted, lower case. */
    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    // RFC 5322 section 3.2.3: dot-atom-text = 1*atext *("." 1*atext)
    private static void checkLocalPart(String local) {
        if (local.length() > MAX_LOCAL_LENGTH) {
            throw new IllegalArgumentException("local part longer than " + MAX_LOCAL_LENGTH + " characters");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new IllegalArgumentException("local part must be a dot-atom");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
            if (!atext) {
                throw new IllegalArgumentException("local part has a character that is not allowed");
            }
        }
    }
}
