package dev.tlsrpt.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.suppression.AlreadySuppressedException;
import dev.tlsrpt.suppression.NotSuppressedException;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The suppression list against the emulator: conditions, TTL attribute, normalised keys. */
class DynamoDbSuppressionListIT {
    private static final String TABLE = "tlsrpt-suppression";
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private DynamoDbClient dynamo;
    private DynamoDbSuppressionList list;

    @BeforeEach
    void setUp() {
        MotoServer.get().reset();
        dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        SuppressionTableDefinition.create(dynamo, TABLE);
        list = new DynamoDbSuppressionList(dynamo, TABLE);
    }

    @Test
    void activeEntry_suppressesThatRecipientAndNoOther() throws Exception {
        list.add(operator("reports@example.com", NOW.plus(Duration.ofDays(7))), NOW);

        assertThat(list.isSuppressed("reports@example.com", NOW)).isTrue();
        assertThat(list.isSuppressed("reports@example.org", NOW)).isFalse();
        assertThat(list.isSuppressed("other@example.com", NOW)).isFalse();
        assertThat(list.filter(List.of("reports@example.com", "other@example.com"), NOW)).containsExactly("other@example.com");
    }

    @Test
    void expiredEntry_doesNotSuppress_andCanBeAddedAgain() throws Exception {
        list.add(operator("reports@example.com", NOW.minusSeconds(1)), NOW.minus(Duration.ofDays(1)));
        assertThat(list.isSuppressed("reports@example.com", NOW)).isFalse();

        list.add(operator("reports@example.com", null), NOW);

        assertThat(list.isSuppressed("reports@example.com", NOW.plus(Duration.ofDays(3650)))).isTrue();
    }

    @Test
    void add_ofAnActiveEntry_isRefused_andReturnsTheExistingOne() throws Exception {
        Suppression first = operator("reports@example.com", NOW.plus(Duration.ofDays(7)));
        list.add(first, NOW);

        assertThatThrownBy(() -> list.add(operator("reports@example.com", null), NOW))
                .isInstanceOfSatisfying(AlreadySuppressedException.class, e -> assertThat(e.existing()).isEqualTo(first));
        assertThat(list.find("reports@example.com")).contains(first);
    }

    @Test
    void extend_andRemove_takeEffect() throws Exception {
        list.add(operator("reports@example.com", NOW.plusSeconds(60)), NOW);

        Suppression extended = list.extend("reports@example.com", NOW.plus(Duration.ofDays(30)));
        assertThat(extended.until()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(extended.reason()).isEqualTo("moved away");
        assertThat(list.isSuppressed("reports@example.com", NOW.plus(Duration.ofDays(29)))).isTrue();

        assertThat(list.extend("reports@example.com", null).isPermanent()).isTrue();
        assertThat(item("reports@example.com")).doesNotContainKeys("until", "expires");

        assertThat(list.remove("reports@example.com")).isTrue();
        assertThat(list.isSuppressed("reports@example.com", NOW)).isFalse();
        assertThat(list.remove("reports@example.com")).isFalse();
        assertThatThrownBy(() -> list.extend("reports@example.com", NOW.plusSeconds(60)))
                .isInstanceOf(NotSuppressedException.class);
    }

    @Test
    void idnAddressTypedAsULabel_suppressesTheALabelRecipient() throws Exception {
        list.add(operator("tlsrpt@Bücher.example", null), NOW);

        assertThat(list.isSuppressed("tlsrpt@xn--bcher-kva.example", NOW)).isTrue();
        assertThat(list.isSuppressed("tlsrpt@bücher.EXAMPLE", NOW)).isTrue();
        assertThat(item("tlsrpt@xn--bcher-kva.example")).isNotEmpty();
    }

    @Test
    void entry_suppressesTheAddressWhateverTheCaseOfItsLocalPart() throws Exception {
        // GIVEN the address as an operator typed it
        list.add(operator("tls@example.com", null), NOW);

        // THEN the record's spelling is suppressed too, and both are one entry
        assertThat(list.isSuppressed("TLS@Example.COM", NOW)).isTrue();
        assertThat(list.filter(List.of("TLS@example.com", "other@example.com"), NOW)).containsExactly("other@example.com");
        assertThat(list.find("Tls@example.com")).get().extracting(Suppression::address).isEqualTo("tls@example.com");
        assertThat(list.remove("TLS@example.com")).isTrue();
        assertThat(list.list()).isEmpty();
    }

    @Test
    void item_carriesUntilAsEpochSeconds_andTtlAfterUntil() throws Exception {
        Instant until = NOW.plus(Duration.ofDays(7));
        list.add(new Suppression("reports@example.com", until, "bounced", SuppressionSource.SES_BOUNCE, "id 1", NOW), NOW);

        Map<String, AttributeValue> item = item("reports@example.com");
        assertThat(item.get("until").n()).isEqualTo(Long.toString(until.getEpochSecond()));
        assertThat(Long.parseLong(item.get("expires").n())).isGreaterThan(until.getEpochSecond());
        assertThat(item.get("source").s()).isEqualTo("ses-bounce");
        assertThat(list.list()).singleElement().satisfies(entry -> {
            assertThat(entry.comment()).isEqualTo("id 1");
            assertThat(entry.created()).isEqualTo(NOW);
        });
    }

    @Test
    void list_returnsAllEntriesByAddress() throws Exception {
        list.add(operator("b@example.com", null), NOW);
        list.add(operator("a@example.com", NOW.minusSeconds(10)), NOW.minusSeconds(20));

        assertThat(list.list()).extracting(Suppression::address).containsExactly("a@example.com", "b@example.com");
    }

    private Map<String, AttributeValue> item(String key) {
        return dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(key)))).item();
    }

    private static Suppression operator(String address, Instant until) {
        return new Suppression(address, until, "moved away", SuppressionSource.OPERATOR, null, NOW);
    }
}
