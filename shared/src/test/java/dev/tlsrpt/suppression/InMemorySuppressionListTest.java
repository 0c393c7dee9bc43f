package dev.tlsrpt.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySuppressionListTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final SuppressionList list = new InMemorySuppressionList();

    @Test
    void filter_dropsOnlyActiveEntries_andKeepsTheOthersInOrder() throws Exception {
        // GIVEN one active and one expired entry
        list.add(entry("active@example.com", NOW.plus(Duration.ofDays(1))), NOW);
        list.add(entry("expired@example.com", NOW.minusSeconds(1)), NOW);

        // WHEN
        List<String> allowed = list.filter(List.of("other@example.com", "Active@EXAMPLE.com", "active@example.com",
                "expired@example.com", "not an address"), NOW);

        // THEN neither the local part's case nor the domain's matters: one reporting address
        assertThat(allowed).containsExactly("other@example.com", "expired@example.com", "not an address");
    }

    @Test
    void add_refusesAnActiveEntry_butReplacesAnExpiredOne() throws Exception {
        list.add(entry("r@example.com", NOW.plusSeconds(60)), NOW);
        assertThatThrownBy(() -> list.add(entry("r@example.com", null), NOW))
                .isInstanceOf(AlreadySuppressedException.class)
                .hasMessage("r@example.com is already suppressed until 2026-11-28T12:01:00Z");

        list.add(entry("r@example.com", null), NOW.plusSeconds(60));
        assertThat(list.find("r@example.com")).get().extracting(Suppression::isPermanent).isEqualTo(true);
    }

    @Test
    void extend_andRemove_needAnEntry() {
        assertThatThrownBy(() -> list.extend("r@example.com", NOW)).isInstanceOf(NotSuppressedException.class);
        assertThat(list.remove("r@example.com")).isFalse();
    }

    @Test
    void suppression_isActiveUntilItsEnd_exclusive() {
        Suppression entry = entry("r@example.com", NOW);
        assertThat(entry.isActive(NOW.minusSeconds(1))).isTrue();
        assertThat(entry.isActive(NOW)).isFalse();
        assertThat(entry("r@example.com", null).isActive(Instant.MAX)).isTrue();
    }

    private static Suppression entry(String address, Instant until) {
        return new Suppression(address, until, "test", SuppressionSource.OPERATOR, null, NOW);
    }
}
