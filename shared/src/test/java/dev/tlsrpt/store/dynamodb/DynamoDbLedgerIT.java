package dev.tlsrpt.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.Ledger.Delivery;
import dev.tlsrpt.send.Ledger.DeliveryState;
import dev.tlsrpt.send.Ledger.JobEntry;
import dev.tlsrpt.send.Ledger.JobState;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbLedgerIT {
    private static final String TABLE = "tlsrpt-ledger";
    private static final Instant NOW = Instant.parse("2026-11-29T01:15:00Z");
    private static final DestinationKey JOB =
            new DestinationKey(LocalDate.parse("2026-11-28"), DestinationKind.RECIPIENT_DOMAIN, "example.com");
    private static final String TARGET = "mailto:tlsrpt@example.com";
    private static final String OUTCOME = "outcome unknown";

    private DynamoDbClient dynamo;
    private DynamoDbLedger ledger;

    @BeforeEach
    void emptyEmulator() {
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.create(dynamo, TABLE, true);
        ledger = new DynamoDbLedger(dynamo, TABLE);
    }

    @Test
    void begin_shouldKeepTheFirstAttemptAndCountAttempts() {
        ledger.begin(JOB, NOW);

        JobEntry second = ledger.begin(JOB, NOW.plusSeconds(60));

        assertThat(second.state()).isEqualTo(JobState.PENDING);
        assertThat(second.firstAttempt()).isEqualTo(NOW);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(ledger.find(JOB)).contains(second);
    }

    @Test
    void finish_shouldKeepTheFirstOutcomeAndTheReportUris() {
        ledger.begin(JOB, NOW);
        ledger.finish(JOB, Status.SENT, "sent 2", Set.of(TARGET, "https://r.example.com/"), NOW);

        ledger.finish(JOB, Status.FAILED, "a late concurrent attempt", Set.of(), NOW);

        JobEntry entry = ledger.find(JOB).orElseThrow();
        assertThat(entry.state()).isEqualTo(JobState.DONE);
        assertThat(entry.outcome()).isEqualTo(Status.SENT);
        assertThat(entry.reason()).isEqualTo("sent 2");
        assertThat(entry.reportUris()).containsExactlyInAnyOrder(TARGET, "https://r.example.com/");
        assertThat(ledger.begin(JOB, NOW.plusSeconds(5)).isDone()).isTrue();
    }

    @Test
    void claim_shouldLetExactlyOneOfManyConcurrentAttemptsSend() throws Exception {
        // GIVEN eight attempts racing for one target (duplicate queue messages on eight workers)
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Optional<Delivery>>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(() -> ledger.claim(JOB, TARGET, NOW));
        }

        // WHEN they claim at once
        List<Future<Optional<Delivery>>> claims = pool.invokeAll(attempts);
        pool.shutdown();

        // THEN one gets it, the others see the claim
        int won = 0;
        for (Future<Optional<Delivery>> claim : claims) {
            if (claim.get().isEmpty()) {
                won++;
            } else {
                assertThat(claim.get().get().state()).isEqualTo(DeliveryState.SENDING);
            }
        }
        assertThat(won).isEqualTo(1);
    }

    @Test
    void complete_shouldRecordTheSendAndBlockLaterClaims() {
        ledger.claim(JOB, TARGET, NOW);

        boolean completed = ledger.complete(JOB, TARGET, DeliveryState.SENT, null, "ses-1", NOW.plusSeconds(1));

        assertThat(completed).isTrue();
        assertThat(ledger.claim(JOB, TARGET, NOW.plusSeconds(2)))
                .contains(new Delivery(TARGET, DeliveryState.SENT, null, NOW.plusSeconds(1), "ses-1"));
        assertThat(ledger.complete(JOB, TARGET, DeliveryState.FAILED, "late", null, NOW)).isFalse();
    }

    @Test
    void release_shouldMakeTheTargetClaimableAgain() {
        ledger.claim(JOB, TARGET, NOW);

        ledger.release(JOB, TARGET);

        assertThat(ledger.claim(JOB, TARGET, NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void release_shouldNotUndoACompletedDelivery() {
        ledger.claim(JOB, TARGET, NOW);
        ledger.complete(JOB, TARGET, DeliveryState.SENT, null, "ses-1", NOW);

        ledger.release(JOB, TARGET);

        assertThat(ledger.deliveries(JOB)).singleElement().extracting(Delivery::state).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void recordIfAbsent_shouldNotOverwriteASend() {
        ledger.claim(JOB, TARGET, NOW);
        ledger.complete(JOB, TARGET, DeliveryState.SENT, null, "ses-1", NOW);

        Optional<Delivery> earlier = ledger.recordIfAbsent(JOB, TARGET, DeliveryState.SKIPPED, "suppressed address", NOW);

        assertThat(earlier).get().extracting(Delivery::state).isEqualTo(DeliveryState.SENT);
        assertThatThrownBy(() -> ledger.recordIfAbsent(JOB, TARGET, DeliveryState.SENT, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliveries_shouldListEveryTargetOfTheJobOnly() {
        DestinationKey otherJob = new DestinationKey(JOB.day(), DestinationKind.MX_HOST, "example.com");
        ledger.begin(JOB, NOW);
        ledger.claim(JOB, TARGET, NOW);
        ledger.recordIfAbsent(JOB, "mailto:noc@example.com", DeliveryState.SKIPPED, "suppressed address", NOW);
        String longUri = "https://r.example.com/" + "a".repeat(900);
        ledger.claim(JOB, longUri, NOW);
        ledger.claim(otherJob, TARGET, NOW);

        assertThat(ledger.deliveries(JOB)).extracting(Delivery::target)
                .containsExactly(longUri, "mailto:noc@example.com", TARGET);
    }

    @Test
    void items_shouldExpireAboutAMonthAfterTheirLastWrite() {
        ledger.begin(JOB, NOW);
        ledger.claim(JOB, TARGET, NOW);

        List<java.util.Map<String, AttributeValue>> items = dynamo.scan(r -> r.tableName(TABLE)).items();

        assertThat(items).hasSize(2).allSatisfy(item ->
                assertThat(Long.parseLong(item.get("expires").n())).isEqualTo(NOW.plus(DynamoDbLedger.RETENTION).getEpochSecond()));
    }

    @Test
    void finishAtOnce_shouldRecordAQuietJobInOneWrite_andLeaveADoneJobAsItWas() {
        // GIVEN a job no attempt has seen WHEN its results alone decide it
        assertThat(ledger.finishAtOnce(JOB, Status.SKIPPED, "nothing to report", NOW)).isEmpty();

        // THEN it is done, first attempt now, one attempt
        JobEntry entry = ledger.find(JOB).orElseThrow();
        assertThat(entry.state()).isEqualTo(JobState.DONE);
        assertThat(entry.outcome()).isEqualTo(Status.SKIPPED);
        assertThat(entry.reason()).isEqualTo("nothing to report");
        assertThat(entry.firstAttempt()).isEqualTo(NOW);
        assertThat(entry.attempts()).isEqualTo(1);
        // AND a duplicate message finds it done, unchanged
        assertThat(ledger.finishAtOnce(JOB, Status.SKIPPED, "again", NOW.plusSeconds(60))).contains(entry);
        // AND a job an earlier attempt left pending is finished, keeping its first attempt
        DestinationKey pending = job("pending.example");
        ledger.begin(pending, NOW);
        assertThat(ledger.finishAtOnce(pending, Status.SKIPPED, "nothing to report", NOW.plusSeconds(60))).isEmpty();
        assertThat(ledger.find(pending).orElseThrow()).satisfies(e -> {
            assertThat(e.isDone()).isTrue();
            assertThat(e.firstAttempt()).isEqualTo(NOW);
            assertThat(e.attempts()).isEqualTo(2);
        });
    }

    @Test
    void finishAllAtOnce_shouldRecordEveryQuietJobNotYetDone_aHundredAWrite() {
        // GIVEN 250 jobs (three transactions' worth): every fifth already done and sent, every seventh left pending
        List<DestinationKey> jobs = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            DestinationKey job = job("q" + i + ".example");
            jobs.add(job);
            if (i % 5 == 0) {
                ledger.begin(job, NOW);
                ledger.finish(job, Status.SENT, "sent 1", Set.of(TARGET), NOW);
            } else if (i % 7 == 0) {
                ledger.begin(job, NOW);
            }
        }

        // WHEN the planner records them all as needing no report
        List<DestinationKey> recorded = ledger.finishAllAtOnce(jobs, Status.SKIPPED, "nothing to report", NOW.plusSeconds(60));

        // THEN every job not done before is recorded, and each done one keeps its outcome
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(jobs.stream().filter(j -> jobs.indexOf(j) % 5 != 0).toList());
        for (int i = 0; i < jobs.size(); i++) {
            JobEntry entry = ledger.find(jobs.get(i)).orElseThrow();
            assertThat(entry.isDone()).isTrue();
            assertThat(entry.outcome()).isEqualTo(i % 5 == 0 ? Status.SENT : Status.SKIPPED);
            assertThat(entry.firstAttempt()).isEqualTo(i % 5 == 0 || i % 7 == 0 ? NOW : NOW.plusSeconds(60));
        }
        // AND a second run records nothing again
        assertThat(ledger.finishAllAtOnce(jobs, Status.SKIPPED, "nothing to report", NOW.plusSeconds(120))).isEmpty();
    }

    @Test
    void findAll_shouldReadEveryRecordedJobInBatches_andLeaveOutTheJobsNoAttemptStarted() {
        // GIVEN 150 recipient-domain jobs of which every third was never started (more than one BatchGetItem's 100 keys)
        List<DestinationKey> jobs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            DestinationKey job = job("d" + i + ".example");
            jobs.add(job);
            if (i % 3 == 0) {
                continue;
            }
            ledger.begin(job, NOW);
            if (i % 3 == 1) {
                ledger.finish(job, Status.SENT, "sent 1", Set.of(TARGET), NOW);
            }
        }

        // WHEN they are read at once (one of them asked twice)
        List<DestinationKey> asked = new ArrayList<>(jobs);
        asked.add(jobs.get(1));
        var found = ledger.findAll(asked);

        // THEN each started job is there as find reads it, and no other
        assertThat(found).hasSize(100);
        for (int i = 0; i < 150; i++) {
            DestinationKey job = jobs.get(i);
            assertThat(Optional.ofNullable(found.get(job))).isEqualTo(ledger.find(job));
        }
        assertThat(found.get(jobs.get(1)).reportUris()).containsExactly(TARGET);
        assertThat(ledger.findAll(List.of())).isEmpty();
    }

    private static DestinationKey job(String domain) {
        return new DestinationKey(JOB.day(), DestinationKind.RECIPIENT_DOMAIN, domain);
    }

    @Test
    void admit_shouldCountEachJobAndTargetOnce_andRefuseOnceTheAddressHadItsDaysShare() {
        SendCaps caps = new SendCaps(10, 2, 100);

        // GIVEN the first job admitted twice (a retry), and a second job to the same address
        assertThat(ledger.admit(job("a.example"), TARGET, "example.com", caps, NOW)).isEmpty();
        assertThat(ledger.admit(job("a.example"), TARGET, "example.com", caps, NOW)).isEmpty();
        assertThat(ledger.admit(job("b.example"), TARGET, "example.com", caps, NOW)).isEmpty();

        // WHEN a third job asks
        Optional<SendCaps.Cap> third = ledger.admit(job("c.example"), TARGET, "example.com", caps, NOW);

        // THEN the address's cap of 2 is reached; the retry did not count, and the refusal counted nothing
        assertThat(third).contains(SendCaps.Cap.REPORTS_PER_ADDRESS);
        assertThat(counter("CAP#2026-11-28#A#" + TARGET)).isEqualTo(2);
        assertThat(counter("CAP#2026-11-28#D#example.com")).isEqualTo(2);
        // AND another day has a share of its own
        DestinationKey nextDay = new DestinationKey(JOB.day().plusDays(1), DestinationKind.RECIPIENT_DOMAIN, "c.example");
        assertThat(ledger.admit(nextDay, TARGET, "example.com", caps, NOW)).isEmpty();
    }

    @Test
    void admit_shouldRefuseOnceTheReportingDomainHadItsDaysShare_whateverTheAddress() {
        SendCaps caps = new SendCaps(10, 100, 2);

        assertThat(ledger.admit(job("a.example"), "mailto:one@example.com", "example.com", caps, NOW)).isEmpty();
        assertThat(ledger.admit(job("a.example"), "mailto:two@example.com", "example.com", caps, NOW)).isEmpty();

        assertThat(ledger.admit(job("a.example"), "mailto:three@example.com", "example.com", caps, NOW))
                .contains(SendCaps.Cap.REPORTS_PER_DOMAIN);
        assertThat(ledger.admit(job("a.example"), "mailto:one@example.org", "example.org", caps, NOW)).isEmpty();
        // The refused address counted nothing: its own counter was not written.
        assertThat(counter("CAP#2026-11-28#A#mailto:three@example.com")).isZero();
    }

    @Test
    void admit_shouldAdmitExactlyTheCap_ofManyConcurrentJobsToOneAddress() throws Exception {
        // GIVEN the one-request-at-a-time emulator: moto's transaction rollback would lose concurrent writes
        DynamoDbClient serialised = Emulated.serialisedDynamoDb();
        LocalTables.create(serialised, TABLE, true);
        DynamoDbLedger concurrent = new DynamoDbLedger(serialised, TABLE);
        SendCaps caps = new SendCaps(10, 5, 100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Optional<SendCaps.Cap>>> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String domain = "d" + i + ".example";
            jobs.add(() -> concurrent.admit(job(domain), TARGET, "example.com", caps, NOW));
        }

        // WHEN twenty jobs to one address ask at once
        List<Future<Optional<SendCaps.Cap>>> answers = pool.invokeAll(jobs);
        pool.shutdown();

        // THEN exactly five are admitted
        int admitted = 0;
        for (Future<Optional<SendCaps.Cap>> answer : answers) {
            if (answer.get().isEmpty()) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void completeAndFinish_shouldRecordTheSendAndTheJobsOutcomeTogether() {
        ledger.begin(JOB, NOW);
        ledger.claim(JOB, TARGET, NOW);

        boolean completed = ledger.completeAndFinish(JOB, TARGET, DeliveryState.SENT, null, "mid-1", Status.SENT,
                "sent 1, failed 0, skipped 0", Set.of(TARGET), NOW.plusSeconds(1));

        assertThat(completed).isTrue();
        assertThat(ledger.deliveries(JOB)).containsExactly(new Delivery(TARGET, DeliveryState.SENT, null, NOW.plusSeconds(1), "mid-1"));
        JobEntry entry = ledger.find(JOB).orElseThrow();
        assertThat(entry.outcome()).isEqualTo(Status.SENT);
        assertThat(entry.reason()).isEqualTo("sent 1, failed 0, skipped 0");
        assertThat(entry.reportUris()).containsExactly(TARGET);
    }

    @Test
    void completeAndFinish_shouldKeepEachFirstRecord_asCompleteThenFinishDo() {
        // GIVEN a job a concurrent attempt finished, and a target of another job a concurrent attempt completed
        ledger.begin(JOB, NOW);
        ledger.claim(JOB, TARGET, NOW);
        ledger.finish(JOB, Status.FAILED, "the other attempt's", Set.of(), NOW);
        DestinationKey other = job("other.example");
        ledger.begin(other, NOW);
        ledger.claim(other, TARGET, NOW);
        ledger.complete(other, TARGET, DeliveryState.FAILED, OUTCOME, null, NOW);

        // WHEN each is completed and finished
        boolean first = ledger.completeAndFinish(JOB, TARGET, DeliveryState.SENT, null, "mid-1", Status.SENT, "sent 1",
                Set.of(TARGET), NOW.plusSeconds(1));
        boolean second = ledger.completeAndFinish(other, TARGET, DeliveryState.SENT, null, "mid-2", Status.SENT, "sent 1",
                Set.of(TARGET), NOW.plusSeconds(1));

        // THEN the send is recorded and the job keeps its first outcome
        assertThat(first).isTrue();
        assertThat(ledger.deliveries(JOB)).extracting(Delivery::state).containsExactly(DeliveryState.SENT);
        assertThat(ledger.find(JOB).orElseThrow().reason()).isEqualTo("the other attempt's");
        // AND the claim completed elsewhere stays as it was, while the job is finished
        assertThat(second).isFalse();
        assertThat(ledger.deliveries(other)).extracting(Delivery::state).containsExactly(DeliveryState.FAILED);
        assertThat(ledger.find(other).orElseThrow().outcome()).isEqualTo(Status.SENT);
    }

    @Test
    void admitAndClaim_shouldCountAndClaimInOneStep_andCountARetriedTargetOnce() {
        SendCaps caps = new SendCaps(10, 2, 100);

        // GIVEN a target admitted and claimed, then released after a transient failure
        assertThat(ledger.admitAndClaim(job("a.example"), TARGET, TARGET, "example.com", caps, NOW))
                .isInstanceOf(Ledger.Admission.Claimed.class);
        assertThat(ledger.deliveries(job("a.example"))).extracting(Delivery::state).containsExactly(DeliveryState.SENDING);
        ledger.release(job("a.example"), TARGET);

        // WHEN the retry asks again
        Ledger.Admission retry = ledger.admitAndClaim(job("a.example"), TARGET, TARGET, "example.com", caps, NOW.plusSeconds(60));

        // THEN it claims again without counting again
        assertThat(retry).isInstanceOf(Ledger.Admission.Claimed.class);
        assertThat(counter("CAP#2026-11-28#A#" + TARGET)).isEqualTo(1);
        // AND a duplicate attempt finds the claim, and counts nothing either
        assertThat(ledger.admitAndClaim(job("a.example"), TARGET, TARGET, "example.com", caps, NOW.plusSeconds(61)))
                .isEqualTo(new Ledger.Admission.Recorded(new Delivery(TARGET, DeliveryState.SENDING, null, NOW.plusSeconds(60), null)));
        assertThat(counter("CAP#2026-11-28#A#" + TARGET)).isEqualTo(1);
    }

    @Test
    void admitAndClaim_shouldWriteNothing_whenACapIsReached() {
        SendCaps caps = new SendCaps(10, 1, 100);
        ledger.admitAndClaim(job("a.example"), TARGET, TARGET, "example.com", caps, NOW);

        Ledger.Admission second = ledger.admitAndClaim(job("b.example"), TARGET, TARGET, "example.com", caps, NOW);

        assertThat(second).isEqualTo(new Ledger.Admission.CapReached(SendCaps.Cap.REPORTS_PER_ADDRESS));
        assertThat(ledger.deliveries(job("b.example"))).isEmpty();
        assertThat(counter("CAP#2026-11-28#D#example.com")).isEqualTo(1);
        // AND asked with the job's begin, the job is still begun, so that the attempt's finish lands
        assertThat(ledger.beginAndAdmitAndClaim(job("d.example"), TARGET, TARGET, "example.com", caps, NOW))
                .isEqualTo(new Ledger.Admission.CapReached(SendCaps.Cap.REPORTS_PER_ADDRESS));
        assertThat(ledger.deliveries(job("d.example"))).isEmpty();
        assertThat(ledger.find(job("d.example")).orElseThrow().attempts()).isEqualTo(1);
        ledger.finish(job("d.example"), Status.SKIPPED, "cap", Set.of(), NOW);
        assertThat(ledger.find(job("d.example")).orElseThrow().isDone()).isTrue();
        // AND the domain's cap is told apart from the address's
        SendCaps domainCap = new SendCaps(10, 100, 1);
        assertThat(ledger.admitAndClaim(job("c.example"), "mailto:other@example.com", "mailto:other@example.com",
                "example.com", domainCap, NOW)).isEqualTo(new Ledger.Admission.CapReached(SendCaps.Cap.REPORTS_PER_DOMAIN));
    }

    @Test
    void admitAndClaim_shouldCountATargetAnEarlierAttemptRecorded_asAdmitThenClaimDo() {
        // GIVEN a target an earlier attempt recorded without a send and without an admission (suppressed then)
        SendCaps caps = new SendCaps(10, 5, 100);
        ledger.recordIfAbsent(JOB, TARGET, DeliveryState.SKIPPED, "suppressed address", NOW);

        Ledger.Admission again = ledger.admitAndClaim(JOB, TARGET, TARGET, "example.com", caps, NOW.plusSeconds(60));

        // THEN the earlier record stands, and the target is counted, as the two steps in turn count it
        assertThat(again).isEqualTo(new Ledger.Admission.Recorded(
                new Delivery(TARGET, DeliveryState.SKIPPED, "suppressed address", NOW, null)));
        assertThat(counter("CAP#2026-11-28#A#" + TARGET)).isEqualTo(1);
    }

    @Test
    void beginAndAdmitAndClaim_shouldBeginCountAndClaimInOneTransaction_andCountALaterAttempt() {
        SendCaps caps = new SendCaps(10, 2, 100);
        List<String> calls = new ArrayList<>();
        DynamoDbLedger counted = new DynamoDbLedger(namingEachCall(calls), TABLE);

        // WHEN a job's first attempt admits and claims its one target
        Ledger.Admission first = counted.beginAndAdmitAndClaim(JOB, TARGET, TARGET, "example.com", caps, NOW);

        // THEN one transaction began the job, counted the target and claimed it
        assertThat(first).isInstanceOf(Ledger.Admission.Claimed.class);
        assertThat(calls).containsExactly("TransactWriteItemsRequest");
        JobEntry begun = ledger.find(JOB).orElseThrow();
        assertThat(begun.state()).isEqualTo(JobState.PENDING);
        assertThat(begun.firstAttempt()).isEqualTo(NOW);
        assertThat(begun.attempts()).isEqualTo(1);
        assertThat(ledger.deliveries(JOB)).extracting(Delivery::state).containsExactly(DeliveryState.SENDING);
        assertThat(counter("CAP#2026-11-28#A#" + TARGET)).isEqualTo(1);

        // AND the attempt after a transient failure is counted, keeps the first attempt's time, and claims again
        ledger.release(JOB, TARGET);
        Ledger.Admission retry = ledger.beginAndAdmitAndClaim(JOB, TARGET, TARGET, "example.com", caps, NOW.plusSeconds(60));
        assertThat(retry).isInstanceOf(Ledger.Admission.Claimed.class);
        assertThat(ledger.find(JOB).orElseThrow().attempts()).isEqualTo(2);
        assertThat(ledger.find(JOB).orElseThrow().firstAttempt()).isEqualTo(NOW);
        assertThat(counter("CAP#2026-11-28#A#" + TARGET)).isEqualTo(1);
    }

    @Test
    void beginAndAdmitAndClaim_shouldCountOrClaimNothing_whenTheJobIsDone() {
        // GIVEN a job an earlier attempt finished
        SendCaps caps = new SendCaps(10, 2, 100);
        ledger.begin(JOB, NOW);
        ledger.finish(JOB, Status.SKIPPED, "suppressed address", Set.of(), NOW);

        // WHEN a duplicate message's attempt comes to the target
        Ledger.Admission again = ledger.beginAndAdmitAndClaim(JOB, TARGET, TARGET, "example.com", caps, NOW.plusSeconds(60));

        // THEN it learns the job's outcome, and nothing is counted or claimed
        assertThat(again).isInstanceOfSatisfying(Ledger.Admission.JobDone.class,
                done -> assertThat(done.entry().outcome()).isEqualTo(Status.SKIPPED));
        assertThat(ledger.deliveries(JOB)).isEmpty();
        assertThat(counter("CAP#2026-11-28#A#" + TARGET)).isZero();
        assertThat(counter("CAP#2026-11-28#D#example.com")).isZero();
    }

    private static DynamoDbClient namingEachCall(List<String> calls) {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        calls.add(context.request().getClass().getSimpleName());
                    }
                })).build();
    }

    @Test
    void admitAndClaim_shouldClaimExactlyTheCap_ofManyConcurrentJobsToOneAddress() throws Exception {
        DynamoDbClient serialised = Emulated.serialisedDynamoDb();
        LocalTables.create(serialised, TABLE, true);
        DynamoDbLedger concurrent = new DynamoDbLedger(serialised, TABLE);
        SendCaps caps = new SendCaps(10, 5, 100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Ledger.Admission>> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String domain = "d" + i + ".example";
            jobs.add(() -> concurrent.admitAndClaim(job(domain), TARGET, TARGET, "example.com", caps, NOW));
        }

        List<Future<Ledger.Admission>> answers = pool.invokeAll(jobs);
        pool.shutdown();

        int claimed = 0;
        for (Future<Ledger.Admission> answer : answers) {
            if (answer.get() instanceof Ledger.Admission.Claimed) {
                claimed++;
            } else {
                assertThat(answer.get()).isEqualTo(new Ledger.Admission.CapReached(SendCaps.Cap.REPORTS_PER_ADDRESS));
            }
        }
        assertThat(claimed).isEqualTo(5);
    }

    private int counter(String pk) {
        var item = dynamo.getItem(r -> r.tableName(TABLE).key(java.util.Map.of("pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS("#")))).item();
        return item == null || item.isEmpty() ? 0 : Integer.parseInt(item.get("n").n());
    }
}
