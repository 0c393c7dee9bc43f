package dev.tlsrpt.bench.day;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.ingest.LibtlsrptCodes;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The synthetic day of {@link SyntheticDayInput} as libtlsrpt datagrams, for a collector that takes them
 * (sys4's tlsrpt-collectd in scripts/bench-vs-sys4): the same results, one datagram per TLS session, as
 * Postfix sends one per delivery attempt. Each datagram carries the recipient domain's TLSRPT record from
 * the same zone file our side resolves ({@code pr}: the MTA looked it up), and the shape of
 * {@code conformance/ingest-datagrams/libtlsrpt-*.jsonl}: numeric {@code policy-type} and failure code
 * {@code c}, short detail keys, {@code t} the number of details, {@code f} whether the session failed.
 *
 * <p>{@code main} writes them one per line: {@code --destinations N --results-per-destination N --seed N
 * --day YYYY-MM-DD --out FILE}.
 */
public final class SyntheticDayDatagrams {
    /** The https reporting addresses in the datagrams' records; the peer's upload goes to a sink. */
    static final String HTTPS_HOST = "reports.example.com";
    static final int HTTPS_PORT = 443;
    private static final Pattern ZONE_LINE = Pattern.compile("^_smtp\\._tls\\.(\\S+)\\. IN TXT \"(.*)\"$");
    /** libtlsrpt's short keys for the failure-detail fields, in the order it writes them. */
    private static final String[][] DETAIL_KEYS = {
            {"sending-mta-ip", "s"}, {"receiving-mx-hostname", "n"}, {"receiving-mx-helo", "h"},
            {"receiving-ip", "r"}, {"additional-information", "a"}, {"failure-reason-code", "f"}};

    private SyntheticDayDatagrams() {
    }

    public static void main(String[] args) throws IOException {
        int destinations = 1_000;
        int resultsPerDestination = 10;
        long seed = 1;
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--destinations" -> destinations = Integer.parseInt(args[++i]);
                case "--results-per-destination" -> resultsPerDestination = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--day" -> day = LocalDate.parse(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is needed");
        }
        List<String> datagrams = datagrams(destinations, resultsPerDestination, day, seed);
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String datagram : datagrams) {
                writer.write(datagram);
                writer.write('\n');
            }
        }
        System.out.printf("%,d datagrams for %,d destinations written to %s%n", datagrams.size(), destinations, out);
    }

    /** The day's datagrams, in the order of the day's requests (each destination's together). */
    public static List<String> datagrams(int destinations, int resultsPerDestination, LocalDate day, long seed) {
        Map<String, String> records = records(SyntheticDayInput.zone(destinations, HTTPS_HOST, HTTPS_PORT));
        List<String> datagrams = new ArrayList<>();
        for (byte[] request : SyntheticDayInput.requests(destinations, resultsPerDestination, day, seed)) {
            for (JsonNode result : read(request).get("results")) {
                String domain = result.get("recipient-domain").asText();
                String record = records.get(domain);
                if (record == null) {
                    throw new IllegalStateException("no TLSRPT record for " + domain + " in the synthetic zone");
                }
                addSessions(result, domain, record, datagrams);
            }
        }
        return datagrams;
    }

    /** One datagram per session of {@code result}: its failed sessions take its failure details in turn. */
    private static void addSessions(JsonNode result, String domain, String record, List<String> datagrams) {
        List<JsonNode> details = new ArrayList<>();
        for (JsonNode detail : result.path("failure-details")) {
            for (long n = 0; n < detail.get("failed-session-count").asLong(); n++) {
                details.add(detail);
            }
        }
        long failed = result.get("failed-sessions").asLong();
        if (details.size() > failed) {
            // libtlsrpt reports at most one detail per failed session here; more would need another shape.
            throw new IllegalStateException("more failure details than failed sessions for " + domain);
        }
        for (long s = 0; s < result.get("successful-sessions").asLong(); s++) {
            datagrams.add(datagram(domain, record, result.get("policy"), false, null));
        }
        for (int f = 0; f < failed; f++) {
            datagrams.add(datagram(domain, record, result.get("policy"), true, f < details.size() ? details.get(f) : null));
        }
    }

    /** One session's datagram: {@code detail} is its one failure detail, or null. */
    private static String datagram(String domain, String record, JsonNode policy, boolean failed, JsonNode detail) {
        ObjectNode datagram = Json.MAPPER.createObjectNode();
        datagram.put("dpv", "1");
        datagram.put("d", domain);
        datagram.put("pr", record);
        ObjectNode p = datagram.putArray("policies").addObject();
        p.put("policy-type", LibtlsrptCodes.policyTypeCode(PolicyType.fromWireName(policy.get("policy-type").asText())));
        p.set("policy-domain", policy.get("policy-domain"));
        if (policy.has("policy-string")) {
            p.set("policy-string", policy.get("policy-string"));
        }
        if (policy.has("mx-host")) {
            p.set("mx-host", policy.get("mx-host"));
        }
        if (detail != null) {
            ObjectNode d = p.putArray("failure-details").addObject();
            d.put("c", LibtlsrptCodes.resultTypeCode(ResultType.fromWireName(detail.get("result-type").asText())));
            for (String[] key : DETAIL_KEYS) {
                if (detail.has(key[0])) {
                    d.set(key[1], detail.get(key[0]));
                }
            }
        }
        p.put("t", detail != null ? 1 : 0);
        p.put("f", failed ? 1 : 0);
        return write(datagram);
    }

    /** Recipient domain to TLSRPT record text, read back from the zone file our side resolves. */
    static Map<String, String> records(String zone) {
        Map<String, String> records = new HashMap<>();
        for (String line : zone.split("\n")) {
            Matcher m = ZONE_LINE.matcher(line);
            if (m.matches()) {
                records.put(m.group(1), m.group(2));
            }
        }
        return records;
    }

    private static JsonNode read(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
