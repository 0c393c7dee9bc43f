package dev.tlsrpt.function.suppression;

import dev.tlsrpt.suppression.AlreadySuppressedException;
import dev.tlsrpt.suppression.DefaultSuppressionDays;
import dev.tlsrpt.suppression.NotSuppressedException;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionList;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.tlsrpt.ReportingAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns SES feedback about report emails into suppression entries (docs/design.md 2.8): a permanent bounce or
 * a complaint suppresses the recipient for the configured time; transient and undetermined bounces do not
 * (the next day's report simply tries again). An entry that already lasts longer is left alone. Feedback
 * about an address whose earlier suppression has ended (its entry is kept a while after, see
 * {@code SuppressionTableDefinition.EXPIRY_GRACE}) is a further strike: twice as long each time.
 */
final class FeedbackSuppressor {
    private final SuppressionList list;
    private final Duration duration;
    private final String fromAddress;

    FeedbackSuppressor(SuppressionList list, Duration duration, String fromAddress) {
        this.list = list;
        this.duration = duration;
        this.fromAddress = fromAddress;
    }

    /** What became of one notification, one line per recipient, for the log. */
    List<String> apply(SesNotification notification, Instant now) {
        SuppressionSource source = switch (notification.kind()) {
            case PERMANENT_BOUNCE -> SuppressionSource.SES_BOUNCE;
            case COMPLAINT -> SuppressionSource.SES_COMPLAINT;
            default -> null;
        };
        if (source == null) {
            return List.of("ignored " + notification.kind() + " (" + notification.detail() + ")");
        }
        if (fromAddress != null && !notification.sentFrom(fromAddress)) {
            return List.of("ignored " + notification.kind() + ": message " + notification.messageId()
                    + " was not sent from " + fromAddress);
        }
        List<String> outcomes = new ArrayList<>();
        for (String recipient : notification.recipients()) {
            outcomes.add(suppress(recipient, source, notification, now));
        }
        return outcomes;
    }

    private String suppress(String recipient, SuppressionSource source, SesNotification notification, Instant now) {
        if (!ReportingAddress.isValid(recipient)) {
            return "skipped a recipient that is not an address";
        }
        // An ended suppression from feedback makes this a further strike; an operator's entry or none starts at 1.
        Optional<Suppression> ended = list.find(recipient).filter(e -> !e.isActive(now) && e.strikes() > 0);
        int strike = ended.map(e -> e.strikes() + 1).orElse(1);
        Instant until = now.plus(DefaultSuppressionDays.lengthened(duration, strike));
        Suppression entry = new Suppression(recipient, until, notification.detail(), source,
                notification.messageId() == null ? null : "SES message " + notification.messageId(), now, strike);
        try {
            list.add(entry, now);
            return "suppressed " + entry.address() + " until " + until + " (" + source.wireName()
                    + (strike > 1 ? ", strike " + strike + ": " + java.time.Duration.between(now, until).toDays() + " days" : "")
                    + ")";
        } catch (AlreadySuppressedException e) {
            Suppression existing = e.existing();
            if (existing.isPermanent() || !existing.until().isBefore(entry.until())) {
                return "kept " + existing.address() + ": already suppressed "
                        + (existing.isPermanent() ? "permanently" : "until " + existing.until());
            }
            try {
                list.extend(existing.address(), entry.until());
                return "extended " + existing.address() + " until " + entry.until() + " (" + source.wireName() + ")";
            } catch (NotSuppressedException removedMeanwhile) {
                list.upsert(entry);
                return "suppressed " + entry.address() + " until " + until + " (" + source.wireName() + ")";
            }
        }
    }
}
