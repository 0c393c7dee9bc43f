package dev.tlsrpt.tlsrpt;

import java.util.Locale;

/**
 * The safety valves against a hostile or broken TLSRPT record (docs/design.md 2.10): how many of one record's
 * URIs are used, and how many reports one reporting address and one reporting domain get per UTC day. The
 * defaults sit far above what a large aggregator of reports receives from one sender, so only a record that
 * points many domains' reports at one victim hits them.
 *
 * @param urisPerRecord           distinct URIs used of one record, in the record's order; the rest are ignored
 * @param reportsPerAddressPerDay reports one {@code mailto:} address or {@code https} URI gets per day
 * @param reportsPerDomainPerDay  reports one reporting domain (the address's domain, the URI's host) gets per day
 */
public record SendCaps(int urisPerRecord, int reportsPerAddressPerDay, int reportsPerDomainPerDay) {
    public static final int MAX_URIS_PER_RECORD = 100;
    public static final int MAX_REPORTS_PER_DAY = 1_000_000;
    public static final SendCaps DEFAULTS = new SendCaps(10, 10_000, 50_000);

    public SendCaps {
        check("urisPerRecord", urisPerRecord, MAX_URIS_PER_RECORD);
        check("reportsPerAddressPerDay", reportsPerAddressPerDay, MAX_REPORTS_PER_DAY);
        check("reportsPerDomainPerDay", reportsPerDomainPerDay, MAX_REPORTS_PER_DAY);
    }

    /** Which cap decided a target; the wire name is the {@code Cap} dimension of metric {@code SendCapsHit}. */
    public enum Cap {
        URIS_PER_RECORD, REPORTS_PER_ADDRESS, REPORTS_PER_DOMAIN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The reason recorded for a target the cap kept from a report. */
    public String reason(Cap cap) {
        return switch (cap) {
            case URIS_PER_RECORD -> "cap: only the first " + urisPerRecord + " URIs of a record are used";
            case REPORTS_PER_ADDRESS -> "cap: " + reportsPerAddressPerDay + " reports to this address today";
            case REPORTS_PER_DOMAIN -> "cap: " + reportsPerDomainPerDay + " reports to this reporting domain today";
        };
    }

    private static void check(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(name + " must be between 1 and " + max + ", not " + value);
        }
    }
}
