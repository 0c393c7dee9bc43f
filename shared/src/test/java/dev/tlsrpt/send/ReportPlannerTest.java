package dev.tlsrpt.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.send.ReportOutcome.Channel;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.store.IndexedDestination;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.ReportDecision;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPlannerTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Clock JUST_AFTER_MIDNIGHT = Clock.fixed(Instant.parse("2026-11-29T00:15:00Z"), ZoneOffset.UTC);

    private final List<String> calls = new ArrayList<>();
    private final List<Enqueued> enqueued = new ArrayList<>();

    private record Enqueued(List<DestinationKey> jobs, Duration delay, ReportSpread spread) {
    }

    private ReportPlanner planner(List<DestinationKey> index, Clock clock) {
        return planner(index, clock, Duration.ZERO);
    }

    private ReportPlanner planner(List<DestinationKey> index, Clock clock, Duration spread) {
        StoredResults results = new StoredResults() {
            @Override
            public List<DestinationKey> destinations(LocalDate day) {
                calls.add("destinations " + day);
                return index.stream().filter(key -> key.day().equals(day)).toList();
            }

            @Override
            public List<TlsResult> results(DestinationKey destination) {
                throw new AssertionError("the planner does not read results");
            }
        };
        DayCloser days = day -> calls.add("close " + day);
        ReportQueue queue = (jobs, delay, window) -> {
            calls.add("enqueue " + jobs.size() + " after " + delay);
            enqueued.add(new Enqueued(List.copyOf(jobs), delay, window));
        };
        return new ReportPlanner(results, days, queue, clock, spread);
    }

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<ReportOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    /** A planner with the day's index as the DynamoDB store gives it, and the ledger for quiet destinations. */
    private ReportPlanner recordingQuiet(List<IndexedDestination> index, boolean reportAllSuccess) {
        return recordingQuiet(index, ledger, reportAllSuccess);
    }

    private ReportPlanner recordingQuiet(List<IndexedDestination> index, Ledger ledger, boolean reportAllSuccess) {
        StoredResults results = new StoredResults() {
            @Override
            public List<DestinationKey> destinations(LocalDate day) {
                throw new AssertionError("the planner reads the index with what it tells of the results");
            }

            @Override
            public List<IndexedDestination> index(LocalDate day) {
                calls.add("index " + day);
                return index;
            }

            @Override
            public List<TlsResult> results(DestinationKey destination) {
                throw new AssertionError("the planner does not read results");
            }
        };
        ReportQueue queue = (jobs, delay, window) -> {
            calls.add("enqueue " + jobs.size() + " after " + delay);
            enqueued.add(new Enqueued(List.copyOf(jobs), delay, window));
        };
        OutcomePublisher publisher = outcome -> {
            calls.add("outcome " + outcome.domain());
            outcomes.add(outcome);
        };
        return new ReportPlanner(results, day -> calls.add("close " + day), queue, JUST_AFTER_MIDNIGHT, Duration.ZERO,
                new QuietDestinations(ledger, reportAllSuccess, () -> publisher, JUST_AFTER_MIDNIGHT, 2));
    }

    private static IndexedDestination indexed(String domain, boolean anyTrigger, boolean anyFailure) {
        return new IndexedDestination(recipient(domain), true, anyTrigger, anyFailure);
    }

    /** A day's index: one domain with a failure, one all successful, one without traffic that may trigger, one MX host. */
    private static final List<IndexedDestination> MIXED_DAY = List.of(
            indexed("failing.example", true, true),
            indexed("all-good.example", true, false),
            indexed("only-reports.example", false, true),
            IndexedDestination.unknown(mxHost("mx.hosting.example")));

    @Test
    void plan_shouldRecordTheRecipientDomainsThatNeedNoReport_beforeQueueingTheRest() {
        // GIVEN a day whose index shows a failure for one recipient domain only (ReportAllSuccess off)
        ReportPlanner planner = recordingQuiet(MIXED_DAY, false);

        // WHEN it is planned
        ReportPlan plan = planner.plan(DAY);

        // THEN the failing domain and the MX host (whose results the index does not hold) are queued
        assertThat(enqueued).extracting(e -> e.jobs().stream().map(DestinationKey::domain).toList())
                .containsExactly(List.of("failing.example"), List.of("mx.hosting.example"));
        assertThat(plan.recipientDomains()).isEqualTo(1);
        assertThat(plan.mxHosts()).isEqualTo(1);
        assertThat(plan.noReport()).isEqualTo(2);
        // AND the other two are done in the ledger as the worker records them, with its outcome event
        for (String quiet : List.of("all-good.example", "only-reports.example")) {
            assertThat(ledger.find(recipient(quiet))).hasValueSatisfying(entry -> {
                assertThat(entry.isDone()).isTrue();
                assertThat(entry.outcome()).isEqualTo(Status.SKIPPED);
                assertThat(entry.reason()).isEqualTo(ReportDecision.NOTHING_TO_REPORT);
            });
        }
        assertThat(ledger.find(recipient("failing.example"))).isEmpty();
        assertThat(outcomes).extracting(ReportOutcome::domain)
                .containsExactlyInAnyOrder("all-good.example", "only-reports.example");
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(Status.SKIPPED);
            assertThat(outcome.channel()).isEqualTo(Channel.NONE);
            assertThat(outcome.reason()).isEqualTo(ReportDecision.NOTHING_TO_REPORT);
        });
        // AND recorded before any job is queued, so that an MX-host job finds its recipient domains decided
        assertThat(calls.indexOf("enqueue 1 after PT0S")).isGreaterThan(calls.lastIndexOf("outcome only-reports.example"))
                .isGreaterThan(calls.lastIndexOf("outcome all-good.example"));
    }

    @Test
    void plan_shouldQueueTheAllSuccessfulDomain_whenEverySuccessIsReported() {
        // GIVEN ReportAllSuccess on
        ReportPlanner planner = recordingQuiet(MIXED_DAY, true);

        // WHEN the day is planned
        ReportPlan plan = planner.plan(DAY);

        // THEN the all-successful domain gets its job too; traffic that may not trigger a report still gets none
        assertThat(enqueued.get(0).jobs()).extracting(DestinationKey::domain).containsExactly("failing.example", "all-good.example");
        assertThat(plan.noReport()).isEqualTo(1);
        assertThat(ledger.find(recipient("only-reports.example"))).hasValueSatisfying(entry -> assertThat(entry.isDone()).isTrue());
    }

    @Test
    void plan_shouldRecordAQuietDestinationOnce_andKeepAnOutcomeAlreadyRecorded() {
        // GIVEN an earlier run with ReportAllSuccess on, whose worker sent the all-successful domain's report
        ledger.begin(recipient("all-good.example"), JUST_AFTER_MIDNIGHT.instant());
        ledger.finish(recipient("all-good.example"), Status.SENT, "sent 1, failed 0, skipped 0", java.util.Set.of(),
                JUST_AFTER_MIDNIGHT.instant());
        ReportPlanner planner = recordingQuiet(MIXED_DAY, false);
        planner.plan(DAY);

        // WHEN the day is planned again with the setting off
        outcomes.clear();
        ReportPlan again = planner.plan(DAY);

        // THEN the sent report's record stands, and no outcome is published twice
        assertThat(ledger.find(recipient("all-good.example"))).hasValueSatisfying(entry -> assertThat(entry.outcome()).isEqualTo(Status.SENT));
        assertThat(outcomes).isEmpty();
        assertThat(again.noReport()).isEqualTo(2);
    }

    @Test
    void plan_shouldQueueNothing_whenTheQuietDestinationsCannotBeRecorded() {
        // GIVEN a ledger that refuses the planner's writes (storage unavailable)
        Ledger refusing = (Ledger) java.lang.reflect.Proxy.newProxyInstance(Ledger.class.getClassLoader(),
                new Class<?>[] {Ledger.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("ledger unavailable");
                });
        ReportPlanner planner = recordingQuiet(MIXED_DAY, refusing, false);

        // WHEN the day is planned THEN the run fails, to be retried whole, and no job went out before the record
        assertThatThrownBy(() -> planner.plan(DAY)).hasMessageContaining("ledger unavailable");
        assertThat(enqueued).isEmpty();
        assertThat(outcomes).isEmpty();
    }

    private static DestinationKey recipient(String domain) {
        return new DestinationKey(DAY, DestinationKind.RECIPIENT_DOMAIN, domain);
    }

    private static DestinationKey mxHost(String domain) {
        return new DestinationKey(DAY, DestinationKind.MX_HOST, domain);
    }

    @Test
    void plan_shouldCloseTheDayBeforeReadingItsIndex() {
        // GIVEN a day with one destination
        ReportPlanner planner = planner(List.of(recipient("example.com")), JUST_AFTER_MIDNIGHT);

        // WHEN it is planned
        planner.plan(DAY);

        // THEN late results are refused before the index is read, with no wait in between: the close is
        // part of every write's condition, so none can slip in unreported
        assertThat(calls).startsWith("close 2026-11-28", "destinations 2026-11-28");
    }

    @Test
    void plan_shouldEnqueueRecipientDomainsAtOnce_andMxHostsAfterThem() {
        // GIVEN an index that mixes both kinds, as the shards return them
        ReportPlanner planner = planner(List.of(mxHost("mx.hosting.example"), recipient("a.example"),
                recipient("b.example"), mxHost("mx2.hosting.example"), recipient("c.example")), JUST_AFTER_MIDNIGHT);

        // WHEN the day is planned
        ReportPlan plan = planner.plan(DAY);

        // THEN recipient domains go first without delay, MX hosts after with the MX-host delay
        assertThat(enqueued).hasSize(2);
        assertThat(enqueued.get(0).delay()).isZero();
        assertThat(enqueued.get(0).jobs()).extracting(DestinationKey::domain)
                .containsExactly("a.example", "b.example", "c.example");
        assertThat(enqueued.get(1).delay()).isEqualTo(ReportPlanner.MX_HOST_DELAY).isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(enqueued.get(1).jobs()).extracting(DestinationKey::domain)
                .containsExactly("mx.hosting.example", "mx2.hosting.example");
        assertThat(plan).isEqualTo(new ReportPlan(DAY, 3, 2, 0, ReportPlanner.MX_HOST_DELAY,
                ReportSpread.none(JUST_AFTER_MIDNIGHT.instant())));
        assertThat(plan.jobs()).isEqualTo(5);
    }

    @Test
    void plan_shouldGiveEveryJobTheWindowStartingWithTheRun() {
        // GIVEN a planner configured with a four-hour spread
        ReportPlanner planner = planner(List.of(recipient("a.example"), mxHost("mx.hosting.example")), JUST_AFTER_MIDNIGHT,
                Duration.ofHours(4));

        // WHEN the day is planned
        ReportPlan plan = planner.plan(DAY);

        // THEN both waves carry the same window, from the run's start for four hours
        ReportSpread expected = new ReportSpread(JUST_AFTER_MIDNIGHT.instant(), Duration.ofHours(4));
        assertThat(enqueued).extracting(Enqueued::spread).containsExactly(expected, expected);
        assertThat(plan.spread()).isEqualTo(expected);
        assertThat(plan.spread().end()).isEqualTo(Instant.parse("2026-11-29T04:15:00Z"));
    }

    @Test
    void planner_shouldRefuseAWindowLongerThanADay_atConstruction() {
        assertThatThrownBy(() -> planner(List.of(), JUST_AFTER_MIDNIGHT, Duration.ofHours(25)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1440");
        assertThatThrownBy(() -> planner(List.of(), JUST_AFTER_MIDNIGHT, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plan_shouldRefuseToday_andTheFuture_withoutClosingAnything() {
        // GIVEN it is shortly after midnight of 2026-11-29
        ReportPlanner planner = planner(List.of(), JUST_AFTER_MIDNIGHT);

        // WHEN today or tomorrow is asked for THEN they are refused, and the open day stays open
        assertThatThrownBy(() -> planner.plan(LocalDate.parse("2026-11-29")))
                .isInstanceOf(DayNotOverException.class).hasMessageContaining("2026-11-29");
        assertThatThrownBy(() -> planner.plan(LocalDate.parse("2026-11-30")))
                .isInstanceOf(DayNotOverException.class);
        assertThat(calls).isEmpty();
    }

    @Test
    void plan_shouldAcceptAnOlderDay_asABackfill() {
        // GIVEN a week later
        Clock weekLater = Clock.offset(JUST_AFTER_MIDNIGHT, Duration.ofDays(7));
        ReportPlanner planner = planner(List.of(recipient("example.com")), weekLater);

        // WHEN the old day is planned THEN its destinations are enqueued
        assertThat(planner.plan(DAY).recipientDomains()).isEqualTo(1);
    }

    @Test
    void plan_shouldEnqueueTheSameJobsAgain_whenRunTwice() {
        // GIVEN a day that was planned once
        ReportPlanner planner = planner(List.of(recipient("example.com"), mxHost("mx.example.net")), JUST_AFTER_MIDNIGHT);
        planner.plan(DAY);

        // WHEN it is planned again (a retried schedule)
        planner.plan(DAY);

        // THEN the same jobs are offered again; the worker's ledger is what keeps a report from going out twice
        assertThat(enqueued).hasSize(4);
        assertThat(enqueued.get(2)).isEqualTo(enqueued.get(0));
        assertThat(enqueued.get(3)).isEqualTo(enqueued.get(1));
    }

    @Test
    void plan_shouldEnqueueNothing_forADayWithoutResults() {
        // GIVEN an empty day
        ReportPlanner planner = planner(List.of(), JUST_AFTER_MIDNIGHT);

        // WHEN it is planned THEN the day is still closed, and no job is produced
        ReportPlan plan = planner.plan(DAY);
        assertThat(plan.jobs()).isZero();
        assertThat(calls).contains("close 2026-11-28");
        assertThat(enqueued).allSatisfy(e -> assertThat(e.jobs()).isEmpty());
    }
}
