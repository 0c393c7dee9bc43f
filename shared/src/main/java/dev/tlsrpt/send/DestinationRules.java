package dev.tlsrpt.send;

import dev.tlsrpt.tlsrpt.DestinationRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The operator's destination rules (docs/design.md 2.12), managed with {@code tlsrpt rules} and read by the
 * worker (DynamoDB in production: the rules table).
 */
public interface DestinationRules {

    /** No rules: every URI as its record says. */
    DestinationRules NONE = new DestinationRules() {
        @Override
        public List<DestinationRule> list() {
            return List.of();
        }

        @Override
        public void put(DestinationRule rule) {
            throw new UnsupportedOperationException("no rules table");
        }

        @Override
        public boolean remove(String id) {
            return false;
        }
    };

    /** Every rule, in no particular order ({@link dev.tlsrpt.tlsrpt.TargetPlan} orders them). */
    List<DestinationRule> list();

    /** Adds the rule, or replaces the one with its id. */
    void put(DestinationRule rule);

    /** Removes the rule; false when there was none of that id. */
    boolean remove(String id);

    /**
     * These rules, read at most once per {@code maxAge}: a worker reads them once for many jobs, and sees an
     * operator's change within that time.
     */
    static DestinationRules cached(DestinationRules rules, Duration maxAge, Clock clock) {
        return new DestinationRules() {
            private List<DestinationRule> current;
            private Instant readAt;

            @Override
            public synchronized List<DestinationRule> list() {
                Instant now = clock.instant();
                if (current == null || !now.isBefore(readAt.plus(maxAge))) {
                    current = List.copyOf(rules.list());
                    readAt = now;
                }
                return current;
            }

            @Override
            public synchronized void put(DestinationRule rule) {
                rules.put(rule);
                current = null;
            }

            @Override
            public synchronized boolean remove(String id) {
                current = null;
                return rules.remove(id);
            }
        };
    }
}
