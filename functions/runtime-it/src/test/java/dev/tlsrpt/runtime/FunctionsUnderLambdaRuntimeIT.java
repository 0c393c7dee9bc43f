package dev.tlsrpt.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.dns.ZoneFileTxtResolver;
import dev.tlsrpt.local.EmulatorOutbox;
import dev.tlsrpt.mail.DkimKeys;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.DynamoDbTokenStore;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.testing.LoopbackDns;
import dev.tlsrpt.testing.MotoServer;
import dev.tlsrpt.testing.RecordingSes;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * What runs on Lambda is what this test runs: the deployment jars (the ones the Makefiles hand to
 * sam build), each in its own JVM under the Lambda runtime interface client, with the handler string,
 * environment and log settings read from template.yaml, against the emulator. A wrong handler string, a
 * class or dependency missing from a jar, or an environment variable the template forgot fails here.
 * One pass through the product: ingest the sample day, take a bounce, plan the day, send its reports,
 * and count the day from the ledger; and the sending guard pausing the reports' configuration set on a
 * reputation alarm.
 * Resources carry a stack name of their own, so the test also runs against a shared endpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionsUnderLambdaRuntimeIT {
    private static final Path ROOT = Path.of(System.getProperty("tlsrpt.root", "../..")).toAbsolutePath().normalize();
    private static final Path EVENTS = ROOT.resolve("events");
    private static final Path WORK = Path.of("target", "runtime-it").toAbsolutePath();
    private static final String STACK = "rtit-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SUBMITTER = "example.com";

    private static final Map<String, LambdaProcess> functions = new HashMap<>();
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static SamFunctions template;
    private static String queueUrl;
    private static String dkimKeyBase64;
    private static String dkimRecord;
    private static LoopbackDns dns;
    private static Set<String> mailBefore;
    private static List<Message> plannedJobs = List.of();
    /** SES for the sending guard alone: the emulator has no PutConfigurationSetSendingOptions. */
    private static final AtomicBoolean guardSesFailing = new AtomicBoolean();
    private static final RecordingSes guardSes = new RecordingSes(request -> guardSesFailing.get()
            ? new RecordingSes.Answer(500, "{\"message\":\"internal failure\"}", "InternalFailure")
            : new RecordingSes.Answer(200, "{}"));
    private static RecordingSes.Loopback guardSesEndpoint;

    @BeforeAll
    static void deployAndStart() throws Exception {
        MotoServer moto = MotoServer.get();
        dynamo = DynamoDbClient.create();
        sqs = SqsClient.create();
        Map<String, String> names = new HashMap<>();
        // No spread: the worker below takes the planner's jobs at once (ReportWorkerIT tests the spread).
        template = new SamFunctions(ROOT, STACK, Map.of("SubmitterDomain", SUBMITTER, "ReportSpreadMinutes", "0"), names::get);
        for (String table : List.of("ResultsTable", "TokensTable", "SuppressionTable", "LedgerTable", "RulesTable")) {
            names.put(table, template.resourceProperty(table, "TableName"));
        }
        LocalTables.createResultsTable(dynamo, names.get("ResultsTable"));
        LocalTables.createTokensTable(dynamo, names.get("TokensTable"));
        SuppressionTableDefinition.create(dynamo, names.get("SuppressionTable"));
        LocalTables.create(dynamo, names.get("LedgerTable"), true);
        LocalTables.createRulesTable(dynamo, names.get("RulesTable"));
        queueUrl = sqs.createQueue(r -> r.queueName(template.resourceProperty("ReportQueue", "QueueName"))).queueUrl();
        names.put("ReportQueue", queueUrl);
        names.put("ReportConfigurationSet", template.resourceProperty("ReportConfigurationSet", "Name"));
        names.put("ReportEventBus", template.resourceProperty("ReportEventBus", "Name"));
        names.put("ReportArchiveBucket", template.resourceProperty("ReportArchiveBucket", "BucketName"));
        try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
            s3.createBucket(r -> r.bucket(names.get("ReportArchiveBucket")));
        }
        try (SesV2Client ses = SesV2Client.create(); EventBridgeClient events = EventBridgeClient.create()) {
            EmulatorOutbox.verifyDomain(ses, SUBMITTER);
            EmulatorOutbox.createConfigurationSet(ses, names.get("ReportConfigurationSet"));
            events.createEventBus(r -> r.name(names.get("ReportEventBus")));
        }
        String dkimParameter = template.function("ReportWorkerFunction").environment().get("DKIM_KEY_PARAMETER");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        dkimKeyBase64 = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        dkimRecord = DkimKeys.publicKeyRecord((RSAPrivateKey) keys.getPrivate());
        try (SsmClient ssm = SsmClient.create()) {
            ssm.putParameter(r -> r.name(dkimParameter).type(ParameterType.SECURE_STRING).overwrite(true)
                    .value("-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n"));
        }
        mailBefore = EmulatorOutbox.fromSdkSettings().messages().stream()
                .map(EmulatorOutbox.SentEmail::messageId).collect(Collectors.toSet());
        dns = new LoopbackDns(ZoneFileTxtResolver.fromFile(EVENTS.resolve("local.zone")));

        Map<String, String> sdk = Map.of(
                "AWS_REGION", "us-east-1", "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_SESSION_TOKEN", "testing",
                "AWS_ENDPOINT_URL", moto.endpoint());
        // The SDK's own per-service endpoint setting sends the guard's SESv2 calls to the recording SES.
        guardSesEndpoint = guardSes.onLoopback();
        Map<String, String> guardSdk = new HashMap<>(sdk);
        guardSdk.put("AWS_ENDPOINT_URL_SESV2", guardSesEndpoint.endpoint());

        // The template deploys every function with SnapStart: these start as for a snapshot, their priming hooks
        // run against the emulator before the first invocation. The guard starts on demand, as a version without
        // its snapshot yet (or with SnapStart off) would.
        stateBeforeSnapshots = emulatorState(names);
        for (String function : SNAP_STARTED) {
            functions.put(function, LambdaProcess.start(template.function(function), LambdaProcess.Init.SNAP_START, sdk,
                    "-Ddns.server=" + dns.address(), WORK.resolve(STACK)));
        }
        for (String function : SNAP_STARTED) {
            functions.get(function).awaitSnapshot(Duration.ofMinutes(3));
        }
        stateAfterSnapshots = emulatorState(names);
        functions.put("SendingGuardFunction", LambdaProcess.start(template.function("SendingGuardFunction"),
                LambdaProcess.Init.ON_DEMAND, guardSdk, "", WORK.resolve(STACK)));
    }

    private static final List<String> SNAP_STARTED = List.of("IngestFunction", "PlannerFunction", "ReportWorkerFunction",
            "SuppressionFunction", "DaySummaryFunction");
    private static Map<String, Object> stateBeforeSnapshots;
    private static Map<String, Object> stateAfterSnapshots;

    /**
     * What a function could change in the emulator: every item of the stack's tables, the report queue's
     * messages, the archive's objects, the mail SES took and the calls the guard's SES had.
     */
    private static Map<String, Object> emulatorState(Map<String, String> names) {
        Map<String, Object> state = new TreeMap<>();
        for (String table : List.of("ResultsTable", "TokensTable", "SuppressionTable", "LedgerTable", "RulesTable")) {
            state.put(table, dynamo.scanPaginator(r -> r.tableName(names.get(table))).items().stream()
                    .map(Object::toString).sorted().toList());
        }
        state.put("ReportQueue", sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes().toString());
        try (S3Client s3 = S3Client.builder().forcePathStyle(true).build()) {
            state.put("ReportArchiveBucket", s3.listObjectsV2Paginator(r -> r.bucket(names.get("ReportArchiveBucket")))
                    .contents().stream().map(S3Object::key).sorted().toList());
        }
        state.put("mail", EmulatorOutbox.fromSdkSettings().messages().stream()
                .map(EmulatorOutbox.SentEmail::messageId).sorted().toList());
        state.put("guardSes", List.copyOf(guardSes.requests()));
        return state;
    }

    /** The samples' day; the functions run on the real clock, and ingest takes only days that can still be reported. */
    private static final String SAMPLE_DAY = "2026-11-28";
    private static final String SAMPLE_SCHEDULE_DAY = "2026-11-29";

    private static LocalDate yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    /** A sample event moved to now: its day becomes yesterday, its schedule today. */
    private static String onRecentDays(String sample) {
        LocalDate yesterday = yesterday();
        return sample.replace(SAMPLE_SCHEDULE_DAY, "@schedule-day@").replace(SAMPLE_DAY, yesterday.toString())
                .replace("@schedule-day@", yesterday.plusDays(1).toString());
    }

    @AfterAll
    static void stop() {
        functions.values().forEach(LambdaProcess::close);
        if (dns != null) {
            dns.close();
        }
        if (guardSesEndpoint != null) {
            guardSesEndpoint.close();
        }
    }

    /**
     * SnapStart runs each function's priming before its snapshot (docs/design.md 8): the request path once, its
     * clients' first calls, and nothing written, queued, archived or sent. Each says it primed, with no prime
     * failed (a failed prime only leaves its work to the first invocation, but it would go unnoticed here).
     */
    @Test
    @Order(0)
    void primingBeforeTheSnapshotChangesNothing() throws Exception {
        assertThat(stateAfterSnapshots).isEqualTo(stateBeforeSnapshots);
        for (String function : SNAP_STARTED) {
            List<JsonNode> primed = initLines(function).stream()
                    .filter(line -> line.path("message").asText().equals("primed before the snapshot")).toList();
            assertThat(primed).as(function + ":\n" + functions.get(function).log()).singleElement()
                    .satisfies(line -> assertThat(line.path("failed").asInt()).isZero())
                    .satisfies(line -> assertThat(line.path("primes").asInt()).isGreaterThan(1));
        }
        // The worker's snapshot holds its report path compiled: thousands of jobs rehearsed in memory, then
        // hundreds over loopback, then hundreds POSTed over TLS to its own receivers (the worker's jar makes their
        // certificates), every call answered by the rehearsal (the emulator's state is unchanged, above).
        assertThat(initLines("ReportWorkerFunction")).as(functions.get("ReportWorkerFunction").log())
                .filteredOn(line -> line.path("message").asText().equals("report jobs rehearsed before the snapshot"))
                .singleElement()
                .satisfies(line -> assertThat(line.path("jobs").asInt()).isGreaterThan(100))
                .satisfies(line -> assertThat(line.path("loopback_jobs").asInt()).isGreaterThan(100))
                .satisfies(line -> assertThat(line.path("https_jobs").asInt()).isGreaterThan(100));
        // The planner's holds its plan of a day compiled: days of a thousand destinations, in memory, then over loopback.
        assertThat(initLines("PlannerFunction")).as(functions.get("PlannerFunction").log())
                .filteredOn(line -> line.path("message").asText().equals("plans rehearsed before the snapshot"))
                .singleElement()
                .satisfies(line -> assertThat(line.path("plans").asInt()).isGreaterThan(5));
        // Its jar's signing provider loads its native library under the runtime (docs/design.md 4.3).
        assertThat(initLines("ReportWorkerFunction")).as(functions.get("ReportWorkerFunction").log())
                .extracting(line -> line.path("message").asText())
                .contains("DKIM signatures by AWS-LC (Amazon Corretto Crypto Provider)");
    }

    @Test
    @Order(1)
    void ingestStoresTheSampleDayOnceThenAnswersDuplicate() throws Exception {
        SamFunctions.FunctionConfig config = template.function("IngestFunction");
        ApiToken token = new DynamoDbTokenStore(dynamo, config.environment().get("TOKENS_TABLE"), Clock.systemUTC())
                .create("runtime-it");
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(onRecentDays(Files.readString(EVENTS.resolve("ingest-results.json"))));
        ((ObjectNode) event.get("headers")).put("authorization", "Bearer " + token.value());
        ((ObjectNode) event.get("headers")).put("idempotency-key", STACK);
        LambdaProcess ingest = functions.get("IngestFunction");

        JsonNode first = response(ingest, event.toString());
        assertThat(first.path("statusCode").asInt()).as(first.toString()).isEqualTo(202);
        JsonNode stored = Json.MAPPER.readTree(first.path("body").asText());
        assertThat(stored.path("duplicate").asBoolean()).isFalse();
        assertThat(stored.path("accepted").asInt()).isEqualTo(9);
        int counters = stored.path("counters").asInt();
        assertThat(counters).isPositive();

        JsonNode again = response(ingest, event.toString());
        assertThat(again.path("statusCode").asInt()).as(again.toString()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(again.path("body").asText()).path("duplicate").asBoolean()).isTrue();

        // The counters are in the table the template names, written once.
        assertThat(dynamo.scan(r -> r.tableName(config.environment().get("RESULTS_TABLE"))).count())
                .isGreaterThanOrEqualTo(counters);
        String log = ingest.log();
        assertThat(log).contains("\"status\":202").contains("\"status\":200");
        assertThat(log).doesNotContain(token.secret()).doesNotContain("max_age: 86400");
        // One JSON line per request, the first of the container a cold start (docs/design.md 6).
        List<JsonNode> lines = logLines("IngestFunction");
        assertThat(lines).extracting(line -> line.path("status").asInt()).containsExactly(202, 200);
        // Started as for a snapshot, no invocation is a cold start (the guard, started on demand, has one).
        assertThat(lines).extracting(line -> line.path("cold_start").asBoolean()).containsExactly(false, false);
        assertThat(lines.get(0).path("function_request_id").asText()).isNotEqualTo(lines.get(1).path("function_request_id").asText());
        // Beside them the EMF metric lines, whole lines of their own as CloudWatch reads them.
        List<String> metrics = new ArrayList<>();
        for (String text : log.lines().filter(line -> line.startsWith("{\"_aws\":")).toList()) {
            JsonNode directive = Json.MAPPER.readTree(text).path("_aws").path("CloudWatchMetrics").path(0);
            assertThat(directive.path("Namespace").asText()).as(text).isEqualTo("tlsrpt");
            metrics.add(directive.path("Metrics").path(0).path("Name").asText());
        }
        assertThat(metrics).containsExactly("BatchesAccepted", "DuplicateBatches");
    }

    @Test
    @Order(3)
    void plannerPutsTheDaysJobsOnTheQueue() throws Exception {
        LambdaProcess planner = functions.get("PlannerFunction");
        JsonNode plan = response(planner, onRecentDays(Files.readString(EVENTS.resolve("planner-schedule.json"))));
        assertThat(plan.path("day").asText()).isEqualTo(yesterday().toString());
        int recipientDomains = plan.path("recipientDomains").asInt();
        assertThat(recipientDomains).as(plan.toString()).isPositive();
        assertThat(plan.path("mxHosts").asInt()).isPositive();

        // Recipient-domain jobs are visible at once; MX-host jobs are delayed (the template's ten minutes).
        List<Message> jobs = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jobs.size() < recipientDomains && System.nanoTime() < deadline) {
            jobs.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .visibilityTimeout(600)).messages());
        }
        assertThat(jobs).hasSize(recipientDomains);
        plannedJobs = jobs;
        assertThat(logLines("PlannerFunction")).singleElement()
                .satisfies(line -> assertThat(line.path("recipientDomains").asInt()).isEqualTo(recipientDomains));
    }

    @Test
    @Order(4)
    void workerSendsSignedReportsForThePlannersJobs() throws Exception {
        assertThat(plannedJobs).as("jobs from the planner").isNotEmpty();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message job : plannedJobs) {
            ObjectNode record = records.addObject();
            record.put("messageId", job.messageId());
            record.put("receiptHandle", job.receiptHandle());
            record.put("body", job.body());
            record.putObject("attributes").put("ApproximateReceiveCount", "1");
            record.putObject("messageAttributes");
            record.put("md5OfBody", job.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
        }
        LambdaProcess worker = functions.get("ReportWorkerFunction");
        JsonNode batch = response(worker, event.toString());
        assertThat(batch.has("batchItemFailures")).as(batch.toString()).isTrue();

        List<EmulatorOutbox.SentEmail> sent = EmulatorOutbox.fromSdkSettings().messages().stream()
                .filter(message -> !mailBefore.contains(message.messageId())).toList();
        assertThat(sent).as("report emails SES accepted\n" + worker.log()).isNotEmpty();
        Path mail = Files.createDirectories(WORK.resolve(STACK).resolve("mail"));
        for (int i = 0; i < sent.size(); i++) {
            Files.write(mail.resolve("report-" + i + ".eml"), sent.get(i).raw());
        }
        Path zone = WORK.resolve(STACK).resolve("dkim.zone");
        Files.writeString(zone, dkimZone());
        Process check = new ProcessBuilder(Path.of(System.getProperty("tlsrpt.venv", ROOT.resolve(".venv").toString()),
                "bin", "python").toString(), ROOT.resolve("scripts/check_messages.py").toString(), mail.toString(), zone.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("dkimpy and parsedmarc on the sent reports:\n" + output).isZero();

        String log = worker.log();
        assertThat(log).doesNotContain(dkimKeyBase64.substring(100, 160)).doesNotContain("PRIVATE KEY");
        // The template's JSON log format: every line the handler logs carries a level.
        assertThat(log).contains("\"level\":\"INFO\"").doesNotContain("\"level\":\"UNDEFINED\"");
        assertThat(logLines("ReportWorkerFunction")).isNotEmpty();
    }

    @Test
    @Order(5)
    void daySummaryCountsTheDaysOutcomesFromTheLedger() throws Exception {
        assertThat(plannedJobs).as("jobs from the planner").isNotEmpty();
        LambdaProcess summary = functions.get("DaySummaryFunction");

        // The schedule's event, some hours after the daily run: the summary is of the day before.
        JsonNode day = response(summary, "{\"scheduledTime\": \"" + yesterday().plusDays(1) + "T06:15:00Z\"}");

        assertThat(day.path("day").asText()).as(day.toString()).isEqualTo(yesterday().toString());
        assertThat(day.path("destinations").asInt()).isGreaterThanOrEqualTo(plannedJobs.size());
        assertThat(day.path("sent").asInt()).as(day.toString()).isPositive();
        assertThat(day.path("sent").asInt() + day.path("failed").asInt() + day.path("retrying").asInt()
                + day.path("notAttempted").asInt() + sum(day.path("skipped"))).isEqualTo(day.path("destinations").asInt());
        assertThat(logLines("DaySummaryFunction")).isNotEmpty();
    }

    @Test
    @Order(6)
    void sendingGuardPausesTheReportsConfigurationSetOnAPauseAlarm() throws Exception {
        LambdaProcess guard = functions.get("SendingGuardFunction");
        String configurationSet = template.function("SendingGuardFunction").environment().get("CONFIGURATION_SET");
        assertThat(configurationSet).isEqualTo(STACK + "-reports");
        int before = guardSes.requests().size();

        // A pause alarm's notification, as SendingGuardTopic delivers it.
        RuntimeApi.Outcome outcome = guard.invoke(Files.readString(EVENTS.resolve("sending-guard-alarm.json")));

        assertThat(outcome.error()).as(outcome.body() + "\n" + guard.log()).isFalse();
        assertThat(guardSes.requests().subList(before, guardSes.requests().size())).containsExactly(new RecordingSes.Request(
                "PUT", "/v2/email/configuration-sets/" + configurationSet + "/sending", "{\"SendingEnabled\":false}"));
        assertThat(guard.log()).contains("is ALARM: paused sending of configuration set " + configurationSet);
    }

    @Test
    @Order(7)
    void sendingGuardLeavesSendingAloneWhenTheAlarmIsBackToOk() throws Exception {
        LambdaProcess guard = functions.get("SendingGuardFunction");
        int before = guardSes.requests().size();

        // The same alarm going back to OK: the guard never resumes by itself.
        RuntimeApi.Outcome outcome = guard.invoke(alarmNotification("OK"));

        assertThat(outcome.error()).as(outcome.body() + "\n" + guard.log()).isFalse();
        assertThat(guardSes.requests()).hasSize(before);
        assertThat(guard.log()).contains("is OK: sending stays as it is");
        assertThat(logLines("SendingGuardFunction")).extracting(line -> line.path("level").asText()).containsExactly("WARN", "INFO");
        // Started on demand, its first invocation is the environment's cold start.
        assertThat(logLines("SendingGuardFunction")).extracting(line -> line.path("cold_start").asBoolean())
                .containsExactly(true, false);
    }

    @Test
    @Order(8)
    void sendingGuardFailsTheInvocationWhenSesFails_soThatSnsRetriesIt() throws Exception {
        LambdaProcess guard = functions.get("SendingGuardFunction");
        int before = guardSes.requests().size();
        guardSesFailing.set(true);
        try {
            RuntimeApi.Outcome outcome = guard.invoke(Files.readString(EVENTS.resolve("sending-guard-alarm.json")));

            assertThat(outcome.error()).as(outcome.body()).isTrue();
            assertThat(guardSes.requests().size()).as("the pause was asked for").isGreaterThan(before);
        } finally {
            guardSesFailing.set(false);
        }
    }

    /** The sample pause alarm's notification with the alarm in {@code state}. */
    private static String alarmNotification(String state) throws IOException {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Files.readString(EVENTS.resolve("sending-guard-alarm.json")));
        ObjectNode sns = (ObjectNode) event.get("Records").get(0).get("Sns");
        ObjectNode alarm = (ObjectNode) Json.MAPPER.readTree(sns.get("Message").asText());
        alarm.put("OldStateValue", alarm.get("NewStateValue").asText()).put("NewStateValue", state);
        sns.put("Message", alarm.toString());
        return event.toString();
    }

    private static int sum(JsonNode counts) {
        int sum = 0;
        for (JsonNode count : counts) {
            sum += count.asInt();
        }
        return sum;
    }

    @Test
    @Order(2)
    void suppressionPutsAPermanentBounceOnTheList() throws Exception {
        LambdaProcess suppression = functions.get("SuppressionFunction");
        RuntimeApi.Outcome outcome = suppression.invoke(Files.readString(EVENTS.resolve("ses-bounce-permanent.json")));
        assertThat(outcome.error()).as(outcome.body() + "\n" + suppression.log()).isFalse();
        String table = template.function("SuppressionFunction").environment().get("SUPPRESSION_TABLE");
        assertThat(new DynamoDbSuppressionList(dynamo, table).find("tls-reports@example.net")).isPresent();
        assertThat(suppression.log()).contains("\"level\":\"INFO\"").doesNotContain("\"level\":\"UNDEFINED\"");
        assertThat(logLines("SuppressionFunction")).isNotEmpty();
    }

    /**
     * Each function's MemorySize leaves room above what the process has used in this pass (docs/design.md
     * 7): twice its peak resident memory, and a third of the metaspace Lambda allows it (a tenth of the
     * memory) still free. The figures are printed for docs/benchmarks.md; a template that cut a function's
     * memory below them fails here rather than in an out-of-memory error on a larger day.
     */
    @Test
    @Order(100)
    void everyFunctionHasRoomAboveItsPeakMemory() {
        List<String> tooSmall = new ArrayList<>();
        functions.values().stream().sorted(java.util.Comparator.comparing(f -> f.config().logicalId())).forEach(function -> {
            String name = function.config().logicalId();
            long peak = function.peakResidentMb();
            int memory = function.config().memoryMb();
            LambdaProcess.Metaspace metaspace = function.metaspace();
            long metaspaceLimitKb = LambdaProcess.metaspaceLimitKb(function.config());
            System.out.printf("peak memory of %s: %d MB of its %d MB; %d classes in %.1f MB of metaspace (at most %.1f MB)%n",
                    name, peak, memory, metaspace.classes(), metaspace.usedKb() / 1024, metaspaceLimitKb / 1024.0);
            if (peak * 2 > memory) {
                tooSmall.add(name + ": " + peak + " MB used, " + memory + " MB given");
            }
            if (metaspace.usedKb() * 3 > metaspaceLimitKb * 2) {
                tooSmall.add(name + ": metaspace " + Math.round(metaspace.usedKb()) + " KB used of " + metaspaceLimitKb + " KB");
            }
        });
        assertThat(tooSmall).as("functions whose MemorySize leaves too little room").isEmpty();
    }

    /**
     * The function's JSON log lines of its invocations (not its EMF metric lines, nor the lines of its init
     * before the first invocation: {@link #initLines}), each checked to carry what docs/design.md 6 promises: a
     * level, the invocation's request id, the cold-start flag and the template's service name. No line comes
     * from the runtime's own logger (that one writes AWSRequestId).
     */
    private static List<JsonNode> logLines(String logicalId) throws IOException {
        String service = template.function(logicalId).environment().get("POWERTOOLS_SERVICE_NAME");
        List<JsonNode> lines = new ArrayList<>();
        boolean invoked = false;
        for (JsonNode line : jsonLines(logicalId)) {
            invoked |= line.hasNonNull("function_request_id");
            if (line.has("_aws") || !invoked) {
                continue;
            }
            String text = line.toString();
            assertThat(line.path("level").asText()).as(text).isIn("DEBUG", "INFO", "WARN", "ERROR");
            assertThat(line.path("message").asText()).as(text).isNotBlank();
            assertThat(line.path("function_request_id").asText()).as(text).isNotBlank();
            assertThat(line.path("cold_start").isBoolean()).as(text).isTrue();
            assertThat(line.path("service").asText()).as(text).isEqualTo(service).isNotBlank();
            assertThat(line.has("AWSRequestId")).as(text).isFalse();
            lines.add(line);
        }
        return lines;
    }

    /** The JSON log lines written before the first invocation: the handler's construction and its priming. */
    private static List<JsonNode> initLines(String logicalId) throws IOException {
        return jsonLines(logicalId).stream().takeWhile(line -> !line.hasNonNull("function_request_id"))
                .filter(line -> !line.has("_aws")).toList();
    }

    private static List<JsonNode> jsonLines(String logicalId) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : functions.get(logicalId).log().lines().filter(line -> line.startsWith("{")).toList()) {
            lines.add(Json.MAPPER.readTree(text));
        }
        return lines;
    }

    private static JsonNode response(LambdaProcess function, String payload) throws InterruptedException, IOException {
        RuntimeApi.Outcome outcome = function.invoke(payload);
        assertThat(outcome.error()).as(outcome.body() + "\n" + function.log()).isFalse();
        return Json.MAPPER.readTree(outcome.body());
    }

    /** The DKIM key record as a zone file for check_messages.py (TXT strings of at most 255 characters). */
    private static String dkimZone() {
        StringBuilder strings = new StringBuilder();
        for (int i = 0; i < dkimRecord.length(); i += 255) {
            strings.append(" \"").append(dkimRecord, i, Math.min(dkimRecord.length(), i + 255)).append('"');
        }
        return "$TTL 300\ntlsrpt._domainkey." + SUBMITTER + ". IN TXT" + strings + "\n";
    }
}
