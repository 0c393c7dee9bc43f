package dev.tlsrpt.tlsrpt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** RFC 8460 section 4.4 "date-range", RFC 3339 date-times in UTC. */
@JsonPropertyOrder({"start-datetime", "end-datetime"})
public record DateRange(@JsonIgnore Instant start, @JsonIgnore Instant end) {

    public DateRange {
        Objects.requireNonNull(start, "start-datetime");
        Objects.requireNonNull(end, "end-datetime");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end-datetime must not be before start-datetime");
        }
    }

    /** The range a daily report covers: the day from T00:00:00Z to T23:59:59Z (docs/design.md 2.4). */
    public static DateRange ofDay(LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new DateRange(start, start.plusSeconds(86_399));
    }

    @JsonCreator
    static DateRange fromJson(@JsonProperty("start-datetime") String start, @JsonProperty("end-datetime") String end) {
        if (start == null || end == null) {
            throw new IllegalArgumentException("date-range needs start-datetime and end-datetime");
        }
        return new DateRange(Instant.parse(start), Instant.parse(end));
    }

    @JsonGetter("start-datetime")
    String startJson() {
        return start.toString();
    }

    @JsonGetter("end-datetime")
    String endJson() {
        return end.toString();
    }
}
