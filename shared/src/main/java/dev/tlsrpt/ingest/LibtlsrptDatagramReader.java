package dev.tlsrpt.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.tlsrpt.DomainNames;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TextRules;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one libtlsrpt datagram (datagram protocol version "1") into results, or records why it cannot.
 *
 * <pre>
 * {"dpv":"1", "d":recipient domain, "pr":TLSRPT record, "policies":[
 *   {"policy-type":1|2|9, "policy-domain":..., "policy-string":[...], "mx-host":[...],
 *    "failure-details":[{"c":code, "s":..., "n":..., "h":..., "r":..., "a":..., "f":...}],
 *    "t":number of failure details, "f":0 success | 1 failure}]}
 * </pre>
 *
 * <p>{@code t} is not a trigger flag: libtlsrpt writes there how many failure details it added to the
 * policy. It is checked to be a count and otherwise ignored, as the details themselves are counted. Every
 * result triggers a report (the docs/design.md 2.1 default): libtlsrpt does not say whether the mail delivered was
 * itself a TLS report. {@code pr} is not kept either: the daily job looks the TLSRPT record up itself.
 *
 * <p>Every text kept obeys the same rule as on {@code /v1/results} ({@link TextRules}): a datagram that
 * breaks it is refused naming its path, so a forwarder can set it aside instead of retrying it.
 */
final class LibtlsrptDatagramReader {
    /** The only datagram protocol version libtlsrpt has defined (0.5.x). */
    static final String SUPPORTED_DPV = "1";

    private final LocalDate day;
    private final String path;
    private final List<FieldError> errors;
    private final int errorsBefore;

    LibtlsrptDatagramReader(LocalDate day, String path, List<FieldError> errors) {
        this.day = day;
        this.path = path;
        this.errors = errors;
        this.errorsBefore = errors.size();
    }

    /** Adds the datagram's results to {@code results} when it is valid; otherwise adds to the errors. */
    void read(JsonNode datagram, List<TlsResult> results) {
        if (!datagram.isObject()) {
            error(path, "must be a JSON object");
            return;
        }
        if (!supportedVersion(datagram.get("dpv"))) {
            return; // the other fields of an unknown version may mean something else
        }
        String recipientDomain = domain(datagram.get("d"), path + ".d", true);
        string(datagram.get("pr"), path + ".pr");
        JsonNode policies = datagram.get("policies");
        if (policies == null || !policies.isArray() || policies.isEmpty()) {
            error(path + ".policies", "required: a non-empty array of policies");
            return;
        }
        List<TlsResult> read = new ArrayList<>(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            TlsResult result = policy(policies.get(i), path + ".policies[" + i + "]", recipientDomain);
            if (result != null) {
                read.add(result);
            }
        }
        if (errors.size() == errorsBefore) {
            results.addAll(read);
        }
    }

    private boolean supportedVersion(JsonNode dpv) {
        if (dpv == null) {
            error(path + ".dpv", "required: the datagram protocol version (\"" + SUPPORTED_DPV + "\")");
            return false;
        }
        if (!dpv.isTextual() || !SUPPORTED_DPV.equals(dpv.textValue())) {
            String seen = dpv.isTextual() ? "\"" + clip(dpv.textValue()) + "\"" : clip(dpv.toString());
            error(path + ".dpv", "unsupported datagram protocol version " + seen
                    + ": this service reads libtlsrpt datagrams of version \"" + SUPPORTED_DPV + "\"");
            return false;
        }
        return true;
    }

    private TlsResult policy(JsonNode policy, String at, String recipientDomain) {
        if (!policy.isObject()) {
            error(at, "must be a JSON object");
            return null;
        }
        PolicyType type = policyType(policy.get("policy-type"), at + ".policy-type");
        String policyDomain = domain(policy.get("policy-domain"), at + ".policy-domain", false);
        if (policyDomain == null) {
            // RFC 8460 section 4.4 requires policy-domain, and report parsers reject policies without it.
            // libtlsrpt leaves it out when the MTA passed none (older Postfix did for no-policy-found);
            // Postfix always names the TLSA base domain for tlsa, so the recipient domain is the fill.
            policyDomain = recipientDomain;
        }
        List<String> strings = strings(policy.get("policy-string"), at + ".policy-string", false);
        List<String> mxHosts = strings(policy.get("mx-host"), at + ".mx-host", true);
        List<FailureDetail> details = failureDetails(policy.get("failure-details"), at + ".failure-details");
        count(policy.get("t"), at + ".t");
        Integer finalResult = integer(policy.get("f"), at + ".f", true);
        if (finalResult != null && finalResult != 0 && finalResult != 1) {
            error(at + ".f", "must be 0 (success) or 1 (failure)");
        }
        if (type == null || policyDomain == null || strings == null || mxHosts == null || details == null
                || finalResult == null || recipientDomain == null) {
            return null;
        }
        boolean failed = finalResult == 1;
        try {
            return new TlsResult(day, recipientDomain, new Policy(type, strings, policyDomain, mxHosts),
                    failed ? 0 : 1, failed ? 1 : 0, details, true);
        } catch (IllegalArgumentException e) {
            error(at, e.getMessage()); // the sum of the policy strings
            return null;
        }
    }

    private PolicyType policyType(JsonNode node, String at) {
        Integer code = integer(node, at, true);
        if (code == null) {
            return null;
        }
        PolicyType type = LibtlsrptCodes.policyType(code);
        if (type == null) {
            error(at, "unknown policy-type " + code + ": libtlsrpt uses 1 (tlsa), 2 (sts), 9 (no-policy-found)");
        }
        return type;
    }

