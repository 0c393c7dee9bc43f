package dev.tlsrpt.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The {@code POST /v1/exim} body: the lines Exim's event hook writes ({@code forwarder/exim/tlsrpt-exim.conf},
 * through tlsrpt-forward), one JSON object per outbound connection. Values that come from the peer or DNS
 * are base64-encoded by Exim, so that no peer can break a line; they are decoded and then checked by the
 * same field rules as every other route.
 *
 * <ul>
 *   <li>{@code smtp:ehlo} after STARTTLS: a TLS session was negotiated (one successful session).
 *   <li>{@code msg:host:defer} with errno -38: TLS was required and the server did not offer STARTTLS
 *       ({@code starttls-not-supported}); with errno -37: the TLS session failed, classified from the peer's
 *       certificate (expired, names not matching the MX host, otherwise not trusted).
 * </ul>
 *
 * <p>Exim has no MTA-STS: a session is under the MX host's {@code tlsa} policy when Exim used DANE for it
 * (the TLSA records as Exim looked them up), otherwise under the recipient domain's {@code no-policy-found}.
 */
public final class EximEvents {
    static final int VERSION = 1;
    /** Exim's errno for a TLS session that failed after STARTTLS (ERRNO_TLSFAILURE). */
    static final int ERRNO_TLS_FAILURE = -37;
    /** Exim's errno for TLS required but not offered by the server (ERRNO_TLSREQUIRED). */
    static final int ERRNO_TLS_REQUIRED = -38;
    /** What Exim with GnuTLS says, and nothing more, when the chain verified but the names did not match. */
    private static final String NAME_MISMATCH_SUFFIX = "(certificate verification failed)";
    private static final int MAX_REASON_LENGTH = 255;

    private static final MtaEvents.Format FORMAT = new MtaEvents.Format() {
        @Override
        public ObjectNode toResult(JsonNode event, String path, List<FieldError> errors) {
            return new Reader(event, path, errors).result();
        }

        @Override
        public String eventPath(String resultPath) {
            if (resultPath.startsWith(".time")) {
                return ".time";
            }
            if (resultPath.startsWith(".recipient-domain")) {
                return ".domain";
            }
            if (resultPath.startsWith(".policy.policy-domain")) {
                return ".host"; // a tlsa policy's domain; a no-policy-found one is the recipient domain, named above
            }
            if (resultPath.startsWith(".policy.policy-string")) {
                return ".tlsa";
            }
            if (resultPath.startsWith(".failure-details[0].sending-mta-ip")) {
                return ".sending-ip";
            }
            if (resultPath.startsWith(".failure-details[0].receiving-ip")) {
                return ".ip";
            }
            if (resultPath.startsWith(".failure-details[0].receiving-mx-hostname")) {
                return ".host";
            }
            if (resultPath.startsWith(".failure-details[0].failure-reason-code")) {
                return ".data";
            }
            return resultPath;
        }
    };

    private EximEvents() {
    }

    public static ParsedBatch parse(byte[] body, Instant receivedAt) throws InvalidBatchException {
        return MtaEvents.parse(body, receivedAt, FORMAT);
    }

    /** Reads one event; records what is wrong with it instead of stopping at the first problem. */
    private static final class Reader {
        private final JsonNode event;
        private final String path;
        private final List<FieldError> errors;
        private final int errorsBefore;

        Reader(JsonNode event, String path, List<FieldError> errors) {
            this.event = event;
            this.path = path;
            this.errors = errors;
            this.errorsBefore = errors.size();
        }

