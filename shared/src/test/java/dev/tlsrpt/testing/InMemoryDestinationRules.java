package dev.tlsrpt.testing;

import dev.tlsrpt.send.DestinationRules;
import dev.tlsrpt.tlsrpt.DestinationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Destination rules in memory, for unit tests; DynamoDbDestinationRulesIT checks the table. */
public final class InMemoryDestinationRules implements DestinationRules {
    private final Map<String, DestinationRule> rules = new LinkedHashMap<>();
    private int reads;

    public InMemoryDestinationRules(DestinationRule... rules) {
        for (DestinationRule rule : rules) {
            put(rule);
        }
    }

    @Override
    public synchronized List<DestinationRule> list() {
        reads++;
        return new ArrayList<>(rules.values());
    }

    @Override
    public synchronized void put(DestinationRule rule) {
        rules.put(rule.id(), rule);
    }

    @Override
    public synchronized boolean remove(String id) {
        return rules.remove(id) != null;
    }

    /** How often the rules were read. */
    public synchronized int reads() {
        return reads;
    }
}
