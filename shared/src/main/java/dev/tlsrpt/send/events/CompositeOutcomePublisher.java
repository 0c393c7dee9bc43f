package dev.tlsrpt.send.events;

import dev.tlsrpt.send.OutcomePublisher;
import dev.tlsrpt.send.ReportOutcome;
import java.lang.System.Logger.Level;
import java.util.List;

/** Hands each outcome to every publisher (events and metrics); one failing never stops the others. */
public final class CompositeOutcomePublisher implements OutcomePublisher {
    private static final System.Logger LOG = System.getLogger(CompositeOutcomePublisher.class.getName());

    private final List<OutcomePublisher> publishers;

    public CompositeOutcomePublisher(List<OutcomePublisher> publishers) {
        this.publishers = List.copyOf(publishers);
    }

    public static CompositeOutcomePublisher of(OutcomePublisher... publishers) {
        return new CompositeOutcomePublisher(List.of(publishers));
    }

    @Override
    public void publish(ReportOutcome outcome) {
        for (OutcomePublisher publisher : publishers) {
            try {
                publisher.publish(outcome);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "outcome not published by {0}: {1}", publisher.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public void flush() {
        for (OutcomePublisher publisher : publishers) {
            try {
                publisher.flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "outcomes not flushed by {0}: {1}", publisher.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
