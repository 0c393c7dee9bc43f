package dev.tlsrpt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {
    private long nanos;

    private WriteBudget budget() {
        return WriteBudget.of(Duration.ofSeconds(20), Duration.ofSeconds(5), () -> nanos);
    }

    @Test
    void beforeCall_shouldLetACallStartWhileItsWorstCaseEndsWithinTheBudget() {
        WriteBudget budget = budget();
        nanos = Duration.ofSeconds(15).toNanos();

        budget.beforeCall("part 3 of the batch"); // 5 s left: exactly one more call
    }

    @Test
    void beforeCall_shouldRefuseACallThatMightEndAfterTheBudgetAsStorageUnavailable() {
        WriteBudget budget = budget();
        nanos = Duration.ofSeconds(15).toNanos() + 1;

        assertThatThrownBy(() -> budget.beforeCall("part 3 of the batch"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("part 3 of the batch");
    }

    @Test
    void unbounded_shouldNeverRefuse() {
        nanos = Long.MAX_VALUE;

        WriteBudget.UNBOUNDED.beforeCall("anything");
        assertThat(WriteBudget.UNBOUNDED).isSameAs(WriteBudget.UNBOUNDED);
    }

    @Test
    void of_shouldRefuseABudgetSmallerThanOneCall() {
        assertThatThrownBy(() -> WriteBudget.of(Duration.ofSeconds(4), Duration.ofSeconds(5), () -> 0L))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
