package dev.tlsrpt.store.dynamodb;

import dev.tlsrpt.store.StorageLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.ingest.IngestLimits;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.store.BatchConflictException;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.store.ResultStore.ApplyOutcome;
import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.store.WriteBudget;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.ItemSize;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.SyntheticBatches;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import dev.tlsrpt.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

class DynamoDbResultStoreIT {
    private static final String TABLE = "tlsrpt-results";
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    private DynamoDbClient dynamo;
    private DynamoDbResultStore store;

    @BeforeEach
    void emptyEmulator() {
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, TABLE);
        store = new DynamoDbResultStore(dynamo, TABLE, 16, CLOCK);
    }

    private static List<CounterDelta> deltas(byte[] body) throws Exception {
        return BatchAggregator.aggregate(ResultsRequestParser.parse(body, CLOCK.instant()).results());
    }

    /** What the emulator holds, per destination: "kind domain recipient ok/fail/detail-sum". */
    private Map<String, String> counters() {
        Map<String, String> counters = new HashMap<>();
        for (DestinationKey destination : store.destinations(DAY)) {
            for (TlsResult result : store.results(destination)) {
                long detailSum = result.details().stream().mapToLong(FailureDetail::failedSessionCount).sum();
                counters.put(destination.kind() + " " + destination.domain() + " " + result.recipientDomain() + " "
                                + result.policy().type().wireName(),
                        result.successCount() + "/" + result.failureCount() + "/" + detailSum);
            }
        }
        return counters;
    }

    private static Map<String, String> expectedCounters(List<CounterDelta> deltas) {
        Map<String, String> counters = new HashMap<>();
        for (CounterDelta delta : deltas) {
            long detailSum = delta.details().values().stream().mapToLong(Long::longValue).sum();
            String value = delta.successCount() + "/" + delta.failureCount() + "/" + detailSum;
            String type = " " + delta.policy().type().wireName();
            put(counters, DestinationKind.RECIPIENT_DOMAIN + " " + delta.recipientDomain() + " " + delta.recipientDomain() + type, value);
            if (delta.policy().type() == PolicyType.TLSA) {
                put(counters, DestinationKind.MX_HOST + " " + delta.policy().domain() + " " + delta.recipientDomain() + type, value);
            }
        }
        return counters;
    }

    private static void put(Map<String, String> counters, String key, String value) {
        if (counters.put(key, value) != null) {
            throw new AssertionError("test batch has two policies of one type per recipient: " + key);
        }
    }

    @Test
    void apply_shouldStoreCountersThatTheDayIndexFinds() throws Exception {
        // GIVEN a realistic batch of 1,000 results for 20 recipient domains
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(1000, 20, DAY, 1));

        // WHEN it is applied
        ApplyOutcome outcome = store.apply("batch-1", "hash-1", deltas);

        // THEN every counter is there, found through the day's shards, with the batch's sums
        assertThat(outcome.duplicate()).isFalse();
        assertThat(outcome.itemsWritten()).isEqualTo(deltas.size()).isEqualTo(20);
        assertThat(store.destinations(DAY)).hasSize(23)
                .filteredOn(d -> d.kind() == DestinationKind.MX_HOST).hasSize(3);
        assertThat(counters()).isEqualTo(expectedCounters(deltas));
    }

    @Test
    void index_shouldTellOfEachRecipientDomainWhatItsResultsDecide_andNothingOfAnMxHost() throws Exception {
        // GIVEN a day of 200 recipient domains, some with failures, many all successful, and every third
        // counter without a result that may trigger a report
        List<CounterDelta> realistic = deltas(SyntheticBatches.realistic(1000, 200, DAY, 9));
        List<CounterDelta> deltas = new ArrayList<>();
        for (int i = 0; i < realistic.size(); i++) {
            CounterDelta d = realistic.get(i);
            deltas.add(i % 3 == 0 ? new CounterDelta(d.day(), d.recipientDomain(), d.policy(), d.successCount(),
                    d.failureCount(), 0, d.details()) : d);
        }
        store.apply("batch-index", "hash-index", deltas);

        // WHEN the planner reads the day's index
        List<dev.tlsrpt.store.IndexedDestination> index = store.index(DAY);

        // THEN it names the destinations the index always named, in the same order
        assertThat(index).extracting(dev.tlsrpt.store.IndexedDestination::key).isEqualTo(store.destinations(DAY));
        // AND for every recipient domain, under either setting, it decides as the worker does from the results
        int quiet = 0;
        for (dev.tlsrpt.store.IndexedDestination entry : index) {
            if (entry.key().kind() == DestinationKind.MX_HOST) {
                assertThat(entry.known()).isFalse();
                assertThat(entry.needsNoReport(false)).isFalse();
                continue;
            }
            dev.tlsrpt.tlsrpt.Destination destination = entry.key().with(store.results(entry.key()));
            for (boolean reportAllSuccess : List.of(false, true)) {
                assertThat(entry.needsNoReport(reportAllSuccess)).as(entry + ", reportAllSuccess " + reportAllSuccess)
                        .isEqualTo(!destination.shouldReport(reportAllSuccess));
            }
            quiet += entry.needsNoReport(false) ? 1 : 0;
        }
        // AND the day has both kinds, so the comparison decided something
        assertThat(quiet).isBetween(1, index.size() - 1);
        assertThat(index).filteredOn(e -> e.known() && !e.needsNoReport(true) && e.needsNoReport(false)).isNotEmpty();
    }

    @Test
    void storedForm_shouldReadBackAsTheStoreReadsIt() throws Exception {
        // GIVEN a day's counters stored and read back from the emulator
        store.apply("batch-p", "hash-p", deltas(SyntheticBatches.realistic(300, 6, DAY, 4)));
        List<TlsResult> stored = new ArrayList<>();
        for (DestinationKey destination : store.destinations(DAY)) {
            if (destination.kind() == DestinationKind.RECIPIENT_DOMAIN) {
                stored.addAll(store.results(destination));
            }
        }
        assertThat(stored).isNotEmpty().anySatisfy(result -> assertThat(result.details()).isNotEmpty());

        // WHEN each is put in the form the rehearsal answers a results query with, and read back
        // THEN it comes back as the store itself read it: the rehearsal decodes what a real query decodes
        for (TlsResult result : stored) {
            assertThat(CounterReader.throughStoredForm(result)).isEqualTo(result);
        }
    }

    @Test
    void primeWrites_shouldSendTheBatchsTransaction_andHaveItCancelled() throws Exception {
        // GIVEN a realistic batch, and a count of the transactions the client sends
        List<String> calls = new ArrayList<>();
        DynamoDbClient counted = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        calls.add(context.request().getClass().getSimpleName());
                    }

                    @Override
                    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                        calls.add(context.request().getClass().getSimpleName() + " failed");
                    }
                })).build();
        DynamoDbResultStore primed = new DynamoDbResultStore(counted, TABLE, 16, CLOCK);

        // WHEN priming sends the transaction that would store it
        primed.primeWrites(deltas(SyntheticBatches.realistic(300, 6, DAY, 5)));

        // THEN DynamoDB had it, cancelled it, and the table holds nothing
        assertThat(calls).containsExactly("TransactWriteItemsRequest failed");
        assertThat(dynamo.scan(r -> r.tableName(TABLE)).count()).isZero();
    }

    @Test
    void apply_shouldChangeNothingWhenTheSameBatchComesAgain() throws Exception {
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(1000, 20, DAY, 2));
        store.apply("batch-2", "hash-2", deltas);
        Map<String, String> once = counters();

        ApplyOutcome again = store.apply("batch-2", "hash-2", deltas);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.itemsWritten()).isZero();
        assertThat(counters()).isEqualTo(once);
    }

    @Test
    void apply_shouldAddTwoDifferentBatchesUp() throws Exception {
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(200, 5, DAY, 3));
        store.apply("batch-a", "hash-a", deltas);
        store.apply("batch-b", "hash-b", deltas);

        Map<String, String> expected = new HashMap<>();
        expectedCounters(deltas).forEach((key, value) -> {
            String[] parts = value.split("/");
            expected.put(key, 2 * Long.parseLong(parts[0]) + "/" + 2 * Long.parseLong(parts[1]) + "/" + 2 * Long.parseLong(parts[2]));
        });
        assertThat(counters()).isEqualTo(expected);
    }

    @Test
    void apply_shouldCompleteABatchInterruptedHalfwayWithoutCountingAnythingTwice() throws Exception {
        // GIVEN a batch of 300 recipient domains, i.e. several transactions, whose third transaction fails
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(3000, 300, DAY, 4));
        assertThat(deltas.size()).isGreaterThan(2 * ExactlyOnceWriter.UPDATES_PER_TRANSACTION);
        DynamoDbResultStore failing = new DynamoDbResultStore(
                Emulated.dynamoDbFailingFrom(3, r -> r instanceof TransactWriteItemsRequest), TABLE, 16, CLOCK);
        assertThatThrownBy(() -> failing.apply("batch-4", "hash-4", deltas)).isInstanceOf(StorageUnavailableException.class);
        assertThat(counters()).isNotEmpty().isNotEqualTo(expectedCounters(deltas));

        // WHEN the client sends it again and storage works
        ApplyOutcome retry = store.apply("batch-4", "hash-4", deltas);

        // THEN the counters equal one application of the batch, and a third attempt is a duplicate
        assertThat(retry.duplicate()).isFalse();
        assertThat(retry.itemsWritten()).isEqualTo(deltas.size() - 2 * ExactlyOnceWriter.UPDATES_PER_TRANSACTION);
        assertThat(counters()).isEqualTo(expectedCounters(deltas));
        assertThat(store.apply("batch-4", "hash-4", deltas).duplicate()).isTrue();
        assertThat(counters()).isEqualTo(expectedCounters(deltas));
    }

    @Test
    void apply_shouldStopWhenTheRequestsBudgetIsSpentAndCompleteOnRetryWithoutCountingAnythingTwice() throws Exception {
        // GIVEN a store that answers, but each transaction takes 6 s (on the budget's clock), and a budget
        // of 20 s for calls of at most 5 s: three transactions fit, the fourth would not
        long[] nanos = {0};
        ExecutionInterceptor slow = new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest) {
                    nanos[0] += Duration.ofSeconds(6).toNanos();
                }
            }
        };
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(slow))
                .build();
        DynamoDbResultStore slowStore = new DynamoDbResultStore(client, TABLE, 16, CLOCK);
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(3000, 500, DAY, 21));
        assertThat(deltas.size()).isGreaterThan(4 * ExactlyOnceWriter.UPDATES_PER_TRANSACTION);
        WriteBudget budget = WriteBudget.of(Duration.ofSeconds(20), Duration.ofSeconds(5), () -> nanos[0]);

        // WHEN the batch is written within the budget
        assertThatThrownBy(() -> slowStore.apply("batch-21", "hash-21", deltas, budget))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("part 4 of the batch");

        // THEN it stopped before the fourth transaction, and the client's retry completes it exactly once
        assertThat(counters()).isNotEmpty().isNotEqualTo(expectedCounters(deltas));
        ApplyOutcome retry = store.apply("batch-21", "hash-21", deltas);
        assertThat(retry.duplicate()).isFalse();
        assertThat(retry.itemsWritten()).isEqualTo(deltas.size() - 3 * ExactlyOnceWriter.UPDATES_PER_TRANSACTION);
        assertThat(counters()).isEqualTo(expectedCounters(deltas));
        assertThat(store.apply("batch-21", "hash-21", deltas).duplicate()).isTrue();
    }

    @Test
    void apply_shouldRefuseABatchIdReusedForAnotherBody() throws Exception {
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(10, 2, DAY, 5));
        store.apply("batch-5", "hash-5", deltas);

        assertThatThrownBy(() -> store.apply("batch-5", "other-hash", deltas)).isInstanceOf(BatchConflictException.class);
    }

    @Test
    void apply_shouldWriteNothingForABatchIdReusedForAnotherBody() throws Exception {
        // GIVEN a batch with DANE results, whose MX-host pointers are items of their own
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(40, 8, DAY, 15));
        assertThat(deltas).anyMatch(d -> d.policy().type() == PolicyType.TLSA);
        store.apply("batch-15", "hash-15", deltas);
        List<Map<String, AttributeValue>> before = dynamo.scan(r -> r.tableName(TABLE)).items();

        // WHEN the same batch id comes with another body, with a DANE result for an MX host not seen before
        Policy dane = new Policy(PolicyType.TLSA, List.of("3 1 1 0123456789abcdef"), "mx.other.example", List.of());
        List<CounterDelta> other = BatchAggregator.aggregate(List.of(
                new TlsResult(DAY, "other.example", dane, 5, 0, List.of(), false)));
        DynamoDbResultStore freshContainer = new DynamoDbResultStore(dynamo, TABLE, 16, CLOCK);
        assertThatThrownBy(() -> freshContainer.apply("batch-15", "other-hash", other))
                .isInstanceOf(BatchConflictException.class);

        // THEN the table is exactly as it was
        assertThat(dynamo.scan(r -> r.tableName(TABLE)).items()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void apply_shouldSendByteIdenticalRequestsOnEveryAttemptOfABatch() throws Exception {
        // GIVEN a client that records every transaction it sends and loses the answer to the first one
        List<String> sent = new ArrayList<>();
        boolean[] lost = {false};
        ExecutionInterceptor recording = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest) {
                    try (var in = context.requestBody().orElseThrow().contentStreamProvider().newStream()) {
                        sent.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && !lost[0]) {
                    lost[0] = true;
                    throw SdkClientException.create("injected: the answer was lost");
                }
            }
        };
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(recording).retryPolicy(RetryPolicy.none()))
                .build();
        MutableClock clock = new MutableClock(CLOCK.instant());
        DynamoDbResultStore recorded = new DynamoDbResultStore(client, TABLE, 16, clock);
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(20, 4, DAY, 17));

        // WHEN the batch fails, and the client retries it minutes later
        assertThatThrownBy(() -> recorded.apply("batch-17", "hash-17", deltas)).isInstanceOf(StorageUnavailableException.class);
        clock.advance(Duration.ofMinutes(3));
        ApplyOutcome retry = recorded.apply("batch-17", "hash-17", deltas);

        // THEN the retry sent exactly the bytes of the first attempt (same token, same parameters), and
        // is answered as the duplicate it is
        assertThat(sent).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
        assertThat(retry.duplicate()).isTrue();
        assertThat(counters()).isEqualTo(expectedCounters(deltas));
    }

    @Test
    void apply_shouldSayStorageIsUnavailableWhenItCannotBeReached() throws Exception {
        List<CounterDelta> deltas = deltas(SyntheticBatches.realistic(10, 2, DAY, 6));
        DynamoDbResultStore unreachable = new DynamoDbResultStore(
                Emulated.dynamoDbFailingFrom(1, r -> true), TABLE, 16, CLOCK);

        assertThatThrownBy(() -> unreachable.apply("batch-6", "hash-6", deltas)).isInstanceOf(StorageUnavailableException.class);
        assertThat(counters()).isEmpty();
    }

    @Test
    void apply_shouldKeepAtMostTheCapOfDistinctDetailsAndFoldTheRest() {
        // GIVEN two batches of 70 distinct failure details each under one policy
        Policy policy = new Policy(PolicyType.STS, List.of("version: STSv1"), "example.com", List.of());
        ApplyOutcome first = store.apply("cap-1", "h1", BatchAggregator.aggregate(List.of(resultWithDetails(policy, 0, 70))));
        ApplyOutcome second = store.apply("cap-2", "h2", BatchAggregator.aggregate(List.of(resultWithDetails(policy, 70, 70))));

        // THEN 100 are kept, 40 are folded into one count per result type, and no session is lost
        assertThat(first.detailsFolded()).isZero();
        assertThat(second.detailsFolded()).isEqualTo(40);
        TlsResult stored = store.results(new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com")).get(0);
        assertThat(stored.details()).hasSize(StorageLimits.MAX_DISTINCT_DETAILS + 1);
        assertThat(stored.details()).filteredOn(d -> CounterReader.FOLDED_REASON.equals(d.failureReasonCode()))
                .singleElement().satisfies(d -> assertThat(d.failedSessionCount()).isEqualTo(40));
        assertThat(stored.details().stream().mapToLong(FailureDetail::failedSessionCount).sum()).isEqualTo(140);

        // AND repeating a detail that is already kept still counts on it, not on the folded count
        store.apply("cap-3", "h3", BatchAggregator.aggregate(List.of(resultWithDetails(policy, 0, 1))));
        TlsResult after = store.results(new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com")).get(0);
        assertThat(after.details().stream().mapToLong(FailureDetail::failedSessionCount).sum()).isEqualTo(141);
        assertThat(after.details()).hasSize(StorageLimits.MAX_DISTINCT_DETAILS + 1);
    }

    @Test
    void counters_shouldStayFarBelowTheItemSizeLimitAtTheCap() {
        // GIVEN a counter filled to the cap with details whose every text field is as long as allowed, under a
        // policy as large as allowed: full-certificate TLSA records up to the per-policy total, 64 mx-hosts
        List<String> records = new ArrayList<>();
        int perRecord = IngestLimits.MAX_POLICY_STRING_TOTAL / IngestLimits.MAX_POLICY_STRINGS;
        for (int i = 0; i < IngestLimits.MAX_POLICY_STRINGS; i++) {
            records.add(String.format("3 0 0 %04d", i) + "A".repeat(perRecord - 10));
        }
        List<String> mxHosts = new ArrayList<>();
        for (int i = 0; i < IngestLimits.MAX_POLICY_STRINGS; i++) {
            mxHosts.add("*.mx" + i + "." + "m".repeat(60) + "." + "n".repeat(60) + "." + "o".repeat(60) + ".example");
        }
        Policy policy = new Policy(PolicyType.STS, records, "example.com", mxHosts);
        assertThat(records.stream().mapToInt(String::length).sum()).isEqualTo(IngestLimits.MAX_POLICY_STRING_TOTAL);
        List<FailureDetail> details = new ArrayList<>();
        for (int i = 0; i < StorageLimits.MAX_DISTINCT_DETAILS + 10; i++) {
            String text = String.format("%03d", i) + "y".repeat(IngestLimits.MAX_STRING_LENGTH - 3);
            details.add(new FailureDetail(ResultType.values()[i % ResultType.values().length], "2001:db8::" + i,
                    "mx" + i + "." + "m".repeat(200) + ".example", text, "2001:db8::1", 1, text, text));
        }
        store.apply("big", "h", BatchAggregator.aggregate(List.of(new TlsResult(DAY, "example.com", policy, 0, 110, details, true))));

        // THEN the stored item (the largest a counter can become) is below half of DynamoDB's 400 KB
        Map<String, AttributeValue> item = dynamo.scan(r -> r.tableName(TABLE)).items().stream()
                .filter(i -> i.get("pk").s().startsWith("DAY#")).findFirst().orElseThrow();
        System.out.println("largest possible counter item: " + ItemSize.of(item) + " bytes");
        assertThat(ItemSize.of(item)).isLessThan(400 * 1024 / 2);
    }

    @Test
    void isDayClosed_shouldTurnTrueOnceTheReportingRunClosedTheDay() {
        assertThat(store.isDayClosed(DAY)).isFalse();
        assertThat(store.isDayClosed(LocalDate.parse("2026-11-29"))).isFalse();

        store.closeDay(DAY);

        DynamoDbResultStore freshContainer = new DynamoDbResultStore(dynamo, TABLE, 16, CLOCK);
        assertThat(freshContainer.isDayClosed(DAY)).isTrue();
    }

    private static TlsResult resultWithDetails(Policy policy, int first, int count) {
        List<FailureDetail> details = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            details.add(FailureDetail.builder(ResultType.CERTIFICATE_EXPIRED).sendingMtaIp("192.0.2." + (i % 250))
                    .receivingMxHostname("mx.example.com").receivingIp("198.51.100." + (i / 250))
                    .failedSessionCount(1).failureReasonCode("reason " + i).build());
        }
        return new TlsResult(DAY, "example.com", policy, 0, count, details, true);
    }
}
