package dev.tlsrpt.tlsrpt;

/**
 * The one rule for "is this text acceptable" (docs/design.md section 2.1). Both ingest routes
 * ({@code /v1/results}, {@code /v1/libtlsrpt}) and mail headers check every text value with
 * {@link #problem}; the core types themselves hold the part every value must meet wherever it comes from,
 * a peer's report included ({@link #requireValidUnicode}, and the policy bounds in {@link Policy}).
 *
 * <p>Refused: C0 controls other than tab, DEL, C1 controls (U+0080 to U+009F, NEL included), the line
 * and paragraph separators U+2028 and U+2029 (line breaks in reports and mail), and UTF-16 surrogates
 * that are not part of a pair (they have no UTF-8 form, so DynamoDB refuses them).
 */
public final class TextRules {
    /** Free-text fields: HELO, additional-information, failure-reason-code, IP literals. */
    public static final int MAX_TEXT_LENGTH = 255;
    /**
     * One policy-string entry. RFC 8460 section 4.4: a TLSA entry is the record's whole presentation data,
     * and a full certificate (matching type 0) of a 4096-bit key is about 3,000 hex characters.
     */
    public static final int MAX_POLICY_STRING_LENGTH = 8_192;
    /** policy-string entries and mx-host entries in one policy. */
    public static final int MAX_POLICY_STRINGS = 64;
    /** All policy-string entries of one policy together: keeps a counter item far below 400 KB. */
    public static final int MAX_POLICY_STRING_TOTAL = 65_536;

    private TextRules() {
    }

    /** Why {@code value} is not acceptable text of at most {@code maxLength} characters, or {@code null}. */
    public static String problem(String value, int maxLength) {
        if (value.length() > maxLength) {
            return "must have at most " + maxLength + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                return "must not contain control characters or line breaks (found U+"
                        + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return loneSurrogate(c);
            }
        }
        return null;
    }

    /**
     * {@code value} (or {@code null}) when it has no lone surrogate; throws naming {@code field} otherwise.
     * Peers' reports may carry line breaks (a whole EHLO reply as receiving-mx-helo), which are kept as they
     * are; text without a UTF-8 form can be neither stored nor sent.
     */
    public static String requireValidUnicode(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " " + loneSurrogate(c));
            }
        }
        return value;
    }

    private static String loneSurrogate(char c) {
        return "must be valid Unicode (found a lone surrogate U+" + String.format("%04X", (int) c) + ")";
    }

    /** {@code value} when it is acceptable (or {@code null}); throws naming {@code field} otherwise. */
    public static String require(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String problem = problem(value, maxLength);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem);
        }
        return value;
    }
}
