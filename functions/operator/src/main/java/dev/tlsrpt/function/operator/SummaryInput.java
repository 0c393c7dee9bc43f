package dev.tlsrpt.function.operator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Which day a summary is for, from its input and never from the clock (as the planner's input):
 * {@code {"scheduledTime": "2026-11-29T06:15:00Z"}} from the schedule, some hours after the daily run on
 * the same UTC date, means the day before; {@code {"day": "2026-11-28"}} names the day.
 */
record SummaryInput(LocalDate day) {
    static SummaryInput of(Map<String, Object> input) {
        Object scheduledTime = input == null ? null : input.get("scheduledTime");
        Object day = input == null ? null : input.get("day");
        if ((scheduledTime == null) == (day == null)) {
            throw new IllegalArgumentException("the input needs either \"scheduledTime\" (from the schedule) "
                    + "or \"day\" (YYYY-MM-DD), not " + (day == null ? "neither" : "both"));
        }
        try {
            if (day != null) {
                return new SummaryInput(LocalDate.parse(day.toString()));
            }
            return new SummaryInput(Instant.parse(scheduledTime.toString()).atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable date or time in the input: " + e.getParsedString(), e);
        }
    }
}
