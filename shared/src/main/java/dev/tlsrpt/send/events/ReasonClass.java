package dev.tlsrpt.send.events;

import dev.tlsrpt.send.ReportOutcome;
import java.util.Locale;

/**
 * Where a failure came from, coarse enough for one alarm each: the TLSRPT record lookup, SES, the HTTPS
 * receiver, or anything else. A missing DKIM key fails no report (the reports wait, docs/design.md 2.5): it
 * has its own metric, {@code DkimKeyUnavailable}. The metric dimension {@code ReasonClass} carries the wire
 * name.
 */
public enum ReasonClass {
    DNS("dns"), SES("ses"), HTTPS("https"), OTHER("other");

    private final String wireName;

    ReasonClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Read from the outcome's channel, and for e-mail and destination-level outcomes from its reason. */
    public static ReasonClass of(ReportOutcome outcome) {
        String reason = outcome.reason() == null ? "" : outcome.reason().toLowerCase(Locale.ROOT);
        return switch (outcome.channel()) {
            case HTTPS -> HTTPS;
            // An e-mail fails only on SES's answer.
            case EMAIL -> SES;
            case NONE -> reason.contains("tlsrpt record") ? DNS : OTHER;
        };
    }
}
