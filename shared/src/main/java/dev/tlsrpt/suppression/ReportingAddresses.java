package dev.tlsrpt.suppression;

import dev.tlsrpt.tlsrpt.DomainNames;

/**
 * Reporting addresses in one canonical form, so that an address matches however it was typed: the local
 * part as it is (RFC 5321 leaves its case to the receiving host), the domain lower-case in A-labels.
 * {@code tlsrpt@Bücher.Example} and {@code tlsrpt@xn--bcher-kva.example} are the same address.
 */
public final class ReportingAddresses {
    private static final int MAX_LOCAL_PART = 64;

    private ReportingAddresses() {
    }

    /**
     * The normalised form of {@code address}; {@link IllegalArgumentException} saying what is wrong when it
     * is not an address. A {@code mailto:} prefix is not accepted here: callers strip URI syntax first.
     */
    public static String normalise(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("an email address is required");
        }
        String trimmed = address.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new IllegalArgumentException("not an email address (local-part@domain): " + printable(trimmed));
        }
        String localPart = trimmed.substring(0, at);
        if (localPart.length() > MAX_LOCAL_PART) {
            throw new IllegalArgumentException("local part longer than " + MAX_LOCAL_PART + " characters: " + printable(trimmed));
        }
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';') {
                throw new IllegalArgumentException("local part has a character that is not allowed: " + printable(trimmed));
            }
        }
        String domain;
        try {
            domain = DomainNames.toALabel(trimmed.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad domain in " + printable(trimmed) + ": " + e.getMessage());
        }
        return localPart + "@" + domain;
    }

    /** Whether {@code address} is an address {@link #normalise} accepts. */
    public static boolean isValid(String address) {
        try {
            normalise(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(200).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
