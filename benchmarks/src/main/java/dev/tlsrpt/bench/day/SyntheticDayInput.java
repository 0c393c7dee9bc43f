package dev.tlsrpt.bench.day;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.testing.SyntheticBatches;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic day's input: request bodies from the seeded generator the tests use, and a zone file that
 * gives every destination a TLSRPT record.
 *
 * <p>The generator spreads {@code results} over {@code destinations} recipient domains round-robin, three
 * percent of results failing; {@code resultsPerDestination} therefore sets the share of destinations with
 * a failure (about {@code 1 - 0.97^n}: 26% for 10), and only those get a report. One generated body is cut
 * into requests of at most {@link #RESULTS_PER_REQUEST} results.
 */
public final class SyntheticDayInput {
    /** Well below the ingest API's limit per request; each request is one batch in storage. */
    public static final int RESULTS_PER_REQUEST = 5_000;
    /** Every {@value}th recipient domain reports over https (to the local receiver), the others by mail. */
    static final int HTTPS_EVERY = 10;

    private SyntheticDayInput() {
    }

    /** The day's request bodies, each a complete {@code {"results": [...]}} document. */
    public static List<byte[]> requests(int destinations, int resultsPerDestination, LocalDate day, long seed) {
        JsonNode all = read(SyntheticBatches.realistic(destinations * resultsPerDestination, destinations, day, seed));
        List<byte[]> requests = new ArrayList<>();
        ArrayNode results = (ArrayNode) all.get("results");
        // The generator deals results out round-robin (result i is destination i % n); a request here holds
        // every result of its destinations, as an MTA that reports each destination's day at once would.
        List<JsonNode> byDestination = new ArrayList<>(results.size());
        for (int d = 0; d < destinations; d++) {
            for (int i = d; i < results.size(); i += destinations) {
                byDestination.add(results.get(i));
            }
        }
        for (int start = 0; start < byDestination.size(); start += RESULTS_PER_REQUEST) {
            ObjectNode request = Json.MAPPER.createObjectNode();
            request.putArray("results").addAll(byDestination.subList(start, Math.min(byDestination.size(), start + RESULTS_PER_REQUEST)));
            requests.add(write(request));
        }
        return requests;
    }

    /**
     * TLSRPT records for {@code domain0.example} to {@code domain<n-1>.example} and the generator's DANE MX
     * hosts: mostly one mailto address, every {@value #HTTPS_EVERY}th domain an https URI on {@code httpsHost}.
     */
    public static String zone(int destinations, String httpsHost, int httpsPort) {
        StringBuilder zone = new StringBuilder(destinations * 80).append("$TTL 300\n");
        for (int d = 0; d < destinations; d++) {
            String domain = "domain" + d + ".example";
            String rua = d % HTTPS_EVERY == 0
                    ? "https://" + httpsHost + ":" + httpsPort + "/v1/tlsrpt/" + domain
                    : "mailto:tlsrpt@" + domain;
            record(zone, domain, rua);
        }
        for (int h = 0; h < 3; h++) {
            String mxHost = "mx.hosting" + h + ".example";
            record(zone, mxHost, "mailto:dane-reports@hosting" + h + ".example");
        }
        return zone.toString();
    }

    private static void record(StringBuilder zone, String domain, String rua) {
        zone.append("_smtp._tls.").append(domain).append(". IN TXT \"v=TLSRPTv1; rua=").append(rua).append("\"\n");
    }

    private static JsonNode read(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
