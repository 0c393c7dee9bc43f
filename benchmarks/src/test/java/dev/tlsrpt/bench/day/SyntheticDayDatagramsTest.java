package dev.tlsrpt.bench.day;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.LibtlsrptDatagrams;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.testing.Fixtures;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticDayDatagramsTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    /** Datagrams carry no time: libtlsrpt's results belong to the day they arrive on. */
    private static final Instant DATAGRAMS_RECEIVED = Instant.parse("2026-11-28T23:59:59Z");
    /** The requests carry each result's time, all on the day; they arrive just after it. */
    private static final Instant REQUESTS_RECEIVED = Instant.parse("2026-11-29T00:05:00Z");
    private static final int DESTINATIONS = 40;
    private static final int PER_DESTINATION = 10;

    @Test
    void datagrams_shouldCarryTheSameResultsAsTheDaysRequests() throws Exception {
        // GIVEN the synthetic day's requests, as our ingest reads them
        List<TlsResult> fromRequests = new ArrayList<>();
        for (byte[] request : SyntheticDayInput.requests(DESTINATIONS, PER_DESTINATION, DAY, 7)) {
            fromRequests.addAll(ResultsRequestParser.parse(request, REQUESTS_RECEIVED).results());
        }

        // WHEN the same day is written as datagrams and read back by our own libtlsrpt reader
        List<String> datagrams = SyntheticDayDatagrams.datagrams(DESTINATIONS, PER_DESTINATION, DAY, 7);
        List<TlsResult> fromDatagrams = LibtlsrptDatagrams.toResults(
                String.join("\n", datagrams).getBytes(StandardCharsets.UTF_8), DATAGRAMS_RECEIVED);

        // THEN both aggregate to the same counters, failures included, one datagram per session
        List<CounterDelta> expected = BatchAggregator.aggregate(fromRequests);
        assertThat(BatchAggregator.aggregate(fromDatagrams).stream().map(SyntheticDayDatagramsTest::triggers))
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(SyntheticDayDatagramsTest::triggers).toList());
        assertThat(expected).anySatisfy(delta -> assertThat(delta.failureCount()).isPositive());
        long sessions = expected.stream().mapToLong(d -> d.successCount() + d.failureCount()).sum();
        assertThat(datagrams).hasSize((int) sessions);
    }

    @Test
    void datagrams_shouldHaveTheShapeOfLibtlsrptsOwn() throws Exception {
        // GIVEN the keys a compiled libtlsrpt writes (the conformance corpus), at each level
        Set<String> top = new HashSet<>();
        Set<String> policy = new HashSet<>();
        Set<String> detail = new HashSet<>();
        for (String line : Fixtures.libtlsrptDatagrams()) {
            collectKeys(Json.MAPPER.readTree(line), top, policy, detail);
        }

        // WHEN
        Set<String> ourTop = new HashSet<>();
        Set<String> ourPolicy = new HashSet<>();
        Set<String> ourDetail = new HashSet<>();
        for (String line : SyntheticDayDatagrams.datagrams(DESTINATIONS, PER_DESTINATION, DAY, 7)) {
            JsonNode datagram = Json.MAPPER.readTree(line);
            collectKeys(datagram, ourTop, ourPolicy, ourDetail);
            // numbers where libtlsrpt writes numbers, and one policy per session
            JsonNode p = datagram.get("policies").get(0);
            assertThat(datagram.get("policies")).hasSize(1);
            assertThat(p.get("policy-type").isInt()).isTrue();
            assertThat(p.get("t").asInt()).isEqualTo(p.path("failure-details").size());
            assertThat(p.get("f").asInt()).isIn(0, 1);
            p.path("failure-details").forEach(d -> assertThat(d.get("c").isInt()).isTrue());
        }

        // THEN ours use no key libtlsrpt does not write
        assertThat(top).containsAll(ourTop);
        assertThat(policy).containsAll(ourPolicy);
        assertThat(detail).containsAll(ourDetail);
        assertThat(ourDetail).contains("c", "s", "n", "r");
    }

    @Test
    void datagrams_shouldCarryTheRecordOurZoneGivesTheDomain() throws Exception {
        // GIVEN the zone our side resolves
        Map<String, String> zone = SyntheticDayDatagrams.records(SyntheticDayInput.zone(DESTINATIONS,
                SyntheticDayDatagrams.HTTPS_HOST, SyntheticDayDatagrams.HTTPS_PORT));

        // WHEN / THEN every datagram's pr is its domain's record, https ones included
        Set<String> schemes = new HashSet<>();
        for (String line : SyntheticDayDatagrams.datagrams(DESTINATIONS, PER_DESTINATION, DAY, 7)) {
            JsonNode datagram = Json.MAPPER.readTree(line);
            String record = datagram.get("pr").asText();
            assertThat(record).isEqualTo(zone.get(datagram.get("d").asText()));
            schemes.add(record.substring(record.indexOf("rua=") + 4, record.indexOf(':', record.indexOf("rua="))));
        }
        assertThat(schemes).containsExactlyInAnyOrder("mailto", "https");
    }

    /** The trigger count counts results (a datagram is one): compare only whether the counter triggers. */
    private static CounterDelta triggers(CounterDelta d) {
        return new CounterDelta(d.day(), d.recipientDomain(), d.policy(), d.successCount(), d.failureCount(),
                Long.signum(d.triggerCount()), d.details());
    }

    private static void collectKeys(JsonNode datagram, Set<String> top, Set<String> policy, Set<String> detail) {
        datagram.fieldNames().forEachRemaining(top::add);
        for (JsonNode p : datagram.get("policies")) {
            p.fieldNames().forEachRemaining(policy::add);
            for (JsonNode d : p.path("failure-details")) {
                d.fieldNames().forEachRemaining(detail::add);
            }
        }
    }
}
