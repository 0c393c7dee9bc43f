package dev.tlsrpt.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.store.DetailCap.KeptDetail;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.ResultType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The detail cap as a pure rule: which details a counter keeps, which it folds, without storage. */
class DetailCapTest {

    private static FailureDetail detail(ResultType type, int i) {
        return FailureDetail.builder(type).sendingMtaIp("192.0.2." + i).failedSessionCount(1)
                .failureReasonCode("reason " + i).build();
    }

    private static Set<String> idsOf(int from, int to) {
        Set<String> ids = new HashSet<>();
        IntStream.range(from, to).forEach(i -> ids.add(StorageKeys.detailId(detail(ResultType.VALIDATION_FAILURE, i))));
        return ids;
    }

    @Test
    void of_shouldKeepEveryDetailWhileTheCounterHasRoom() {
        Map<FailureDetail, Long> details = Map.of(detail(ResultType.DANE_REQUIRED, 1), 3L,
                detail(ResultType.DANE_REQUIRED, 2), 4L);

        DetailCap cap = DetailCap.of(details, null);

        assertThat(cap.kept()).extracting(KeptDetail::sessions).containsExactlyInAnyOrder(3L, 4L);
        assertThat(cap.kept()).extracting(KeptDetail::id).isSorted()
                .containsExactlyInAnyOrder(StorageKeys.detailId(detail(ResultType.DANE_REQUIRED, 1)),
                        StorageKeys.detailId(detail(ResultType.DANE_REQUIRED, 2)));
        assertThat(cap.newlyKept()).isEqualTo(2);
        assertThat(cap.foldedDetails()).isZero();
        assertThat(cap.foldedSessions()).isEmpty();
        assertThat(cap.mostHeldBefore()).isEqualTo(StorageLimits.MAX_DISTINCT_DETAILS - 2);
    }

    @Test
    void of_shouldKeepNewDetailsUpToTheCapInTheOrderOfTheirIdsAndFoldTheRestPerResultType() {
        // GIVEN a counter holding all but three of its details, and five new ones of two result types
        Set<String> known = idsOf(0, StorageLimits.MAX_DISTINCT_DETAILS - 3);
        Map<FailureDetail, Long> details = new HashMap<>();
        for (int i = 500; i < 503; i++) {
            details.put(detail(ResultType.TLSA_INVALID, i), 10L);
        }
        details.put(detail(ResultType.DNSSEC_INVALID, 503), 7L);
        details.put(detail(ResultType.DNSSEC_INVALID, 504), 8L);

        DetailCap cap = DetailCap.of(details, known);

        // THEN the three smallest ids are kept, the other two folded into their types' counts
        List<String> sortedIds = details.keySet().stream().map(StorageKeys::detailId).sorted().toList();
        assertThat(cap.kept()).extracting(KeptDetail::id).containsExactlyElementsOf(sortedIds.subList(0, 3));
        assertThat(cap.newlyKept()).isEqualTo(3);
        assertThat(cap.foldedDetails()).isEqualTo(2);
        Map<ResultType, Long> expectedFolded = new HashMap<>();
        details.forEach((detail, sessions) -> {
            if (sortedIds.indexOf(StorageKeys.detailId(detail)) >= 3) {
                expectedFolded.merge(detail.resultType(), sessions, Long::sum);
            }
        });
        assertThat(cap.foldedSessions()).isEqualTo(expectedFolded);
        assertThat(cap.foldedSessions().values().stream().mapToLong(Long::longValue).sum()
                + cap.kept().stream().mapToLong(KeptDetail::sessions).sum()).isEqualTo(3 * 10 + 7 + 8);
        assertThat(cap.mostHeldBefore()).isEqualTo(StorageLimits.MAX_DISTINCT_DETAILS - 3);
    }

    @Test
    void of_shouldCountOnADetailTheFullCounterAlreadyKeeps() {
        FailureDetail kept = detail(ResultType.VALIDATION_FAILURE, 5);
        Set<String> known = idsOf(0, StorageLimits.MAX_DISTINCT_DETAILS);
        assertThat(known).contains(StorageKeys.detailId(kept));

        DetailCap cap = DetailCap.of(Map.of(kept, 2L, detail(ResultType.VALIDATION_FAILURE, 900), 6L), known);

        assertThat(cap.kept()).containsExactly(new KeptDetail(StorageKeys.detailId(kept), kept, 2L));
        assertThat(cap.newlyKept()).isZero();
        assertThat(cap.foldedSessions()).isEqualTo(Map.of(ResultType.VALIDATION_FAILURE, 6L));
        assertThat(cap.foldedDetails()).isEqualTo(1);
        assertThat(cap.mostHeldBefore()).isEqualTo(StorageLimits.MAX_DISTINCT_DETAILS);
    }

    @Test
    void foldedSessions_shouldIterateInTheOrderOfTheResultTypes() {
        // The update built from the fold must be the same request on every attempt, in every container.
        Set<String> known = idsOf(0, StorageLimits.MAX_DISTINCT_DETAILS);
        Map<FailureDetail, Long> details = new HashMap<>();
        for (ResultType type : ResultType.values()) {
            details.put(detail(type, 700 + type.ordinal()), 1L);
        }

        DetailCap cap = DetailCap.of(details, known);

        assertThat(cap.foldedSessions().keySet()).containsExactly(ResultType.values());
    }
}
