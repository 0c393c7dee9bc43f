package dev.tlsrpt.send.events;

import dev.tlsrpt.send.ReportOutcome;
import java.util.Locale;

/**
 * Where a failure came from, coarse enough for one alarm each: the TLSRPT record lookup, SES, the HTTPS
 * receiver, the DKIM key, or anything else. The metric dimension {@code ReasonClass} carries the wire
 * name.
 */
public enum ReasonClass {
    DNS("dns"), SES("ses"), HTTPS("https"), DKIM("dkim"), OTHER("other");

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
            // "no DKIM key: ..." is recorded before any send; every other e-mail failure is SES's answer.
            case EMAIL -> reason.startsWith("no dkim key") ? DKIM : SES;
            case NONE -> reason.contains("tlsrpt record") ? DNS : OTHER;
        };
    }
}
