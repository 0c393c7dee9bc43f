package dev.tlsrpt.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportSpreadTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Instant RUN = Instant.parse("2026-11-29T00:15:00Z");
    private static final ReportSpread FOUR_HOURS = new ReportSpread(RUN, Duration.ofHours(4));

    private static DestinationKey job(LocalDate day, String domain) {
        return new DestinationKey(day, DestinationKind.RECIPIENT_DOMAIN, domain);
    }

    private static List<DestinationKey> jobs(int count) {
        return IntStream.range(0, count).mapToObj(i -> job(DAY, "d" + i + ".example")).toList();
    }

    @Test
    void slot_shouldFallInsideTheWindow_spreadOverAllOfIt() {
        // GIVEN 4,000 jobs WHEN their slots are taken in a four-hour window
        List<Instant> slots = jobs(4_000).stream().map(FOUR_HOURS::slot).toList();

        // THEN every slot is in the window, and each of its sixteen quarter hours holds about a sixteenth
        assertThat(slots).allSatisfy(slot -> assertThat(slot).isBetween(RUN, FOUR_HOURS.end()));
        for (int quarter = 0; quarter < 16; quarter++) {
            Instant from = RUN.plus(Duration.ofMinutes(15L * quarter));
            Instant to = from.plus(Duration.ofMinutes(15));
            long inQuarter = slots.stream().filter(s -> !s.isBefore(from) && s.isBefore(to)).count();
            assertThat(inQuarter).as("quarter hour %d", quarter).isBetween(180L, 320L);
        }
    }

    @Test
    void slot_shouldBeTheSameForTheSameJob_andDifferFromDayToDay() {
        DestinationKey job = job(DAY, "example.com");

        assertThat(new ReportSpread(RUN, Duration.ofHours(4)).slot(job)).isEqualTo(FOUR_HOURS.slot(job));
        // A destination does not get the same hour every day.
        long sameOffset = IntStream.range(0, 50).filter(d -> {
            LocalDate day = DAY.plusDays(d);
            ReportSpread window = new ReportSpread(RUN.plus(Duration.ofDays(d)), Duration.ofHours(4));
            return Duration.between(window.from(), window.slot(job(day, "example.com")))
                    .equals(Duration.between(FOUR_HOURS.from(), FOUR_HOURS.slot(job)));
        }).count();
        assertThat(sameOffset).isEqualTo(1);
    }

    @Test
    void none_shouldMakeEveryJobDueAtOnce() {
        ReportSpread none = ReportSpread.none(RUN);

        assertThat(none.isNone()).isTrue();
        assertThat(jobs(100)).allSatisfy(job -> assertThat(none.slot(job)).isEqualTo(RUN));
    }

    @Test
    void check_shouldAcceptEveryWindowUpToADay_withTheResultsRetention() {
        // Results expire 5 days after their day's start: 96 h after it ends.
        assertThat(ReportSpread.check(Duration.ZERO, 5)).isZero();
        assertThat(ReportSpread.check(ReportSpread.MAX_LENGTH, 5)).isEqualTo(Duration.ofHours(24));
        assertThat(ReportSpread.horizon(ReportSpread.MAX_LENGTH)).isLessThan(Duration.ofDays(4));
    }

    @Test
    void check_shouldRefuseAWindowWhoseRetriesOutlastTheResults() {
        // GIVEN results kept 3 days from their day's start (48 h after it ends)
        // WHEN a 12-hour window is checked THEN its last retry (12 h + 12 h + 10 min + 24 h + 1 h) would find no results
        assertThatThrownBy(() -> ReportSpread.check(Duration.ofHours(12), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("720 minutes").hasMessageContaining("kept only 48 h");
        assertThat(ReportSpread.check(Duration.ofHours(10), 3)).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void parseMinutes_shouldNameTheSetting_forAnythingButZeroToADayOfMinutes() {
        assertThat(ReportSpread.parseMinutes("REPORT_SPREAD_MINUTES", " 240 ", 5)).isEqualTo(Duration.ofHours(4));
        assertThat(ReportSpread.parseMinutes("REPORT_SPREAD_MINUTES", "1440", 5)).isEqualTo(Duration.ofDays(1));
        for (String bad : List.of("1441", "-1", "4h", "", "2.5")) {
            assertThatThrownBy(() -> ReportSpread.parseMinutes("REPORT_SPREAD_MINUTES", bad, 5))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("REPORT_SPREAD_MINUTES");
        }
        assertThatThrownBy(() -> ReportSpread.parseMinutes("--spread-minutes", "900", 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--spread-minutes: ");
    }
}
