package dev.tlsrpt.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reading a cancelled chunk's reasons, one per action in the order sent: marker, days, updates. */
class ChunkCancellationTest {
    private static final LocalDate DAY_1 = LocalDate.parse("2026-11-27");
    private static final LocalDate DAY_2 = LocalDate.parse("2026-11-28");
    private static final CancellationReason NONE = CancellationReason.builder().code("None").build();
    private static final CancellationReason FAILED = CancellationReason.builder().code("ConditionalCheckFailed").build();

    private static TransactionCanceledException cancelled(CancellationReason... reasons) {
        return TransactionCanceledException.builder().message("Transaction cancelled").cancellationReasons(reasons).build();
    }

    @Test
    void of_shouldTellAnExistingMarkerWithTheCopyItCameWith() {
        CancellationReason marker = CancellationReason.builder().code("ConditionalCheckFailed")
                .item(Map.of("body", AttributeValue.fromS("hash"))).build();

        ChunkCancellation why = ChunkCancellation.of(cancelled(marker, NONE, NONE, NONE), List.of(DAY_1, DAY_2));

        assertThat(why.marker()).isSameAs(marker);
        assertThat(why.closedDays()).isEmpty();
        assertThat(why.withoutReasons()).isFalse();
    }

    @Test
    void of_shouldNameTheDaysWhoseConditionFailed() {
        ChunkCancellation why = ChunkCancellation.of(cancelled(NONE, NONE, FAILED, NONE), List.of(DAY_1, DAY_2));

        assertThat(why.marker()).isNull();
        assertThat(why.closedDays()).containsExactly(DAY_2);
    }

    @Test
    void of_shouldTakeAFailedUpdateForNeitherMarkerNorDay() {
        // The detail cap's condition on a counter, the first update after the day's condition.
        ChunkCancellation why = ChunkCancellation.of(cancelled(NONE, NONE, FAILED), List.of(DAY_1));

        assertThat(why.marker()).isNull();
        assertThat(why.closedDays()).isEmpty();
        assertThat(why.withoutReasons()).isFalse();
    }

    @Test
    void of_shouldSaySoWhenTheCancellationCameWithoutReasons() {
        ChunkCancellation why = ChunkCancellation.of(
                TransactionCanceledException.builder().message("Transaction cancelled").build(), List.of(DAY_1));

        assertThat(why.marker()).isNull();
        assertThat(why.closedDays()).isEmpty();
        assertThat(why.withoutReasons()).isTrue();
    }
}
