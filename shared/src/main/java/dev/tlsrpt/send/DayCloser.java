package dev.tlsrpt.send;

import java.time.LocalDate;

/**
 * Closes a day to ingest before it is reported, so that results arriving afterwards are answered as
 * late instead of being counted into a report that has already been planned.
 * ({@code DynamoDbResultStore::closeDay} in production.)
 */
@FunctionalInterface
public interface DayCloser {

    /** Idempotent: closing a closed day again changes nothing. */
    void closeDay(LocalDate day);
}
