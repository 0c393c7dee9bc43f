package dev.tlsrpt.cli;

import static dev.tlsrpt.cli.SuppressCommandTest.assertNoStackTrace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** `tlsrpt suppress ...` as an operator runs it, against the suppression table on the emulator. */
class SuppressCommandIT {
    private static final String STACK = "it";

    private DynamoDbSuppressionList list;

    @BeforeEach
    void setUp() {
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        SuppressionTableDefinition.create(dynamo, STACK + "-suppression");
        list = new DynamoDbSuppressionList(dynamo, STACK + "-suppression");
        TestStack.write(STACK, 16, "unused");
    }

    @Test
    void add_suppressesThatRecipientAndNoOther() {
        CommandRun run = suppress("add", "tls-reports@Example.NET", "--for", "30d", "--reason", "mailbox gone");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("suppressed tls-reports@example.net until ");
        Instant now = Instant.now();
        assertThat(list.isSuppressed("tls-reports@example.net", now)).isTrue();
        assertThat(list.isSuppressed("tls-reports@example.net", now.plus(Duration.ofDays(31)))).isFalse();
        assertThat(list.isSuppressed("postmaster@example.net", now)).isFalse();
        assertThat(list.find("tls-reports@example.net")).get().satisfies(entry -> {
            assertThat(entry.source()).isEqualTo(SuppressionSource.OPERATOR);
            assertThat(entry.reason()).isEqualTo("mailbox gone");
        });
    }

    @Test
    void add_ofAnIdnAddressAsULabel_suppressesTheALabelRecipient() {
        CommandRun run = suppress("add", "tlsrpt@Bücher.example");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("suppressed tlsrpt@xn--bcher-kva.example permanently" + System.lineSeparator());
        assertThat(list.isSuppressed("tlsrpt@xn--bcher-kva.example", Instant.now())).isTrue();

        assertThat(suppress("remove", "tlsrpt@bücher.example").exitCode()).isZero();
        assertThat(list.isSuppressed("tlsrpt@xn--bcher-kva.example", Instant.now())).isFalse();
    }

    @Test
    void add_ofAnActiveEntry_failsAndKeepsIt() {
        suppress("add", "r@example.com", "--until", "2099-01-01");

        CommandRun again = suppress("add", "r@example.com");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("error: r@example.com is already suppressed until 2099-01-01T00:00:00Z; "
                + "use `tlsrpt suppress extend`");
        assertNoStackTrace(again);
        assertThat(list.find("r@example.com")).get().extracting(Suppression::until).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    }

    @Test
    void expiredEntry_doesNotSuppress_isListedAsExpired_andCanBeAddedAgain() {
        Instant now = Instant.now();
        list.upsert(new Suppression("old@example.com", now.minusSeconds(60), "was full", SuppressionSource.SES_BOUNCE, null,
                now.minus(Duration.ofDays(90))));
        assertThat(list.isSuppressed("old@example.com", now)).isFalse();

        CommandRun all = suppress("list");
        CommandRun active = suppress("list", "--active");

        assertThat(all.out()).containsPattern("old@example.com +expired +\\S+ +ses-bounce");
        assertThat(active.out()).isEqualTo("no suppressed addresses" + System.lineSeparator());
        assertThat(suppress("add", "old@example.com", "--for", "1d").exitCode()).isZero();
        assertThat(list.isSuppressed("old@example.com", Instant.now())).isTrue();
    }

    @Test
    void extend_takesEffect() throws Exception {
        suppress("add", "r@example.com", "--for", "1h");

        CommandRun extended = suppress("extend", "r@example.com", "--until", "2099-01-01", "--json");

        assertThat(extended.exitCode()).isZero();
        JsonNode json = Json.MAPPER.readTree(extended.out());
        assertThat(json.path("until").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(json.path("active").asBoolean()).isTrue();
        assertThat(list.isSuppressed("r@example.com", Instant.parse("2098-12-31T00:00:00Z"))).isTrue();

        assertThat(suppress("extend", "r@example.com", "--permanent").out()).isEqualTo("suppressed r@example.com permanently"
                + System.lineSeparator());
        assertThat(list.find("r@example.com")).get().extracting(Suppression::isPermanent).isEqualTo(true);
    }

    @Test
    void extend_ofAnUnknownAddress_fails() {
        CommandRun run = suppress("extend", "nobody@example.com", "--for", "2w");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: nobody@example.com is not on the suppression list");
        assertNoStackTrace(run);
    }

    @Test
    void remove_takesEffect_andSaysWhenThereWasNothing() {
        suppress("add", "r@example.com");

        CommandRun removed = suppress("remove", "r@example.com");
        CommandRun again = suppress("remove", "r@example.com");

        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).isEqualTo("removed r@example.com" + System.lineSeparator());
        assertThat(list.isSuppressed("r@example.com", Instant.now())).isFalse();
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("error: r@example.com is not on the suppression list");
    }

    @Test
    void list_json_givesEveryEntry() throws Exception {
        suppress("add", "b@example.com", "--comment", "ticket 42");
        suppress("add", "a@example.com", "--for", "7d");

        CommandRun run = suppress("list", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode array = Json.MAPPER.readTree(run.out());
        assertThat(array).hasSize(2);
        assertThat(array.get(0).path("address").asText()).isEqualTo("a@example.com");
        assertThat(array.get(1).path("permanent").asBoolean()).isTrue();
        assertThat(array.get(1).path("comment").asText()).isEqualTo("ticket 42");
        assertThat(array.get(1).has("until")).isFalse();
    }

    @Test
    void missingTable_failsWithAMessage_notAStackTrace() {
        TestStack.write("tables-gone", 16, "unused");

        CommandRun run = CommandRun.of("suppress", "list", "--stack", "tables-gone");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: AWS request failed");
        assertNoStackTrace(run);
    }

    @Test
    void unknownStack_isRefusedNamingTheMissingSettings() {
        CommandRun run = CommandRun.of("suppress", "list", "--stack", "nothing-here");

        assertThat(run.exitCode()).isEqualTo(Tlsrpt.NO_STACK_SETTINGS);
        assertThat(run.err()).contains("no settings for stack \"nothing-here\"", "/nothing-here/settings");
        assertNoStackTrace(run);
    }

    private static CommandRun suppress(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "suppress";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--stack";
        full[args.length + 2] = STACK;
        return CommandRun.of(full);
    }
}
