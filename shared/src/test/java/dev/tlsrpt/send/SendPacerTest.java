package dev.tlsrpt.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendPacerTest {

    /** Time that moves only when the pacer sleeps. */
    private static final class FakeTicker implements SendPacer.Ticker {
        long now;
        final List<Long> sends = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    @Test
    void acquire_shouldSpaceSendsByTheWorkersShareOfTheSendRate() {
        // GIVEN an SES send rate of 14/s shared by 2 workers: 7/s each
        FakeTicker ticker = new FakeTicker();
        SendPacer pacer = new SendPacer(14, 2, ticker);

        // WHEN 8 sends are paced
        for (int i = 0; i < 8; i++) {
            pacer.acquire();
            ticker.sends.add(ticker.now);
        }

        // THEN they are 1/7 s apart, i.e. 7 sends in the first second and no burst
        long interval = Duration.ofSeconds(1).toNanos() / 7 + 1;
        assertThat(pacer.interval().toNanos()).isEqualTo(interval);
        for (int i = 1; i < ticker.sends.size(); i++) {
            assertThat(ticker.sends.get(i) - ticker.sends.get(i - 1)).isEqualTo(interval);
        }
        assertThat(ticker.sends.stream().filter(t -> t < Duration.ofSeconds(1).toNanos())).hasSize(7);
    }

    @Test
    void acquire_shouldNotSaveUpSlotsWhileIdle() {
        FakeTicker ticker = new FakeTicker();
        SendPacer pacer = new SendPacer(1, 1, ticker);
        pacer.acquire();

        ticker.now += Duration.ofMinutes(10).toNanos();
        pacer.acquire();
        long afterIdle = ticker.now;
        pacer.acquire();

        assertThat(ticker.now - afterIdle).isEqualTo(Duration.ofSeconds(1).toNanos());
    }
}