    private List<FailureDetail> failureDetails(JsonNode node, String at) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            error(at, "must be an array");
            return null;
        }
        if (node.size() > IngestLimits.MAX_DETAILS_PER_RESULT) {
            error(at, "at most " + IngestLimits.MAX_DETAILS_PER_RESULT + " failure details per policy");
            return null;
        }
        // One session may report the same failure twice; equal details are one detail with a count.
        Map<FailureDetail, Long> counts = new LinkedHashMap<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            FailureDetail detail = failureDetail(node.get(i), at + "[" + i + "]");
            if (detail == null) {
                ok = false;
            } else {
                counts.merge(detail, 1L, Long::sum);
            }
        }
        if (!ok) {
            return null;
        }
        List<FailureDetail> details = new ArrayList<>(counts.size());
        counts.forEach((detail, count) -> details.add(detail.withCount(count)));
        return details;
    }

    private FailureDetail failureDetail(JsonNode node, String at) {
        if (!node.isObject()) {
            error(at, "must be a JSON object");
            return null;
        }
        int errorsAtStart = errors.size();
        Integer code = integer(node.get("c"), at + ".c", true);
        ResultType resultType = null;
        if (code != null) {
            resultType = LibtlsrptCodes.resultType(code);
            if (resultType == null) {
                error(at + ".c", "unknown failure code " + code + ": libtlsrpt uses 201..205 and 301..306");
            }
        }
        String sendingMtaIp = text(node.get("s"), at + ".s", TextRules.MAX_TEXT_LENGTH);
        String receivingMxHostname = text(node.get("n"), at + ".n", TextRules.MAX_TEXT_LENGTH);
        // The whole EHLO reply has line breaks by nature: the rule applies to the host name kept from it.
        String ehlo = string(node.get("h"), at + ".h");
        String receivingMxHelo = ehlo == null ? null : EhloBanner.hostName(ehlo);
        String heloProblem = receivingMxHelo == null ? null : TextRules.problem(receivingMxHelo, TextRules.MAX_TEXT_LENGTH);
        if (heloProblem != null) {
            error(at + ".h", "banner host name " + heloProblem);
        }
        String receivingIp = text(node.get("r"), at + ".r", TextRules.MAX_TEXT_LENGTH);
        String additionalInformation = text(node.get("a"), at + ".a", TextRules.MAX_TEXT_LENGTH);
        String failureReasonCode = text(node.get("f"), at + ".f", TextRules.MAX_TEXT_LENGTH);
        if (errors.size() != errorsAtStart) {
            return null;
        }
        try {
            return FailureDetail.builder(resultType).sendingMtaIp(sendingMtaIp).receivingMxHostname(receivingMxHostname)
                    .receivingMxHelo(receivingMxHelo).receivingIp(receivingIp)
                    .additionalInformation(additionalInformation).failureReasonCode(failureReasonCode).build();
        } catch (IllegalArgumentException e) {
            error(at, e.getMessage());
            return null;
        }
    }

    /** A list of strings, or {@code null} after recording an error; mx-host patterns become A-labels. */
    private List<String> strings(JsonNode node, String at, boolean mxPatterns) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            error(at, "must be an array of strings");
            return null;
        }
        if (node.size() > IngestLimits.MAX_POLICY_STRINGS) {
            error(at, "at most " + IngestLimits.MAX_POLICY_STRINGS + " entries");
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String value = text(node.get(i), at + "[" + i + "]",
                    mxPatterns ? TextRules.MAX_TEXT_LENGTH : TextRules.MAX_POLICY_STRING_LENGTH);
            if (value == null) {
                return null; // text() said why
            }
            values.add(mxPatterns ? mxPattern(value, at + "[" + i + "]") : value);
        }
        return errors.size() == errorsBefore ? values : null;
    }

    // MTA-STS mx patterns (RFC 8461 section 3.2) may start with "*."; the rest is a host name.
    private String mxPattern(String pattern, String at) {
        boolean wildcard = pattern.startsWith("*.");
        try {
            String host = DomainNames.toALabel(wildcard ? pattern.substring(2) : pattern);
            return wildcard ? "*." + host : host;
        } catch (IllegalArgumentException e) {
            error(at, e.getMessage());
            return pattern;
        }
    }

    private String domain(JsonNode node, String at, boolean required) {
        String name = text(node, at, TextRules.MAX_TEXT_LENGTH);
        if (name == null) {
            if (required && node == null) {
                error(at, "required: a domain name");
            }
            return null;
        }
        try {
            return DomainNames.toALabel(name);
        } catch (IllegalArgumentException e) {
            error(at, e.getMessage());
            return null;
        }
    }

    /** The string at {@code node}, {@code null} when absent, or {@code null} after recording an error. */
    private String string(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            error(at, "must be a string");
            return null;
        }
        return node.textValue();
    }

    /** Like {@link #string}, and the value obeys the one text rule ({@link TextRules}). */
    private String text(JsonNode node, String at, int maxLength) {
        String value = string(node, at);
        String problem = value == null ? null : TextRules.problem(value, maxLength);
        if (problem != null) {
            error(at, problem);
            return null;
        }
        return value;
    }

    private Integer integer(JsonNode node, String at, boolean required) {
        if (node == null) {
            if (required) {
                error(at, "required: an integer");
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            error(at, "must be an integer");
            return null;
        }
        return node.intValue();
    }

    private void count(JsonNode node, String at) {
        Integer count = integer(node, at, false);
        if (count != null && count < 0) {
            error(at, "must not be negative");
        }
    }

    private void error(String at, String message) {
        errors.add(new FieldError(at, message));
    }

    private static String clip(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
