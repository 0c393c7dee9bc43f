package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * RFC 8460 section 4.4 "policy": what a session was checked against. Two policies are "the same"
 * (and their counts merge) when these four fields are equal; TLSA strings are kept sorted so that the
 * order an MTA happened to list the records in does not split a policy in two.
 *
 * @param type      policy-type
 * @param strings   policy-string: MTA-STS policy lines, or one "usage selector matching-type data" per TLSA record
 * @param domain    policy-domain in A-labels: the recipient domain (sts, no-policy-found) or the MX host (tlsa)
 * @param mxHosts   mx-host: MX patterns of an MTA-STS policy; always an array on the wire (erratum 6241)
 */
@JsonPropertyOrder({"policy-type", "policy-string", "policy-domain", "mx-host"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Policy(
        @JsonProperty("policy-type") PolicyType type,
        @JsonProperty("policy-string") List<String> strings,
        @JsonProperty("policy-domain") String domain,
        // RFC 8460 section 4.5 shows a single string; erratum 6241 and the text say array: accept both, write arrays.
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        @JsonProperty("mx-host") List<String> mxHosts) {

    /**
     * {@code domain} may be absent only in reports received from peers that omit it (a defect some
     * reporters had); {@link TlsResult} and {@link ReportBuilder} require it, so we never produce one without.
     * Domains become lower-case A-labels; {@code *.} wildcards of MTA-STS mx patterns are kept.
     */
    public Policy {
        Objects.requireNonNull(type, "policy-type");
        domain = domain == null || domain.isEmpty() ? null : DomainNames.toALabel(domain);
        strings = strings == null ? List.of() : List.copyOf(strings);
        checkStrings(strings);
        if (type == PolicyType.TLSA && strings.size() > 1) {
            String[] sorted = strings.toArray(String[]::new);
            Arrays.sort(sorted);
            strings = List.of(sorted);
        }
        mxHosts = mxHosts == null ? List.of() : mxPatterns(mxHosts);
        if (mxHosts.size() > TextRules.MAX_POLICY_STRINGS) {
            throw new IllegalArgumentException("mx-host must hold at most " + TextRules.MAX_POLICY_STRINGS + " entries");
        }
    }

    // Written out rather than the record's generated methods: ingest hashes a policy per result, and the
    // generated ones are slow under the C1 compiler the functions run with (docs/design.md 4.1). The same
    // fields, the same hash.
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Policy p && type == p.type && strings.equals(p.strings)
                && Objects.equals(domain, p.domain) && mxHosts.equals(p.mxHosts);
    }

    @Override
    public int hashCode() {
        return ((type.hashCode() * 31 + strings.hashCode()) * 31 + Objects.hashCode(domain)) * 31 + mxHosts.hashCode();
    }

    private static List<String> mxPatterns(List<String> patterns) {
        String[] converted = new String[patterns.size()];
        for (int i = 0; i < converted.length; i++) {
            converted[i] = mxPattern(patterns.get(i));
        }
        return List.of(converted);
    }

    // The bounds of TextRules: each entry, their number, and their sum (one counter item holds them all).
    private static void checkStrings(List<String> strings) {
        if (strings.size() > TextRules.MAX_POLICY_STRINGS) {
            throw new IllegalArgumentException("policy-string must hold at most " + TextRules.MAX_POLICY_STRINGS + " entries");
        }
        long total = 0;
        for (String s : strings) {
            TextRules.requireValidUnicode("policy-string", Objects.requireNonNull(s, "policy-string"));
            if (s.length() > TextRules.MAX_POLICY_STRING_LENGTH) {
                throw new IllegalArgumentException("policy-string entries must have at most "
                        + TextRules.MAX_POLICY_STRING_LENGTH + " characters");
            }
            total += s.length();
        }
        if (total > TextRules.MAX_POLICY_STRING_TOTAL) {
            throw new IllegalArgumentException("policy-string must have at most " + TextRules.MAX_POLICY_STRING_TOTAL
                    + " characters in all");
        }
    }

    /** This policy with another policy-domain and mx-host list (MX-host reports, docs/design.md 2.2). */
    public Policy withDomainAndMxHosts(String newDomain, List<String> newMxHosts) {
        return new Policy(type, strings, newDomain, newMxHosts);
    }

    // RFC 8461 section 3.2: an mx pattern is a host name, optionally with a leading "*." wildcard label.
    private static String mxPattern(String pattern) {
        Objects.requireNonNull(pattern, "mx-host");
        return pattern.startsWith("*.") ? "*." + DomainNames.toALabel(pattern.substring(2)) : DomainNames.toALabel(pattern);
    }

    public static Policy noPolicyFound(String domain) {
        return new Policy(PolicyType.NO_POLICY_FOUND, List.of(), domain, List.of());
    }
}
