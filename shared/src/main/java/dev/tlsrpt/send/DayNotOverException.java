package dev.tlsrpt.send;

import java.time.LocalDate;

/** The day asked for has not ended in UTC yet (or lies in the future): its reports cannot be planned. */
public final class DayNotOverException extends IllegalArgumentException {
    private final LocalDate day;

    public DayNotOverException(LocalDate day) {
        super(day + " is not over in UTC yet; only past days are reported");
        this.day = day;
    }

    public LocalDate day() {
        return day;
    }
}