        ObjectNode result() {
            JsonNode version = event.get("v");
            if (version == null || !version.isInt() || version.intValue() != VERSION) {
                errors.add(new FieldError(path + ".v", "required: the event format version " + VERSION));
                return null;
            }
            String name = text("event");
            long time = number("time", false);
            long errno = number("errno", true);
            String domain = decoded("domain");
            String host = decoded("host");
            String ip = decoded("ip");
            String sendingIp = decoded("sending-ip");
            String data = decoded("data");
            boolean dane = "yes".equals(decoded("dane"));
            List<String> tlsa = list(decoded("tlsa"));
            long notAfter = number("not-after", true);
            long notBefore = number("not-before", true);
            List<String> dnsNames = list(decoded("dns-names"));
            String commonName = decoded("common-name");
            if (errors.size() > errorsBefore) {
                return null;
            }
            boolean success = "smtp:ehlo".equals(name);
            if (!success && !"msg:host:defer".equals(name)) {
                errors.add(new FieldError(path + ".event", "must be smtp:ehlo or msg:host:defer"));
                return null;
            }
            String resultType = null;
            if (!success) {
                resultType = resultType(errno, time, notAfter, notBefore, host, dnsNames, commonName, data, dane);
                if (resultType == null) {
                    errors.add(new FieldError(path + ".errno", "must be " + ERRNO_TLS_FAILURE + " (TLS failed) or "
                            + ERRNO_TLS_REQUIRED + " (TLS required, not offered) for msg:host:defer"));
                    return null;
                }
            }
            ObjectNode result = MtaEvents.MAPPER.createObjectNode();
            result.put("time", Instant.ofEpochSecond(time).toString());
            result.put("recipient-domain", domain);
            ObjectNode policy = result.putObject("policy");
            if (dane) {
                policy.put("policy-type", "tlsa").put("policy-domain", host);
                ArrayNode strings = policy.putArray("policy-string");
                tlsa.forEach(strings::add);
            } else {
                policy.put("policy-type", "no-policy-found").put("policy-domain", domain);
            }
            result.put("successful-sessions", success ? 1 : 0);
            result.put("failed-sessions", success ? 0 : 1);
            if (!success) {
                ObjectNode detail = result.putArray("failure-details").addObject();
                detail.put("result-type", resultType);
                putIfPresent(detail, "sending-mta-ip", sendingIp);
                if (!IpLiterals.isIpLiteral(host)) {
                    putIfPresent(detail, "receiving-mx-hostname", host);
                }
                putIfPresent(detail, "receiving-ip", ip);
                putIfPresent(detail, "failure-reason-code", reason(data));
                detail.put("failed-session-count", 1);
            }
            return result;
        }

        private String text(String field) {
            JsonNode value = event.get(field);
            if (value == null || !value.isTextual()) {
                errors.add(new FieldError(path + "." + field, "required: a string"));
                return "";
            }
            return value.textValue();
        }

        /** An integer field; Exim writes an empty string where it has no value (no certificate, say). */
        private long number(String field, boolean mayBeEmpty) {
            JsonNode value = event.get(field);
            if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
                return value.longValue();
            }
            if (value != null && value.isTextual()) {
                String text = value.textValue();
                if (text.isEmpty() && mayBeEmpty) {
                    return Long.MIN_VALUE;
                }
                if (text.matches("-?[0-9]{1,18}")) {
                    return Long.parseLong(text);
                }
            }
            errors.add(new FieldError(path + "." + field, "required: an integer"));
            return Long.MIN_VALUE;
        }

        private String decoded(String field) {
            String encoded = text(field);
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)))
                        .toString();
            } catch (IllegalArgumentException | CharacterCodingException e) {
                errors.add(new FieldError(path + "." + field, "must be base64 of UTF-8 text"));
                return "";
            }
        }
    }

    /**
     * RFC 8460 section 4.3's result type of a failed session, or null when the errno is not a TLS failure.
     * The certificate's dates and names decide; Exim with GnuTLS gives no reason of its own for a chain that
     * verified but names that did not match, so for an MX host given as an IP address (whose certificate
     * names Exim does not show) the bare "certificate verification failed" says it.
     */
    static String resultType(long errno, long time, long notAfter, long notBefore, String host,
                             List<String> dnsNames, String commonName, String data, boolean dane) {
        if (errno == ERRNO_TLS_REQUIRED) {
            return "starttls-not-supported";
        }
        if (errno != ERRNO_TLS_FAILURE) {
            return null;
        }
        if (notAfter != Long.MIN_VALUE && notAfter < time) {
            return "certificate-expired";
        }
        if (dane || (notBefore != Long.MIN_VALUE && notBefore > time)) {
            return "validation-failure";
        }
        boolean hostIsName = !host.isEmpty() && !IpLiterals.isIpLiteral(host);
        List<String> names = dnsNames.isEmpty() && !commonName.isEmpty() ? List.of(commonName) : dnsNames;
        if (hostIsName && !names.isEmpty() && names.stream().noneMatch(name -> matches(name, host))) {
            return "certificate-host-mismatch";
        }
        if (!hostIsName && data.endsWith(NAME_MISMATCH_SUFFIX)) {
            return "certificate-host-mismatch";
        }
        return "certificate-not-trusted";
    }

    /** RFC 6125 section 6.4: a name matches itself, ignoring case; {@code *.} matches one left-most label. */
    static boolean matches(String certificateName, String host) {
        String name = certificateName.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(name.substring(1));
        }
        return name.equals(h);
    }

    private static List<String> list(String joined) {
        List<String> items = new ArrayList<>();
        for (String item : joined.split(";")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    /** Exim's reason, as a failure-reason-code: one line, bounded, so that the field rules accept it. */
    private static String reason(String data) {
        String oneLine = data.replaceAll("\\p{Cntrl}+", " ").strip();
        return oneLine.length() <= MAX_REASON_LENGTH ? oneLine : oneLine.substring(0, MAX_REASON_LENGTH);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
