package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
        @JsonProperty("mx-host") List<String> mxHosts) {

    public Policy {
        Objects.requireNonNull(type, "policy-type");
        Objects.requireNonNull(domain, "policy-domain");
        strings = strings == null ? List.of() : List.copyOf(strings);
        if (type == PolicyType.TLSA) {
            strings = strings.stream().sorted().toList();
        }
        mxHosts = mxHosts == null ? List.of() : List.copyOf(mxHosts);
    }

    public static Policy noPolicyFound(String domain) {
        return new Policy(PolicyType.NO_POLICY_FOUND, List.of(), domain, List.of());
    }
}
