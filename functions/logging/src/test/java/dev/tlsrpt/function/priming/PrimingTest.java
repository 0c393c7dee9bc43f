package dev.tlsrpt.function.priming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.testing.CapturedOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hooks SnapStart runs before its snapshot (docs/design.md 8), run here as the cold-start benchmark runs them. */
class PrimingTest {

    @Test
    void beforeSnapshot_shouldRunEveryRegisteredPrime_evenAfterOneFails_andWriteNothing() throws Exception {
        // GIVEN a prime that fails and one that records that it ran
        List<String> ran = new ArrayList<>();
        Priming.beforeSnapshot(() -> {
            ran.add("failing");
            throw new IllegalStateException("the store is not there yet");
        });
        Priming.beforeSnapshot(() -> ran.add("second"));

        // WHEN Lambda would take the snapshot
        CapturedOutput output = CapturedOutput.during(Priming::beforeSnapshot);

        // THEN both ran, the failure stayed inside, and nothing was logged (the log layout's prime renders in memory)
        assertThat(ran).containsExactly("failing", "second");
        assertThat(output.text()).isEmpty();
    }
}
