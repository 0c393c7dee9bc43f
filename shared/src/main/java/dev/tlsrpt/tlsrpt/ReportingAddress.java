package dev.tlsrpt.tlsrpt;

import java.util.Locale;
import java.util.Objects;

/**
 * A reporting address (RFC 8460 section 5.3: the address of a {@code mailto:} rua URI) and what makes two
 * of them the same. Mail goes to {@link #address()}, as published (domain in lower-case A-labels); the
 * ledger, the MX-host dedupe and the suppression list compare {@link #identity()}, which also ignores the
 * case of the local part. RFC 5321 leaves that case to the receiving host, and every large mailbox
 * provider, like SES's own suppression list, ignores it: {@code TLS@example.com} and {@code tls@example.com}
 * get one report, and suppressing one suppresses both.
 *
 * @param address the addr-spec as published, domain in lower-case A-labels
 */
public record ReportingAddress(String address) {

    public ReportingAddress {
        address = Addresses.normalise(Objects.requireNonNull(address, "address"));
    }

    /**
     * The address an operator typed or a mail service reported, surrounding white space ignored;
     * {@link IllegalArgumentException} saying what is wrong when it is not a plain addr-spec.
     */
    public static ReportingAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("an email address is required");
        }
        String stripped = address.strip();
        try {
            return new ReportingAddress(stripped);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + printable(stripped));
        }
    }

    /** The address of a {@code mailto:} URI (already percent-decoded by {@link ReportUri#parse}). */
    public static ReportingAddress of(ReportUri mailto) {
        if (mailto.scheme() != ReportUri.Scheme.MAILTO) {
            throw new IllegalArgumentException("not a mailto URI: " + mailto);
        }
        return new ReportingAddress(mailto.target());
    }

    /** Whether {@code address} is one {@link #parse} accepts. */
    public static boolean isValid(String address) {
        try {
            parse(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What "the same reporting address" compares: the whole address in lower case (its local part is ASCII). */
    public String identity() {
        return address.toLowerCase(Locale.ROOT);
    }

    /** The delivery target of this address in the ledger: {@code mailto:} and the identity. */
    public String target() {
        return "mailto:" + identity();
    }

    public String domain() {
        return Addresses.domainOf(address);
    }

    // What was typed goes into an error message: control characters are shown, not passed on.
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

    @Override
    public String toString() {
        return address;
    }
}
