package dev.tlsrpt.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.send.DestinationRules;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.tlsrpt.DestinationRule;
import dev.tlsrpt.tlsrpt.DestinationRule.Action;
import dev.tlsrpt.tlsrpt.DestinationRule.Match;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbDestinationRulesIT {
    private DynamoDbDestinationRules rules;

    @BeforeEach
    void emptyTable() {
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createRulesTable(dynamo, "tlsrpt-rules");
        rules = new DynamoDbDestinationRules(dynamo, "tlsrpt-rules");
    }

    @Test
    void everyKindOfRule_shouldReadBackAsWritten_andBeReplacedOrRemovedById() {
        DestinationRule redirect = new DestinationRule("to-ops", 5, Match.DOMAIN, "agg.example", Action.REDIRECT,
                "mailto:ops@sender.example", "aggregator gone");
        DestinationRule regex = new DestinationRule("rx", 7, Match.REGEX, "https://.*\\\\.example/.*", Action.DISCARD, null, null);
        DestinationRule allow = new DestinationRule("ok", 1, Match.URI, "mailto:noc@example.com", Action.ALLOW, null, null);
        rules.put(redirect);
        rules.put(regex);
        rules.put(allow);

        assertThat(rules.list()).containsExactlyInAnyOrder(redirect, regex, allow);

        DestinationRule replaced = new DestinationRule("rx", 8, Match.REGEX, "mailto:.*", Action.COPY, "mailto:a@sender.example", null);
        rules.put(replaced);
        assertThat(rules.remove("ok")).isTrue();
        assertThat(rules.remove("ok")).isFalse();
        assertThat(rules.list()).containsExactlyInAnyOrder(redirect, replaced);
    }

    @Test
    void theWorkersCachedRules_shouldSeeAChangeOnceTheirTimeIsUp() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
        DestinationRules cached = DestinationRules.cached(rules, Duration.ofMinutes(1), clock);
        assertThat(cached.list()).isEmpty();

        rules.put(new DestinationRule("late", 1, Match.DOMAIN, "x.example", Action.DISCARD, null, null));

        assertThat(cached.list()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(cached.list()).extracting(DestinationRule::id).containsExactly("late");
    }
}
