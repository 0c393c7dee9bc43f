package dev.tlsrpt.store.dynamodb;

import dev.tlsrpt.store.StorageLimits;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.store.StorageKeys;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The detail-cap rule as a pure step: the exact request each case produces, without storage. */
class CounterUpdateTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Policy POLICY = new Policy(PolicyType.STS, List.of("version: STSv1"), "example.com", List.of());
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("DAY#2026-11-28#3"),
            "sk", AttributeValue.fromS("R#example.com#x"));

    private static FailureDetail detail(int i) {
        return FailureDetail.builder(ResultType.CERTIFICATE_EXPIRED).sendingMtaIp("192.0.2." + i)
                .receivingMxHostname("mx.example.com").failedSessionCount(1).failureReasonCode("r" + i).build();
    }

    @Test
    void of_shouldAddCountsWithoutConditionWhenThereAreNoDetails() {
        CounterDelta delta = new CounterDelta(DAY, "example.com", POLICY, 7, 0, 0, Map.of());

        CounterUpdate update = CounterUpdate.of(delta, KEY, null, 1_800_000_000L);

        assertThat(update.updateExpression()).isEqualTo(
                "SET #policy = if_not_exists(#policy, :policy), #rd = :rd, #exp = :exp ADD #ok :ok, #fail :fail, #trig :trig");
        assertThat(update.conditionExpression()).isNull();
        assertThat(update.values()).containsEntry(":ok", AttributeValue.fromN("7"))
                .containsEntry(":exp", AttributeValue.fromN("1800000000"))
                .containsEntry(":policy", AttributeValue.fromS(StorageKeys.canonicalJson(POLICY)));
        assertThat(update.folded()).isZero();
    }

    @Test
    void of_shouldAdmitANewDetailOnlyWhileTheCounterHasRoom() {
        CounterDelta delta = new CounterDelta(DAY, "example.com", POLICY, 0, 1, 1, Map.of(detail(1), 1L));
        String id = StorageKeys.detailId(detail(1));

        CounterUpdate update = CounterUpdate.of(delta, KEY, null, 1L);

        assertThat(update.updateExpression()).isEqualTo("SET #policy = if_not_exists(#policy, :policy), #rd = :rd, "
                + "#exp = :exp, #d0 = :d0 ADD #ok :ok, #fail :fail, #trig :trig, #n0 :n0, #dk :dk");
        assertThat(update.conditionExpression()).isEqualTo("attribute_not_exists(#dk) OR size(#dk) <= :room");
        assertThat(update.names()).containsEntry("#d0", "d_" + id).containsEntry("#n0", "n_" + id).containsEntry("#dk", "dk");
        assertThat(update.values()).containsEntry(":room", AttributeValue.fromN(String.valueOf(StorageLimits.MAX_DISTINCT_DETAILS - 1)))
                .containsEntry(":dk", AttributeValue.fromSs(List.of(id)));
    }

    @Test
    void of_shouldFoldNewDetailsBeyondTheCapIntoOneCountPerResultType() {
        // GIVEN a counter read with the cap full, and a delta with one kept detail and two new ones
        Set<String> known = new HashSet<>();
        for (int i = 100; i < 100 + StorageLimits.MAX_DISTINCT_DETAILS - 1; i++) {
            known.add(StorageKeys.detailId(detail(i)));
        }
        known.add(StorageKeys.detailId(detail(1)));
        Map<FailureDetail, Long> details = new HashMap<>(Map.of(detail(1), 2L, detail(2), 3L, detail(3), 4L));
        CounterDelta delta = new CounterDelta(DAY, "example.com", POLICY, 0, 9, 1, details);

        CounterUpdate update = CounterUpdate.of(delta, KEY, known, 1L);

        // THEN the request is exactly: the kept one counted on, the new ones folded into one count of their
        // type, and a condition that the counter has not grown beyond the cap since it was read
        String id = StorageKeys.detailId(detail(1));
        assertThat(update.folded()).isEqualTo(2);
        assertThat(update.key()).isEqualTo(KEY);
        assertThat(update.updateExpression()).isEqualTo("SET #policy = if_not_exists(#policy, :policy), #rd = :rd, "
                + "#exp = :exp, #d0 = :d0 ADD #ok :ok, #fail :fail, #trig :trig, #n0 :n0, #dk :dk, #x2 :x2");
        assertThat(update.conditionExpression()).isEqualTo("attribute_not_exists(#dk) OR size(#dk) <= :room");
        assertThat(update.names()).isEqualTo(Map.of(
                "#policy", "policy", "#rd", "rd", "#exp", "expires", "#ok", "ok", "#fail", "fail", "#trig", "trig",
                "#d0", "d_" + id, "#n0", "n_" + id, "#dk", "dk", "#x2", "x_CERTIFICATE_EXPIRED"));
        assertThat(update.values()).isEqualTo(Map.ofEntries(
                Map.entry(":policy", AttributeValue.fromS(StorageKeys.canonicalJson(POLICY))),
                Map.entry(":rd", AttributeValue.fromS("example.com")),
                Map.entry(":exp", AttributeValue.fromN("1")),
                Map.entry(":ok", AttributeValue.fromN("0")),
                Map.entry(":fail", AttributeValue.fromN("9")),
                Map.entry(":trig", AttributeValue.fromN("1")),
                Map.entry(":d0", AttributeValue.fromS("[\"certificate-expired\",\"192.0.2.1\",\"mx.example.com\",null,null,null,\"r1\"]")),
                Map.entry(":n0", AttributeValue.fromN("2")),
                Map.entry(":dk", AttributeValue.fromSs(List.of(id))),
                Map.entry(":room", AttributeValue.fromN(String.valueOf(StorageLimits.MAX_DISTINCT_DETAILS))),
                Map.entry(":x2", AttributeValue.fromN("7"))));
    }

    @Test
    void of_shouldFoldEveryNewDetailAndSetNoConditionWhenNoneIsKept() {
        // GIVEN a full counter and a delta with only new details
        Set<String> known = new HashSet<>();
        for (int i = 100; i < 100 + StorageLimits.MAX_DISTINCT_DETAILS; i++) {
            known.add(StorageKeys.detailId(detail(i)));
        }
        CounterDelta delta = new CounterDelta(DAY, "example.com", POLICY, 0, 5, 0, Map.of(detail(1), 2L, detail(2), 3L));

        CounterUpdate update = CounterUpdate.of(delta, KEY, known, 1L);

        // THEN nothing touches the detail set, so the counter cannot grow and needs no condition
        assertThat(update.updateExpression()).isEqualTo("SET #policy = if_not_exists(#policy, :policy), #rd = :rd, "
                + "#exp = :exp ADD #ok :ok, #fail :fail, #trig :trig, #x2 :x2");
        assertThat(update.conditionExpression()).isNull();
        assertThat(update.names()).doesNotContainKey("#dk").containsEntry("#x2", "x_CERTIFICATE_EXPIRED");
        assertThat(update.values()).doesNotContainKeys(":dk", ":room").containsEntry(":x2", AttributeValue.fromN("5"));
        assertThat(update.folded()).isEqualTo(2);
    }
}
