package dev.tlsrpt.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlanRehearsalTest {
    @BeforeAll
    static void credentialsAndRegion() {
        Rehearsals.credentialsAndRegion();
    }

    @Test
    void eachPlanClosesTheDayReadsItsIndexRecordsTheQuietOnesAndQueuesTheRestWritingNothingOut() {
        Rehearsals.Run<PlanRehearsal.Figures> run = Rehearsals.capturingStdout(
                () -> PlanRehearsal.run(false, Duration.ofHours(6), 2, Duration.ofMinutes(1)));
        PlanRehearsal.Figures figures = run.figures();
        assertThat(figures.plans()).isEqualTo(2);
        // Per plan of the 1,000 destinations: the close and the index Query, 750 quiet ones in 8 ledger
        // transactions and 75 PutEvents of ten; 250 recipient-domain and 20 MX-host jobs in 27 batches.
        assertThat(figures.requests()).isEqualTo(Map.of("dynamodb", 20, "sqs", 54, "eventbridge", 150));
        assertThat(run.stdout()).as("no EMF metric or other line").isEmpty();
    }

    @Test
    void withReportAllSuccessOnlyTheDomainsWithoutATriggerAreRecorded() {
        PlanRehearsal.Figures figures = PlanRehearsal.run(true, Duration.ZERO, 1, Duration.ofMinutes(1));
        // The 20 of them in one transaction and 2 PutEvents; 980 recipient-domain and 20 MX-host jobs in 100 batches.
        assertThat(figures.requests()).isEqualTo(Map.of("dynamodb", 3, "sqs", 100, "eventbridge", 2));
    }

    @Test
    void theDayHoldsItsMixAndItsIndexSortsAsDynamoDbWould() {
        PlanRehearsal.Day day = PlanRehearsal.Day.typical();
        assertThat(day.quiet()).isEqualTo(750);
        assertThat(day.recorded(true)).isEqualTo(20);
        assertThat(day.mxHosts()).isEqualTo(20);
        // An MX host's pointer (M#...) sorts before the recipient domains' counters (R#...) in the one page.
        assertThat(day.indexAnswer()).startsWith("{\"Items\":[{\"sk\":{\"S\":\"M#mx0.priming.invalid#d0.priming.invalid#");
    }

    @Test
    void overLoopbackTheSamePlansGoThroughTheUrlConnectionClientAndNothingIsLeftRunning() {
        PlanRehearsal.Figures figures = PlanRehearsal.runOverLoopback(false, Duration.ZERO, 1, Duration.ofMinutes(1));
        assertThat(figures.plans()).isEqualTo(1);
        assertThat(figures.requests()).isEqualTo(Map.of("dynamodb", 10, "sqs", 27, "eventbridge", 75));
        assertThat(Thread.getAllStackTraces().keySet()).as("the loopback servers' threads, into the snapshot")
                .noneMatch(thread -> thread.getName().equals("HTTP-Dispatcher"));
    }

    @Test
    void stopsAtItsBudget() {
        assertThat(PlanRehearsal.run(false, Duration.ZERO, 1_000, Duration.ZERO).plans()).isZero();
    }

    @Test
    void threadsOfThePlanEndWithIt() throws InterruptedException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        PlanRehearsal.run(false, Duration.ZERO, 1, Duration.ofMinutes(1));
        // The ledger's and the queue's writer pools have shut down; a worker thread may still be on its way out.
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread)) {
                thread.join(Duration.ofSeconds(5));
                assertThat(thread.isAlive()).as(thread.getName() + ", into the snapshot").isFalse();
            }
        }
    }
}
