package dev.tlsrpt.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlanRehearsalTest {
    @BeforeAll
    static void credentialsAndRegion() {
        // The clients sign their requests as in production; any credentials do, nothing reaches AWS.
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "testing"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "testing"));
        System.setProperty("aws.region", System.getProperty("aws.region", "us-east-1"));
    }

    @Test
    void eachPlanClosesTheDayReadsItsIndexRecordsTheQuietOnesAndQueuesTheRestWritingNothingOut() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PlanRehearsal.Figures figures;
        System.setOut(new PrintStream(written, true));
        try {
            figures = PlanRehearsal.run(false, Duration.ofHours(6), 2, Duration.ofMinutes(1));
        } finally {
            System.setOut(stdout);
        }
        assertThat(figures.plans()).isEqualTo(2);
        // Per plan of the 1,000 destinations: the close and the index Query, 750 quiet ones in 8 ledger
        // transactions and 75 PutEvents of ten; 250 recipient-domain and 20 MX-host jobs in 27 batches.
        assertThat(figures.requests()).isEqualTo(Map.of("dynamodb", 20, "sqs", 54, "eventbridge", 150));
        assertThat(written.toString()).as("no EMF metric or other line").isEmpty();
    }

    @Test
    void withReportAllSuccessOnlyTheDomainsWithoutATriggerAreRecorded() {
        PlanRehearsal.Figures figures = PlanRehearsal.run(true, Duration.ZERO, 1, Duration.ofMinutes(1));
        // The 20 of them in one transaction and 2 PutEvents; 980 recipient-domain and 20 MX-host jobs in 100 batches.
        assertThat(figures.requests()).isEqualTo(Map.of("dynamodb", 3, "sqs", 100, "eventbridge", 2));
    }

    @Test
    void theDaysIndexReadsBackAsTheDestinationsItWasMadeOf() {
        PlanRehearsal.Day day = PlanRehearsal.Day.typical();
        assertThat(day.quiet()).isEqualTo(750);
        assertThat(day.recorded(true)).isEqualTo(20);
        assertThat(day.mxHosts()).isEqualTo(20);
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
    void threadsOfThePlanAreGoneWhenItReturns() {
        PlanRehearsal.run(false, Duration.ZERO, 1, Duration.ofMinutes(1));
        // The ledger's and the queue's writer pools would otherwise be left running into the snapshot.
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("pool-"));
    }
}
