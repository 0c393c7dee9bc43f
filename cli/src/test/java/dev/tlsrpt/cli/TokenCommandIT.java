package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.tlsrpt.cli.Cli.Run;

/** `tlsrpt token ...` run as a user runs it, against the emulator. */
class TokenCommandIT {

    private static Run run(String... args) {
        return Cli.run(args);
    }

    @BeforeEach
    void emptyEmulator() {
        MotoServer.get().reset();
        LocalTables.createTokensTable(Emulated.dynamoDb(), "tlsrpt-tokens");
        TestStack.write("tlsrpt", 16, "unused");
    }

    @Test
    void create_shouldPrintATokenThatAuthenticatesAndStoreOnlyItsHash() {
        Run created = run("token", "create", "--name", "mta1.example.net");

        assertThat(created.exitCode()).isZero();
        String token = created.out().strip();
        assertThat(token).startsWith("tlsrpt_");
        assertThat(created.err()).contains("cannot be shown again");
        DynamoDbTokenStore store = new DynamoDbTokenStore(Emulated.dynamoDb(), "tlsrpt-tokens", Clock.systemUTC());
        assertThat(store.authenticate(token)).hasValueSatisfying(info -> assertThat(info.name()).isEqualTo("mta1.example.net"));
        String secret = token.substring(token.lastIndexOf('_') + 1);
        assertThat(Emulated.dynamoDb().scan(r -> r.tableName("tlsrpt-tokens")).items().toString()).doesNotContain(secret);
    }

    @Test
    void listAndRevoke_shouldShowStateAndRefuseTheTokenAfterwards() throws Exception {
        String token = run("token", "create", "--name", "mta2").out().strip();
        String id = token.substring("tlsrpt_".length(), token.lastIndexOf('_'));

        Run revoked = run("token", "revoke", id);
        Run listed = run("token", "list", "--json");
        Run table = run("token", "list");

        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).contains("revoked " + id);
        JsonNode entry = Json.MAPPER.readTree(listed.out()).get(0);
        assertThat(entry.get("id").textValue()).isEqualTo(id);
        assertThat(entry.get("active").booleanValue()).isFalse();
        assertThat(listed.out()).doesNotContain(token.substring(token.lastIndexOf('_') + 1));
        assertThat(table.out()).contains("revoked").contains("mta2");
        assertThat(new DynamoDbTokenStore(Emulated.dynamoDb(), "tlsrpt-tokens", Clock.systemUTC()).authenticate(token)).isEmpty();
    }

    @Test
    void badArguments_shouldExitNonZeroWithAMessageAndNoStackTrace() {
        Run missingName = run("token", "create");
        Run unknownId = run("token", "revoke", "no-such-id");
        Run unknownCommand = run("token", "rotate");
        Run dashedId = run("token", "revoke", "--", "-Ab3");

        assertThat(missingName.exitCode()).isEqualTo(2);
        assertThat(missingName.err()).contains("Missing required option: '--name");
        assertThat(unknownId.exitCode()).isEqualTo(1);
        assertThat(unknownId.err()).contains("no token with id no-such-id");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(dashedId.exitCode()).isEqualTo(1);
        assertThat(dashedId.err()).contains("no token with id -Ab3");
        for (Run run : new Run[] {missingName, unknownId, unknownCommand, dashedId}) {
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void help_shouldBeOfferedOnEveryCommand() {
        for (String[] command : new String[][] {{"--help"}, {"token", "--help"}, {"token", "create", "--help"},
                {"token", "list", "--help"}, {"token", "revoke", "--help"}, {"local", "--help"}, {"lookup", "--help"},
                {"preview", "--help"}, {"status", "--help"}, {"backfill", "--help"}, {"suppress", "--help"},
                {"suppress", "add", "--help"}, {"suppress", "list", "--help"}, {"suppress", "extend", "--help"},
                {"suppress", "remove", "--help"}}) {
            Run help = run(command);
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).contains("Usage:");
        }
    }
}
