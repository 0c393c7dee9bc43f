package dev.tlsrpt.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
        assertThat(plan).isEqualTo(new ReportPlan(DAY, 3, 2, ReportPlanner.MX_HOST_DELAY,
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
