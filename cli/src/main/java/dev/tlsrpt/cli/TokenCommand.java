package dev.tlsrpt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.auth.TokenInfo;
import dev.tlsrpt.auth.TokenStore;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlsrpt token create|list|revoke}: the MTAs allowed to submit results. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Create, list and revoke the bearer tokens MTAs submit results with.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    static TokenStore store(AwsOptions aws) {
        return new DynamoDbTokenStore(aws.dynamoDb(), aws.settings().tokensTable(), Clock.systemUTC());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token for one MTA and print it. It is shown only this once; only its hash is stored.")
    static final class Create implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Option(names = "--name", required = true, description = "A name for the MTA, e.g. its host name.")
        String name;

        @Override
        public Integer call() {
            if (name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--name must be 1 to 100 printable characters");
            }
            ApiToken token = store(aws).create(name);
            PrintWriter out = spec.commandLine().getOut();
            out.println(token.value());
            spec.commandLine().getErr().println("Token " + token.id() + " created for \"" + name
                    + "\". Store it now: it cannot be shown again.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (ids and names, never secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<TokenInfo> tokens = store(aws).list();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                for (TokenInfo token : tokens) {
                    var node = array.addObject().put("id", token.id()).put("name", token.name())
                            .put("created", token.created().toString()).put("active", token.active());
                    if (token.revoked() != null) {
                        node.put("revoked", token.revoked().toString());
                    }
                }
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
                return 0;
            }
            out.printf("%-14s %-8s %-22s %s%n", "ID", "STATE", "CREATED", "NAME");
            for (TokenInfo token : tokens) {
                out.printf("%-14s %-8s %-22s %s%n", token.id(), token.active() ? "active" : "revoked",
                        token.created().toString().substring(0, 19) + "Z", token.name());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a token: requests with it are refused (401) within a minute.")
    static final class Revoke implements Callable<Integer> {
        @Mixin AwsOptions aws;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "ID", description = {"The token's id, as `token list` shows it.",
                "An id that begins with '-' goes after `--`: token revoke -- -Ab3."})
        String id;

        @Override
        public Integer call() {
            if (!store(aws).revoke(id)) {
                spec.commandLine().getErr().println("error: no token with id " + id);
                return 1;
            }
            spec.commandLine().getOut().println("revoked " + id);
            return 0;
        }
    }
}
