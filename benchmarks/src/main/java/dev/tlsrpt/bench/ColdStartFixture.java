package dev.tlsrpt.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.dns.ZoneFileTxtResolver;
import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.local.EmulatorOutbox;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.testing.LoopbackDns;
import dev.tlsrpt.tlsrpt.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * What scripts/bench-cold-start measures the functions against: the emulator's tables, queue, bucket, SES
 * identity, event bus and DKIM key, named as the script's environment names them; yesterday's results for
 * {@code runs} recipient domains ({@code w1.example}...), each failing, so that every worker run sends one
 * report; and one event file per run and function in {@code dir}, each realistic and each new to the
 * emulator (a new batch, a new job, a new bounce). Then it serves the domains' TLSRPT records on a
 * loopback DNS server (its address in {@code dir/dns-server}, the queue's in {@code dir/queue-url}) until it
 * is stopped.
 *
 * <p>Arguments: the directory, the number of runs, the sample zone file.
 */
public final class ColdStartFixture {
    static final String SUBMITTER = "example.com";
    static final String FROM = "tlsrpt-noreply@example.com";

    private ColdStartFixture() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int runs = Integer.parseInt(args[1]);
        Path sampleZone = Path.of(args[2]);
        Path events = sampleZone.getParent();
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Clock clock = Clock.systemUTC();

        DynamoDbClient dynamo = DynamoDbClient.create();
        LocalTables.createResultsTable(dynamo, env("RESULTS_TABLE"));
        LocalTables.createTokensTable(dynamo, env("TOKENS_TABLE"));
        SuppressionTableDefinition.create(dynamo, env("SUPPRESSION_TABLE"));
        LocalTables.create(dynamo, env("LEDGER_TABLE"), true);
        LocalTables.createRulesTable(dynamo, env("RULES_TABLE"));
        LocalTables.create(dynamo, env("BASELINE_TABLE"), false);
        String queueArn;
        try (SqsClient sqs = SqsClient.create()) {
            String url = sqs.createQueue(r -> r.queueName(env("REPORT_QUEUE_NAME"))).queueUrl();
            write(dir.resolve("queue-url"), url);
            queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn")).attributesAsStrings()
                    .get("QueueArn");
        }
        try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
            s3.createBucket(r -> r.bucket(env("ARCHIVE_BUCKET")));
        }
        try (SesV2Client ses = SesV2Client.create(); EventBridgeClient bus = EventBridgeClient.create()) {
            EmulatorOutbox.verifyDomain(ses, SUBMITTER);
            EmulatorOutbox.createConfigurationSet(ses, env("CONFIGURATION_SET"));
            bus.createEventBus(r -> r.name(env("EVENT_BUS_NAME")));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] key = generator.generateKeyPair().getPrivate().getEncoded();
        try (SsmClient ssm = SsmClient.create()) {
            ssm.putParameter(r -> r.name(env("DKIM_KEY_PARAMETER")).type(ParameterType.SECURE_STRING).overwrite(true)
                    .value("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key) + "\n-----END PRIVATE KEY-----\n"));
        }

        // Yesterday's failures for the worker's domains, as ingest would have counted them.
        byte[] batch = workerDomainsBatch(yesterday, runs);
        new DynamoDbResultStore(dynamo, env("RESULTS_TABLE"), Integer.parseInt(env("RESULT_SHARDS")), clock)
                .apply("cold-start-" + UUID.randomUUID(), "cold-start",
                        BatchAggregator.aggregate(ResultsRequestParser.parse(batch, clock.instant()).results()));
        String token = new DynamoDbTokenStore(dynamo, env("TOKENS_TABLE"), clock).create("cold-start").value();

        String ingestSample = onDay(Files.readString(events.resolve("ingest-results.json")), yesterday);
        String bounceSample = Files.readString(events.resolve("ses-bounce-permanent.json"));
        for (int run = 1; run <= runs; run++) {
            ObjectNode ingest = (ObjectNode) Json.MAPPER.readTree(ingestSample);
            ((ObjectNode) ingest.get("headers")).put("authorization", "Bearer " + token);
            ((ObjectNode) ingest.get("headers")).put("idempotency-key", "cold-start-" + UUID.randomUUID());
            write(dir.resolve("IngestFunction-" + run + ".json"), ingest.toString());
            write(dir.resolve("ReportWorkerFunction-" + run + ".json"), workerJob(yesterday, "w" + run + ".example", queueArn));
            write(dir.resolve("SuppressionFunction-" + run + ".json"),
                    bounceSample.replace("tls-reports@example.net", "bounce-" + run + "@example.net"));
            write(dir.resolve("PlannerFunction-" + run + ".json"),
                    "{\"scheduledTime\": \"" + yesterday.plusDays(1) + "T00:15:00Z\"}");
            write(dir.resolve("DaySummaryFunction-" + run + ".json"),
                    "{\"scheduledTime\": \"" + yesterday.plusDays(1) + "T06:15:00Z\"}");
            write(dir.resolve("baseline-" + run + ".json"), "{}");
        }

        StringBuilder zone = new StringBuilder(Files.readString(sampleZone)).append("\n$ORIGIN example.\n");
        for (int run = 1; run <= runs; run++) {
            zone.append("_smtp._tls.w").append(run).append(".example. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@w")
                    .append(run).append(".example\"\n");
        }
        Path zoneFile = dir.resolve("cold-start.zone");
        write(zoneFile, zone.toString());
        try (LoopbackDns dns = new LoopbackDns(ZoneFileTxtResolver.fromFile(zoneFile))) {
            write(dir.resolve("dns-server"), dns.address());
            System.out.println("cold-start fixture ready: " + runs + " runs, DNS on " + dns.address());
            // Until the script stops it (closing standard input).
            System.in.read();
        }
    }

    /** The sample's day (and its schedule's) moved to {@code day}, as the runtime test moves it. */
    private static String onDay(String sample, LocalDate day) {
        return sample.replace("2026-11-29", "@next@").replace("2026-11-28", day.toString())
                .replace("@next@", day.plusDays(1).toString());
    }

    /** One result per worker domain: an STS policy, most sessions failing on an expired certificate. */
    private static byte[] workerDomainsBatch(LocalDate day, int domains) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (int i = 1; i <= domains; i++) {
            String domain = "w" + i + ".example";
            ObjectNode result = results.addObject();
            result.put("time", day + "T12:00:00Z");
            result.put("recipient-domain", domain);
            ObjectNode policy = result.putObject("policy");
            policy.put("policy-type", "sts");
            policy.put("policy-domain", domain);
            policy.putArray("policy-string").add("version: STSv1").add("mode: enforce").add("mx: mx." + domain)
                    .add("max_age: 86400");
            policy.putArray("mx-host").add("mx." + domain);
            result.put("successful-sessions", 50);
            result.put("failed-sessions", 3);
            ObjectNode failure = result.putArray("failure-details").addObject();
            failure.put("result-type", "certificate-expired");
            failure.put("sending-mta-ip", "192.0.2.10");
            failure.put("receiving-mx-hostname", "mx." + domain);
            failure.put("receiving-ip", "198.51.100.25");
            failure.put("failed-session-count", 3);
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An SQS event with one report job, as the queue hands it to the worker. */
    private static String workerJob(LocalDate day, String domain, String queueArn) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("messageId", UUID.randomUUID().toString());
        record.put("receiptHandle", "cold-start-" + UUID.randomUUID());
        record.put("body", "{\"day\":\"" + day + "\",\"kind\":\"RECIPIENT_DOMAIN\",\"domain\":\"" + domain + "\"}");
        record.putObject("attributes").put("ApproximateReceiveCount", "1");
        record.putObject("messageAttributes");
        record.put("md5OfBody", "");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", "us-east-1");
        return event.toString();
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
