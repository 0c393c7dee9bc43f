package dev.tlsrpt.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.store.ResultStore.ApplyOutcome;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Many writers at once, and the reporting run closing the day among them, against the emulator that
 * answers one request at a time (stock moto loses concurrent writes when it rolls back a transaction).
 */
class ConcurrentWritersIT {
    private static final String TABLE = "tlsrpt-results-concurrent";
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T00:10:00Z"), ZoneOffset.UTC);
    private static final Policy POLICY = new Policy(PolicyType.STS, List.of("version: STSv1"), "example.com", List.of());

    private DynamoDbClient dynamo;
    private ExecutorService writers;

    @BeforeEach
    void emptyEmulator() {
        dynamo = Emulated.serialisedDynamoDb();
        LocalTables.createResultsTable(dynamo, TABLE);
        writers = Executors.newFixedThreadPool(50);
    }

    @AfterEach
    void stopWriters() {
        if (writers != null) { // null when the emulator was not there (the test was skipped)
            writers.shutdownNow();
        }
    }

    /** Each container has its own store object, as each Lambda container does. */
    private DynamoDbResultStore container() {
        return new DynamoDbResultStore(dynamo, TABLE, 16, CLOCK);
    }

    private static List<CounterDelta> batch(int recipients, int sessions) {
        List<TlsResult> results = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            results.add(new TlsResult(DAY, "r" + i + ".example", POLICY, sessions, 0, List.of(), false));
        }
        return BatchAggregator.aggregate(results);
    }

    private long storedSessions(DynamoDbResultStore store) {
        long sessions = 0;
        for (DestinationKey destination : store.destinations(DAY)) {
            for (TlsResult result : store.results(destination)) {
                sessions += result.successCount();
            }
        }
        return sessions;
    }

    @Test
    void apply_shouldCountABatchOnceWhen50WritersApplyItAtOnce() throws Exception {
        // GIVEN one batch of 120 counters (two transactions), sent by 50 writers at the same moment
        List<CounterDelta> deltas = batch(120, 3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApplyOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            DynamoDbResultStore store = container();
            outcomes.add(writers.submit(() -> {
                start.await();
                return store.apply("same-batch", "same-hash", deltas);
            }));
        }
        start.countDown();

        // THEN every session is stored exactly once, and exactly the counters were written in all
        int written = 0;
        for (Future<ApplyOutcome> outcome : outcomes) {
            written += outcome.get().itemsWritten();
        }
        assertThat(written).isEqualTo(120);
        assertThat(storedSessions(container())).isEqualTo(120 * 3);
    }

    @Test
    void closeDay_shouldLeaveEveryResultEitherInThePlannersReadOrAnsweredLate() throws Exception {
        // GIVEN 8 writers sending many small batches for a day, and the reporting run closing it meanwhile
        AtomicLong acceptedSessions = new AtomicLong();
        AtomicLong lateSessions = new AtomicLong();
        CountDownLatch halfway = new CountDownLatch(8 * 20);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            DynamoDbResultStore store = container();
            running.add(writers.submit(() -> {
                for (int b = 0; b < 60; b++) {
                    List<CounterDelta> deltas = batch(3, 1);
                    ApplyOutcome outcome = store.apply("w" + writer + "-b" + b, "h", deltas);
                    if (outcome.closedDays().contains(DAY)) {
                        lateSessions.addAndGet(3);
                    } else {
                        acceptedSessions.addAndGet(outcome.itemsWritten());
                    }
                    halfway.countDown();
                }
                return null;
            }));
        }
        halfway.await();
        DynamoDbResultStore planner = container();
        planner.closeDay(DAY);
        long plannersRead = storedSessions(planner);
        for (Future<?> writer : running) {
            writer.get();
        }

        // THEN what the planner read right after closing is exactly what was accepted: nothing accepted
        // was left out, nothing stored after the close, and every batch was either accepted or late
        assertThat(lateSessions.get()).isPositive();
        assertThat(plannersRead).isEqualTo(acceptedSessions.get());
        assertThat(storedSessions(planner)).isEqualTo(plannersRead);
        assertThat(acceptedSessions.get() + lateSessions.get()).isEqualTo(8 * 60 * 3);
    }
}
