package dev.tlsrpt.function.planner;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Which day a run plans, from its input and never from the clock: a delayed or retried schedule still
 * plans the day its schedule was for.
 *
 * <ul>
 *   <li>{@code {"scheduledTime": "2026-11-29T00:15:00Z"}} from the schedule (its
 *       {@code <aws.scheduler.scheduled-time>}): the UTC day before that time;</li>
 *   <li>{@code {"day": "2026-11-28"}} from an operator: a backfill of that day.</li>
 * </ul>
 *
 * @param trigger {@code "schedule"} or {@code "backfill"}, for the log
 */
record PlannerInput(LocalDate day, String trigger) {
    static final String SCHEDULED_TIME = "scheduledTime";
    static final String DAY = "day";

    /** @throws IllegalArgumentException when the input names no day, both kinds, or an unreadable one */
    static PlannerInput of(Map<String, Object> input) {
        Object scheduledTime = input == null ? null : input.get(SCHEDULED_TIME);
        Object day = input == null ? null : input.get(DAY);
        if ((scheduledTime == null) == (day == null)) {
            throw new IllegalArgumentException("the input needs either \"scheduledTime\" (from the schedule) "
                    + "or \"day\" (a backfill, YYYY-MM-DD), not " + (day == null ? "neither" : "both"));
        }
        try {
            if (day != null) {
                return new PlannerInput(LocalDate.parse(day.toString()), "backfill");
            }
            // The schedule fires shortly after midnight UTC: the day that just ended is the one before.
            LocalDate fired = Instant.parse(scheduledTime.toString()).atOffset(ZoneOffset.UTC).toLocalDate();
            return new PlannerInput(fired.minusDays(1), "schedule");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable date or time in the input: " + e.getParsedString(), e);
        }
    }
}
