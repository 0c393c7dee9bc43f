package dev.tlsrpt.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.DomainNames;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TextRules;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code POST /v1/results} body (docs/design.md section 3) into results, or says exactly which fields
 * are wrong. Text values obey the core's one text rule ({@link TextRules}), which the core types enforce
 * again when they are built, so storage never sees a value it cannot keep.
 */
public final class ResultsRequestParser {
    /** Errors reported at most per request: enough to fix a batch, bounded for a hostile one. */
    private static final int MAX_ERRORS = 20;

    private static final Set<String> TOP_FIELDS = Set.of("results");
    private static final Set<String> RESULT_FIELDS = Set.of("time", "recipient-domain", "policy",
            "successful-sessions", "failed-sessions", "failure-details", "trigger-report");
    private static final Set<String> POLICY_FIELDS = Set.of("policy-type", "policy-domain", "policy-string", "mx-host");
    private static final Set<String> DETAIL_FIELDS = Set.of("result-type", "sending-mta-ip", "receiving-mx-hostname",
            "receiving-mx-helo", "receiving-ip", "additional-information", "failure-reason-code", "failed-session-count");

    /** One JSON value, nothing after it, no key twice (the last would silently win). */
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ResultsRequestParser() {
    }

    public static ParsedBatch parse(byte[] body, Instant receivedAt) throws InvalidBatchException {
        StrictUtf8.check(body, 0, body.length, "$");
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidBatchException("$", "body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidBatchException("$", "body could not be read");
        }
        return new Reader(receivedAt).read(root);
    }

    /** One request's parse: collects errors instead of stopping at the first one. */
    private static final class Reader {
        private final LocalDate receiptDay;
        private final List<FieldError> errors = new ArrayList<>();
        // Every problem found, also those past MAX_ERRORS that are not listed: "did this part fail?"
        private int problems;
        // Batches repeat the same few domains many times: convert each once.
        private final Map<String, String> aLabels = new HashMap<>();
        private final Map<String, String> mxPatterns = new HashMap<>();
        private final Map<PolicyKey, Policy> policies = new HashMap<>();
        private boolean receiptDayUsed;
        // The reportable times (docs/design.md 3), compared as instants: the earliest ones have no LocalDate.
        private final Instant latest;
        private final LocalDate oldestDay;
        private final Instant oldestStart;

