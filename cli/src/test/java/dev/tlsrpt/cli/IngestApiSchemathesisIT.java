package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.MotoServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Schemathesis (someone else's reading of docs/openapi.yaml) against the local API on loopback with a real
 * token, the real IngestApi and DynamoDB in the emulator: requests that fit the schema and requests that
 * break it, and not one answer may be a 5xx, an undocumented status or a body outside its schema.
 */
class IngestApiSchemathesisIT {
    /** Examples per operation and mode: enough to reach every field rule, bounded to keep the run short. */
    private static final String MAX_EXAMPLES = "100";

    @Test
    void schemathesis_shouldFindNoServerErrorAndNoAnswerOutsideTheContract() throws Exception {
        Path root = Path.of(System.getProperty("tlsrpt.root", ".."));
        Path schemathesis = Path.of(System.getProperty("tlsrpt.venv", root.resolve(".venv").toString()), "bin", "schemathesis");
        assertThat(schemathesis).as("schemathesis in the venv (run: source scripts/venv.sh)").isExecutable();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        MotoServer.get().reset();
        DynamoDbClient dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        Clock clock = Clock.systemUTC();
        DynamoDbTokenStore tokens = new DynamoDbTokenStore(dynamo, "tlsrpt-tokens", clock);
        ApiToken token = tokens.create("schemathesis.example.net");
        Path output = Files.createTempFile("schemathesis", ".txt");
        // Schemathesis keeps its example database in the working directory: not in the repository.
        Path workDir = Files.createTempDirectory("schemathesis");
        try (LocalApi api = new LocalApi(new IngestApi(tokens, new DynamoDbResultStore(dynamo, "tlsrpt-results", 16, clock), clock), 0)) {
            Process process = new ProcessBuilder(schemathesis.toString(), "run", root.resolve("docs/openapi.yaml").toString(),
                    "--url", api.url(),
                    "--header", "Authorization: Bearer " + token.value(),
                    "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                    "--max-examples", MAX_EXAMPLES, "--seed", "8460", "--workers", "2", "--request-timeout", "30")
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(4, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String report = Files.readString(output);
            assertThat(finished).as("schemathesis finished in time:\n%s", report).isTrue();
            assertThat(process.exitValue()).as("schemathesis found no failure:\n%s", report).isZero();
            stdout.println(report.lines().filter(line -> line.contains("passed") || line.contains("generated")
                    || line.contains("cases")).reduce("", (a, b) -> a + b + "\n"));
        } finally {
            System.setOut(stdout);
            Files.deleteIfExists(output);
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
