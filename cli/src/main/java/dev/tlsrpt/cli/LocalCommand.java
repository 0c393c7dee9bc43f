package dev.tlsrpt.cli;

import dev.tlsrpt.archive.ReportArchive;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@code tlsrpt local}: the product on this machine against the AWS emulator: creates the tables, a token,
 * serves the ingest API on loopback, and (with --demo) submits the sample batch in events/.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the ingest API on this machine against the AWS emulator (AWS_ENDPOINT_URL on loopback).")
final class LocalCommand implements Callable<Integer> {
    /** The template's default ResultShards; the local run of the daily job uses the same. */
    static final int LOCAL_SHARDS = 16;

    @Mixin AwsOptions aws;
    @Mixin ArchiveCommand.BucketOption archiveBucket;
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "8787", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--demo", description = "Submit the sample batch of events/ingest-results.json (twice: accepted, "
            + "then duplicate), then run the daily run for its day: planner and worker, DNS from events/local.zone, "
            + "SES in the emulator, https reports to a local receiver; outputs in --out.")
    boolean demo;

    @Option(names = "--exit", description = "Stop after the demo instead of serving until interrupted.")
    boolean exit;

    @Option(names = "--events", defaultValue = "events", description = "The events folder (default: ${DEFAULT-VALUE}).")
    Path events;

    @Option(names = "--out", defaultValue = "out", description = "Where the demo writes the messages SES accepted "
            + "and the HTTPS bodies (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--day", defaultValue = "2026-11-28", description = "The day the demo reports (the sample's; default: ${DEFAULT-VALUE}).")
    LocalDate day;

    @Override
    public Integer call() throws Exception {
        // The SDK's own endpoint settings: the environment, or the system property tests set.
        String endpoint = System.getenv().getOrDefault("AWS_ENDPOINT_URL", System.getProperty("aws.endpointUrl"));
        if (endpoint == null || !isLoopback(URI.create(endpoint))) {
            throw new IllegalStateException("`tlsrpt local` runs against the emulator only: set AWS_ENDPOINT_URL "
                    + "to its loopback address (scripts/run-local does this)");
        }
        PrintWriter out = spec.commandLine().getOut();
        DynamoDbClient dynamo = aws.dynamoDb();
        LocalTables.createResultsTable(dynamo, aws.table("results"));
        LocalTables.createTokensTable(dynamo, aws.table("tokens"));
        SuppressionTableDefinition.create(dynamo, aws.table("suppression"));
        LocalTables.create(dynamo, aws.table("ledger"), true);
        LocalTables.createRulesTable(dynamo, aws.table("rules"));
        StackSettings stack = localStack();
        try (SsmClient ssm = aws.ssm()) {
            stack.save(ssm);
        }
        ReportArchive archive = archiveBucket.createInEmulator(aws, stack);
        Clock clock = Clock.systemUTC();
        DynamoDbTokenStore tokens = new DynamoDbTokenStore(dynamo, stack.tokensTable(), clock);
        ApiToken token = tokens.create("local-demo");
        // The API accepts only days that can still be reported: for the demo it runs as if it were early on
        // the day after the sample's day, so that day is accepted whenever the demo runs.
        Clock apiClock = demo ? Clock.offset(clock, Duration.between(clock.instant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).plusMinutes(10).toInstant())) : clock;
        IngestApi api = new IngestApi(tokens, new DynamoDbResultStore(dynamo, stack.resultsTable(), stack.resultShards(), apiClock), apiClock);
        try (LocalApi local = new LocalApi(api, port)) {
            out.println("Ingest API: " + local.url() + "/v1/results   (emulator: " + endpoint + ")");
            out.println("Token for this run: " + token.value());
            out.println();
            out.println("Submit results:");
            out.println("  curl -i -X POST " + local.url() + "/v1/results \\");
            out.println("    -H 'Authorization: Bearer " + token.value() + "' \\");
            out.println("    -H 'Content-Type: application/json' \\");
            out.println("    --data \"$(jq -r .body " + events.resolve("ingest-results.json") + ")\"");
            out.flush();
            if (demo) {
                runDemo(out, local.url(), token.value());
                // A reporting address that bounced: it gets no report, the domain's other addresses do.
                new DynamoDbSuppressionList(dynamo, aws.table("suppression")).upsert(new Suppression("bounced@example.com",
                        null, "demo: permanent bounce", SuppressionSource.OPERATOR, null, clock.instant()));
                out.println("demo: suppressed bounced@example.com");
                new LocalReportingRun(dynamo, aws, events.resolve("local.zone"), output, out, archive).run(day);
            }
            if (!exit) {
                try (var dashboard = DashboardCommand.start(aws, archiveBucket, 0, 5000, demo ? day : null)) {
                    out.println();
                    out.println("Dashboard: " + dashboard.url());
                    out.println("Serving; stop with Ctrl-C.");
                    out.flush();
                    new CountDownLatch(1).await();
                }
            }
        }
        return 0;
    }

    /**
     * The local stack's settings item, as template.yaml writes a deployed stack's, so that every other
     * command works against the local stack too. Its report queue exists for `tlsrpt backfill`; the demo's
     * daily run hands jobs to its worker in-process. No functions: nothing is deployed.
     */
    private StackSettings localStack() {
        String queueUrl;
        try (SqsClient sqs = aws.sqs()) {
            queueUrl = sqs.createQueue(r -> r.queueName(aws.table("reports"))).queueUrl();
        }
        return new StackSettings(aws.stack, aws.table("results"), aws.table("tokens"), aws.table("ledger"),
                aws.table("suppression"), aws.table("rules"), aws.table("archive"), queueUrl, aws.table("reports"), LOCAL_SHARDS,
                LocalReportingRun.SETTINGS.submitterDomain(), LocalReportingRun.SETTINGS.fromAddress(),
                LocalReportingRun.DKIM_SELECTOR, "/" + aws.stack + "/dkim/private-key", aws.table("reports"), SendCaps.DEFAULTS,
                Map.of());
    }

    private void runDemo(PrintWriter out, String url, String token) throws Exception {
        // The same API Gateway event `sam local invoke -e` takes; its body is the sample batch.
        byte[] body = Json.MAPPER.readTree(events.resolve("ingest-results.json").toFile()).get("body").textValue()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        String key = UUID.randomUUID().toString();
        out.println();
        for (String attempt : new String[] {"first", "again"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/results"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            out.println("demo: POST sample batch (" + attempt + ") -> " + response.statusCode() + " " + response.body());
        }
        HttpResponse<String> unauthorised = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/results"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        out.println("demo: POST without a token -> " + unauthorised.statusCode() + " " + unauthorised.body());
        out.flush();
    }

    private static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }
}