        Reader(Instant receivedAt) {
            this.receiptDay = LocalDate.ofInstant(receivedAt, ZoneOffset.UTC);
            this.latest = receivedAt.plusSeconds(IngestLimits.MAX_FUTURE_SECONDS);
            this.oldestDay = receiptDay.minusDays(IngestLimits.MAX_PAST_DAYS);
            this.oldestStart = oldestDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        ParsedBatch read(JsonNode root) throws InvalidBatchException {
            if (root == null || !root.isObject()) {
                throw new InvalidBatchException("$", "body must be a JSON object with a \"results\" array");
            }
            unknownFields(root, TOP_FIELDS, null);
            JsonNode results = root.get("results");
            if (results == null || !results.isArray()) {
                error("results", "required: an array of results");
                throw new InvalidBatchException(errors);
            }
            if (results.isEmpty() || results.size() > IngestLimits.MAX_RESULTS) {
                error("results", "must hold 1 to " + IngestLimits.MAX_RESULTS + " results");
                throw new InvalidBatchException(errors);
            }
            List<TlsResult> parsed = new ArrayList<>(results.size());
            for (int i = 0; i < results.size() && errors.size() < MAX_ERRORS; i++) {
                TlsResult result = result(results.get(i), RESULTS.index(i));
                if (result != null) {
                    parsed.add(result);
                }
            }
            if (problems > 0) {
                throw new InvalidBatchException(errors);
            }
            return new ParsedBatch(parsed, receiptDayUsed);
        }

        private TlsResult result(JsonNode node, Where path) {
            if (!node.isObject()) {
                error(path, "must be an object");
                return null;
            }
            int before = problems;
            unknownFields(node, RESULT_FIELDS, path);
            LocalDate day = day(node.get("time"), path.field("time"));
            String recipient = domain(node.get("recipient-domain"), path.field("recipient-domain"), true);
            Policy policy = policy(node.get("policy"), path.field("policy"), recipient);
            long ok = count(node.get("successful-sessions"), path.field("successful-sessions"), false);
            long failed = count(node.get("failed-sessions"), path.field("failed-sessions"), false);
            List<FailureDetail> details = details(node.get("failure-details"), path.field("failure-details"));
            boolean trigger = bool(node.get("trigger-report"), path.field("trigger-report"), true);
            if (problems > before) {
                return null;
            }
            try {
                return new TlsResult(day, recipient, policy, ok, failed, details, trigger);
            } catch (IllegalArgumentException e) {
                error(path, e.getMessage());
                return null;
            }
        }

        private LocalDate day(JsonNode node, Where path) {
            if (node == null || node.isNull()) {
                receiptDayUsed = true;
                return receiptDay;
            }
            if (!node.isTextual()) {
                error(path, "must be an RFC 3339 UTC timestamp such as \"2026-11-28T13:45:07Z\"");
                return null;
            }
            Instant time;
            try {
                time = Timestamps.parse(node.textValue());
            } catch (DateTimeException e) {
                // DateTimeParseException, and also years that Instant cannot hold
                error(path, "must be an RFC 3339 UTC timestamp such as \"2026-11-28T13:45:07Z\"");
                return null;
            }
            if (time.isAfter(latest)) {
                error(path, "is more than " + IngestLimits.MAX_FUTURE_SECONDS / 60 + " minutes in the future");
                return null;
            }
            if (time.isBefore(oldestStart)) {
                error(path, "is before " + oldestDay + ": results older than " + IngestLimits.MAX_PAST_DAYS
                        + " days can no longer be reported");
                return null;
            }
            return LocalDate.ofInstant(time, ZoneOffset.UTC);
        }

        private Policy policy(JsonNode node, Where path, String recipient) {
            if (node == null || !node.isObject()) {
                error(path, "required: an object with policy-type and policy-domain");
                return null;
            }
            // A batch names the same few policies over and over: one that was read without an error before
            // gives the same Policy again (the recipient is part of the key: it is the default policy-domain).
            PolicyKey key = recipient == null ? null : new PolicyKey(recipient, node);
            Policy known = key == null ? null : policies.get(key);
            if (known != null) {
                return known;
            }
            int before = problems;
            unknownFields(node, POLICY_FIELDS, path);
            PolicyType type = null;
            JsonNode typeNode = node.get("policy-type");
            if (typeNode == null || !typeNode.isTextual()) {
                error(path.field("policy-type"), "required: one of sts, tlsa, no-policy-found");
            } else {
                type = PolicyType.fromWireNameOrNull(typeNode.textValue());
                if (type == null) {
                    error(path.field("policy-type"), "must be one of sts, tlsa, no-policy-found");
                }
            }
            // DANE policies belong to the MX host, so their domain cannot be guessed; the others default
            // to the recipient domain rather than producing reports that parsers reject for lacking it.
            JsonNode domainNode = node.get("policy-domain");
            String domain;
            if (domainNode == null && type != PolicyType.TLSA) {
                domain = recipient;
            } else {
                domain = domain(domainNode, path.field("policy-domain"), true);
            }
            List<String> strings = strings(node.get("policy-string"), path.field("policy-string"), false);
            List<String> mxHosts = strings(node.get("mx-host"), path.field("mx-host"), true);
            if (problems > before || type == null || domain == null) {
                return null;
            }
            try {
                Policy policy = new Policy(type, strings, domain, mxHosts);
                if (key != null) {
                    policies.put(key, policy);
                }
                return policy;
            } catch (IllegalArgumentException e) {
                error(path, e.getMessage()); // the sum of the policy strings
                return null;
            }
        }

        private List<FailureDetail> details(JsonNode node, Where path) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                error(path, "must be an array");
                return List.of();
            }
            if (node.size() > IngestLimits.MAX_DETAILS_PER_RESULT) {
                error(path, "must hold at most " + IngestLimits.MAX_DETAILS_PER_RESULT + " details");
                return List.of();
            }
            List<FailureDetail> details = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                FailureDetail detail = detail(node.get(i), path.index(i));
                if (detail != null) {
                    details.add(detail);
                }
            }
            return details;
        }

        private FailureDetail detail(JsonNode node, Where path) {
            if (!node.isObject()) {
                error(path, "must be an object");
                return null;
            }
            int before = problems;
            unknownFields(node, DETAIL_FIELDS, path);
            ResultType type = null;
            JsonNode typeNode = node.get("result-type");
            if (typeNode == null || !typeNode.isTextual()) {
                error(path.field("result-type"), "required: a result type from the IANA registry");
            } else {
                type = ResultType.fromWireNameOrNull(typeNode.textValue());
                if (type == null) {
                    error(path.field("result-type"), "is not in the IANA registry of result types");
                }
            }
            String sendingIp = ip(node.get("sending-mta-ip"), path.field("sending-mta-ip"));
            String mxHostname = domain(node.get("receiving-mx-hostname"), path.field("receiving-mx-hostname"), false);
            String helo = text(node.get("receiving-mx-helo"), path.field("receiving-mx-helo"), TextRules.MAX_TEXT_LENGTH);
            String receivingIp = ip(node.get("receiving-ip"), path.field("receiving-ip"));
            String info = text(node.get("additional-information"), path.field("additional-information"),
                    TextRules.MAX_TEXT_LENGTH);
            String reason = text(node.get("failure-reason-code"), path.field("failure-reason-code"), TextRules.MAX_TEXT_LENGTH);
            long count = count(node.get("failed-session-count"), path.field("failed-session-count"), true);
            if (problems > before) {
                return null;
            }
            try {
                return FailureDetail.builder(type).sendingMtaIp(sendingIp).receivingMxHostname(mxHostname)
                        .receivingMxHelo(helo).receivingIp(receivingIp).failedSessionCount(count)
                        .additionalInformation(info).failureReasonCode(reason).build();
            } catch (IllegalArgumentException e) {
                error(path, e.getMessage());
                return null;
            }
        }

        private String domain(JsonNode node, Where path, boolean required) {
            if (node == null || node.isNull()) {
                if (required) {
                    error(path, "required: a domain name");
                }
                return null;
            }
            if (!node.isTextual()) {
                error(path, "must be a domain name string");
                return null;
            }
            String name = node.textValue();
            String cached = aLabels.get(name);
            if (cached != null) {
                return cached;
            }
            try {
                String aLabel = DomainNames.toALabel(name);
                aLabels.put(name, aLabel);
                return aLabel;
            } catch (IllegalArgumentException e) {
                error(path, e.getMessage());
                return null;
            }
        }

        /** policy-string lines, or mx-host patterns (a lone string is taken as a one-element array). */
        private List<String> strings(JsonNode node, Where path, boolean mxPatterns) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (mxPatterns && node.isTextual()) {
                String pattern = mxPattern(node.textValue(), path);
                return pattern == null ? List.of() : List.of(pattern);
            }
            if (!node.isArray()) {
                error(path, "must be an array of strings");
                return List.of();
            }
            if (node.size() > IngestLimits.MAX_POLICY_STRINGS) {
                error(path, "must hold at most " + IngestLimits.MAX_POLICY_STRINGS + " entries");
                return List.of();
            }
            List<String> values = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                Where itemPath = path.index(i);
                JsonNode item = node.get(i);
                String value = mxPatterns
                        ? (item.isTextual() ? mxPattern(item.textValue(), itemPath) : mustBeString(itemPath))
                        : text(item, itemPath, TextRules.MAX_POLICY_STRING_LENGTH);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }

        private String mustBeString(Where path) {
            error(path, "must be a string");
            return null;
        }

        // MTA-STS "mx:" patterns (RFC 8461 section 3.2): a host name, optionally with a leading "*.".
        private String mxPattern(String value, Where path) {
            String cached = mxPatterns.get(value);
            if (cached != null) {
                return cached;
            }
            boolean wildcard = value.startsWith("*.");
            try {
                String host = DomainNames.toALabel(wildcard ? value.substring(2) : value);
                String pattern = wildcard ? "*." + host : host;
                mxPatterns.put(value, pattern);
                return pattern;
            } catch (IllegalArgumentException e) {
                error(path, e.getMessage());
                return null;
            }
        }

        private String text(JsonNode node, Where path, int maxLength) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                error(path, "must be a string");
                return null;
            }
            String value = node.textValue();
            String problem = TextRules.problem(value, maxLength);
            if (problem != null) {
                error(path, problem);
                return null;
            }
            return value;
        }

        private String ip(JsonNode node, Where path) {
            String value = text(node, path, TextRules.MAX_TEXT_LENGTH);
            if (value != null && !IpLiterals.isIpLiteral(value)) {
                error(path, "must be an IPv4 or IPv6 address");
                return null;
            }
            return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
        }

        private long count(JsonNode node, Where path, boolean required) {
            if (node == null || node.isNull()) {
                if (required) {
                    error(path, "required: a session count");
                }
                return 0;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()
                    || node.longValue() < 0 || node.longValue() > IngestLimits.MAX_COUNT) {
                error(path, "must be an integer from 0 to " + IngestLimits.MAX_COUNT);
                return 0;
            }
            return node.longValue();
        }

        private boolean bool(JsonNode node, Where path, boolean defaultValue) {
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isBoolean()) {
                error(path, "must be true or false");
                return defaultValue;
            }
            return node.booleanValue();
        }

        private void unknownFields(JsonNode node, Set<String> known, Where path) {
            for (Iterator<String> names = ((ObjectNode) node).fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    error(path == null ? Where.top(name) : path.field(name), "is not a known field");
                }
            }
        }

        private void error(Where path, String message) {
            error(path.toString(), message);
        }

        private void error(String path, String message) {
            problems++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(new FieldError(path, message));
            }
        }
    }

    private static final Where RESULTS = Where.top("results");

    /** A policy object as it came, with the result's recipient domain (equality written out: C1, design.md 4.1). */
    private static final class PolicyKey {
        private final String recipient;
        private final JsonNode policy;
        private final int hash;

        PolicyKey(String recipient, JsonNode policy) {
            this.recipient = recipient;
            this.policy = policy;
            this.hash = recipient.hashCode() * 31 + policy.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PolicyKey k && hash == k.hash && recipient.equals(k.recipient) && policy.equals(k.policy);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Where a value is in the body, spelled out only when an error names it (most values have none). */
    private record Where(Where parent, String field, int index) {
        static Where top(String field) {
            return new Where(null, field, -1);
        }

        Where field(String name) {
            return new Where(this, name, -1);
        }

        Where index(int i) {
            return new Where(this, null, i);
        }

        @Override
        public String toString() {
            String self = field != null ? field : "[" + index + "]";
            return parent == null ? self : field != null ? parent + "." + self : parent + self;
        }
    }
}
