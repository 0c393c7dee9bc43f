package dev.tlsrpt.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a batch is cut into transactions, without storage: each within DynamoDB's 100 actions. */
class ExactlyOnceWriterTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    private static List<CounterDelta> deltas(int count, int days) {
        List<CounterDelta> deltas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Policy policy = new Policy(PolicyType.STS, List.of("version: STSv1"), "r" + i + ".example", List.of());
            deltas.add(new CounterDelta(DAY.minusDays(i % days), "r" + i + ".example", policy, 1, 0, 0, Map.of()));
        }
        return deltas;
    }

    /** The actions of one chunk's transaction: its marker, one condition per day, its updates. */
    private static int actions(List<CounterDelta> chunk) {
        Set<LocalDate> days = new HashSet<>();
        chunk.forEach(d -> days.add(d.day()));
        return 1 + days.size() + chunk.size();
    }

    @Test
    void chunks_shouldPutUpdatesPerTransactionCountersOfOneDayInEachChunk() {
        List<List<CounterDelta>> chunks = ExactlyOnceWriter.chunks(deltas(250, 1));

        assertThat(chunks).extracting(List::size).containsExactly(
                ExactlyOnceWriter.UPDATES_PER_TRANSACTION, ExactlyOnceWriter.UPDATES_PER_TRANSACTION,
                250 - 2 * ExactlyOnceWriter.UPDATES_PER_TRANSACTION);
        assertThat(chunks).allSatisfy(chunk -> assertThat(actions(chunk)).isLessThanOrEqualTo(ExactlyOnceWriter.ACTIONS_PER_TRANSACTION));
        assertThat(actions(chunks.get(0))).isEqualTo(ExactlyOnceWriter.ACTIONS_PER_TRANSACTION);
    }

    @Test
    void chunks_shouldLeaveRoomForADayConditionPerDayAndKeepTheBatchsOrder() {
        List<CounterDelta> deltas = deltas(300, 5);

        List<List<CounterDelta>> chunks = ExactlyOnceWriter.chunks(deltas);

        // Five days take five conditions: 94 updates fit next to the marker.
        assertThat(chunks.get(0)).hasSize(ExactlyOnceWriter.ACTIONS_PER_TRANSACTION - 1 - 5);
        assertThat(chunks).allSatisfy(chunk -> assertThat(actions(chunk)).isLessThanOrEqualTo(ExactlyOnceWriter.ACTIONS_PER_TRANSACTION));
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(deltas);
    }

    @Test
    void chunks_shouldMakeNoTransactionOfAnEmptyBatch() {
        assertThat(ExactlyOnceWriter.chunks(List.of())).isEmpty();
    }
}
