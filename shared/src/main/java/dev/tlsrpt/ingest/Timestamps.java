package dev.tlsrpt.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A result's {@code time}: what {@link Instant#parse} accepts (RFC 3339 in UTC, docs/design.md 3). The form
 * MTAs send, {@code 2026-11-28T13:45:07Z} with up to nine fraction digits, is read here directly; everything
 * else (offsets, lower case, leap and 24:00 seconds, other years) goes to {@link Instant#parse}, which is
 * many times slower under the C1 compiler the functions run with (docs/design.md 4.1).
 */
final class Timestamps {
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Timestamps() {
    }

    /** The instant {@code text} names; throws {@link DateTimeException} when it names none. */
    static Instant parse(String text) {
        Instant common = common(text);
        return common != null ? common : Instant.parse(text);
    }

    // "yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z", years 1000 to 9999, fields in their ordinary ranges; else null.
    private static Instant common(String s) {
        int length = s.length();
        if (length < 20 || length > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(s, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POW10[9 - fractionDigits];
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    private static int lengthOfMonth(int year, int month) {
        return LocalDate.of(year, month, 1).lengthOfMonth();
    }

    // The decimal value of s[start, start + count), or -1 if a character is not an ASCII digit.
    private static int digits(String s, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
