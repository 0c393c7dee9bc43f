package dev.tlsrpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.cli.Cli.Run;
import dev.tlsrpt.store.dynamodb.LocalTables;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.testing.Emulated;
import dev.tlsrpt.testing.EmulatedDelivery;
import dev.tlsrpt.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.TlsPolicy;

/** `tlsrpt doctor` and `tlsrpt dkim-record` against a whole stack in the emulator and a zone file. */
class DoctorCommandIT {
    private static final String ZONE_HEADER = "$TTL 300\n";

    @TempDir Path dir;
    private StackSettings stack;
    private DynamoDbClient dynamo;
    private SesV2Client ses;
    private LambdaClient lambda;

    @BeforeEach
    void aDeployedStack() throws Exception {
        MotoServer.get().reset();
        dynamo = Emulated.dynamoDb();
        LocalTables.createResultsTable(dynamo, "tlsrpt-results");
        LocalTables.createTokensTable(dynamo, "tlsrpt-tokens");
        LocalTables.create(dynamo, "tlsrpt-ledger", true);
        SuppressionTableDefinition.create(dynamo, "tlsrpt-suppression");
        String queueUrl = EmulatedDelivery.sqs().createQueue(r -> r.queueName("tlsrpt-reports")).queueUrl();
        stack = TestStack.write("tlsrpt", 64, queueUrl);
        String role;
        try (IamClient iam = IamClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL).build()) {
            role = iam.createRole(r -> r.roleName("tlsrpt-function").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        }
        lambda = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        SdkBytes code = SdkBytes.fromByteArray(emptyZip());
        for (String function : stack.functions().values()) {
            lambda.createFunction(r -> r.functionName(function).runtime("java21").role(role).handler("x.Handler::handleRequest")
                    .code(c -> c.zipFile(code)));
        }
        ses = EmulatedDelivery.sesV2();
        ses.createEmailIdentity(r -> r.emailIdentity("sender.example"));
        ses.createConfigurationSet(r -> r.configurationSetName("tlsrpt-reports")
                .deliveryOptions(d -> d.tlsPolicy(TlsPolicy.OPTIONAL)));
    }

    private static byte[] emptyZip() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("empty.txt"));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Creates the key with dkim-record --generate and publishes exactly the line it printed. */
    private Path zoneWithThePrintedRecord() throws Exception {
        Run generated = Cli.run("dkim-record", "--generate");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        return zone(generated.out());
    }

    private Path zone(String records) throws Exception {
        Path zone = dir.resolve("zone-" + System.nanoTime());
        Files.writeString(zone, ZONE_HEADER + records);
        return zone;
    }

    private static Run doctor(Path zone) {
        return Cli.run("doctor", "--zone", zone.toString());
    }

    @Test
    void dkimRecord_shouldPrintTheZoneLineInStringsOf255Bytes_andNeverTheKey() {
        Run generated = Cli.run("dkim-record", "--generate");
        Run again = Cli.run("dkim-record");

        assertThat(generated.exitCode()).as(generated.err()).isZero();
        String line = generated.out().strip();
        assertThat(line).startsWith("tlsrpt._domainkey.sender.example. 3600 IN TXT \"v=DKIM1; k=rsa; s=tlsrpt; p=MII");
        var parts = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(line).results().map(m -> m.group(1)).toList();
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(255));
        assertThat(parts.get(0)).hasSize(255);
        assertThat(generated.out() + generated.err()).doesNotContain("PRIVATE KEY");
        assertThat(again.out()).isEqualTo(generated.out());
    }

    @Test
    void dkimRecord_shouldNotReplaceAKey_withoutOverwrite() {
        String first = Cli.run("dkim-record", "--generate").out();

        Run refused = Cli.run("dkim-record", "--generate");
        Run replaced = Cli.run("dkim-record", "--generate", "--overwrite");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("/tlsrpt/dkim/private-key exists", "--overwrite");
        assertThat(Cli.run("dkim-record").out()).isNotEqualTo(first).isEqualTo(replaced.out());
    }

    @Test
    void dkimRecord_beforeTheFirstDeploy_needsNoStack() {
        Run run = Cli.run("dkim-record", "--generate", "--stack", "not-deployed", "--key-parameter", "/new/dkim",
                "--selector", "s2027", "--domain", "bücher.example");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("s2027._domainkey.xn--bcher-kva.example. 3600 IN TXT \"v=DKIM1; k=rsa; s=tlsrpt; p=");
        assertThat(Cli.run("dkim-record", "--stack", "not-deployed").exitCode()).isEqualTo(Tlsrpt.NO_STACK_SETTINGS);
    }

    @Test
    void dkimRecord_withoutAKey_saysHowToCreateOne() {
        Run run = Cli.run("dkim-record");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no DKIM key in SSM parameter /tlsrpt/dkim/private-key", "--generate");
    }

    @Test
    void doctor_shouldPassEveryCheck_onAHealthyStack() throws Exception {
        Run run = doctor(zoneWithThePrintedRecord());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("FAIL").contains("OK   dkim-record tlsrpt._domainkey.sender.example: matches",
                "OK   ses-identity sender.example", "OK   configuration-set tlsrpt-reports: TLS policy OPTIONAL",
                "OK   function worker tlsrpt-ReportWorkerFunction", "OK   table tlsrpt-ledger", "OK   queue ",
                "OK   shards: 64", "checks passed");
    }

    /** What an operator's edit in the console does: the deployed planner's environment, replaced. */
    private void plannerEnvironmentSetByHand(Map<String, String> variables) {
        lambda.updateFunctionConfiguration(r -> r.functionName("tlsrpt-PlannerFunction").environment(e -> e.variables(variables)));
    }

    @Test
    void doctor_shouldCheckThePlannersSpread_asThePlannerDoesAtStart() throws Exception {
        Path zone = zoneWithThePrintedRecord();
        plannerEnvironmentSetByHand(Map.of("REPORT_SPREAD_MINUTES", "240"));

        Run healthy = doctor(zone);

        assertThat(healthy.exitCode()).as(healthy.out()).isZero();
        assertThat(healthy.out()).contains("OK   spread: 240 minutes, retries until 41 h after the day, results kept 96 h");

        // AND WHEN someone set the function's environment by hand beyond what the template admits
        plannerEnvironmentSetByHand(Map.of("REPORT_SPREAD_MINUTES", "2880"));

        Run broken = doctor(zone);

        assertThat(broken.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(broken.out()).contains("FAIL spread: REPORT_SPREAD_MINUTES must be 0 to 1440 minutes, not 2880",
                "fix: redeploy with a ReportSpreadMinutes");
    }

    @Test
    void doctor_shouldFail_whenThePlannerAndTheWorkerDisagreeOnReportAllSuccess() throws Exception {
        Path zone = zoneWithThePrintedRecord();
        Run healthy = doctor(zone);
        assertThat(healthy.out()).contains("OK   report-all-success: false for the planner and the worker");

        // WHEN someone turns it on for the planner alone, by hand
        plannerEnvironmentSetByHand(Map.of("REPORT_ALL_SUCCESS", "true"));
        Run broken = doctor(zone);

        // THEN doctor says so: the planner would queue all-successful days the worker then skips
        assertThat(broken.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(broken.out()).contains("FAIL report-all-success: the planner has true, the worker false",
                "fix: redeploy the stack (sam deploy)");
    }

    @Test
    void doctor_shouldFail_whenThePublishedKeyIsAnotherOne() throws Exception {
        Path zone = zoneWithThePrintedRecord();
        Cli.run("dkim-record", "--generate", "--overwrite");

        Run run = doctor(zone);

        assertThat(run.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(run.out()).contains("FAIL dkim-record tlsrpt._domainkey.sender.example: p= is not the public key of the key in SSM",
                "fix: publish the line bin/tlsrpt dkim-record prints");
    }

    @Test
    void doctor_shouldFail_whenTheRecordIsMissingOrForEmailOnly() throws Exception {
        String line = Cli.run("dkim-record", "--generate").out();

        Run missing = doctor(zone("sender.example. IN TXT \"v=spf1 -all\"\n"));
        Run emailOnly = doctor(zone(line.replace("s=tlsrpt", "s=email")));
        Run anyService = doctor(zone(line.replace(" s=tlsrpt;", "")));

        assertThat(missing.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(missing.out()).contains("FAIL dkim-record tlsrpt._domainkey.sender.example: no DKIM key record published");
        assertThat(emailOnly.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(emailOnly.out()).contains("s=email does not allow TLS reports");
        assertThat(anyService.exitCode()).as(anyService.out()).isZero();
    }

    @Test
    void doctor_shouldFail_withoutAKeyInSsm() throws Exception {
        Run run = doctor(zone(""));

        assertThat(run.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(run.out()).contains("FAIL dkim-key /tlsrpt/dkim/private-key: no such SSM parameter",
                "fix: bin/tlsrpt dkim-record --generate");
    }

    @Test
    void doctor_shouldFail_whenTheSesIdentityIsMissing() throws Exception {
        Path zone = zoneWithThePrintedRecord();
        ses.deleteEmailIdentity(r -> r.emailIdentity("sender.example"));

        Run run = doctor(zone);

        assertThat(run.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(run.out()).contains("FAIL ses-identity sender.example: no SES identity for the From domain",
                "aws sesv2 create-email-identity --email-identity sender.example");
    }

    @Test
    void doctor_shouldAccept_theFromAddressAsTheVerifiedIdentity() throws Exception {
        Path zone = zoneWithThePrintedRecord();
        ses.deleteEmailIdentity(r -> r.emailIdentity("sender.example"));
        ses.createEmailIdentity(r -> r.emailIdentity("tlsrpt-noreply@sender.example"));

        Run run = doctor(zone);

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("OK   ses-identity tlsrpt-noreply@sender.example: verified");
    }

    @Test
    void doctor_shouldFail_whenTheConfigurationSetRequiresTls() throws Exception {
        Path zone = zoneWithThePrintedRecord();
        ses.deleteConfigurationSet(r -> r.configurationSetName("tlsrpt-reports"));
        ses.createConfigurationSet(r -> r.configurationSetName("tlsrpt-reports")
                .deliveryOptions(d -> d.tlsPolicy(TlsPolicy.REQUIRE)));

        Run run = doctor(zone);

        assertThat(run.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(run.out()).contains("FAIL configuration-set tlsrpt-reports: TLS policy REQUIRE, must be OPTIONAL");
    }

    private void resultsOfToday(int shards) throws Exception {
        java.time.Instant now = java.time.Instant.now();
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String results = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "{\"time\":\"" + day + "T00:00:01Z\",\"recipient-domain\":\"d" + i + ".example\","
                        + "\"policy\":{\"policy-type\":\"no-policy-found\"},\"successful-sessions\":1,\"failed-sessions\":0}")
                .collect(java.util.stream.Collectors.joining(",", "{\"results\":[", "]}"));
        new dev.tlsrpt.store.dynamodb.DynamoDbResultStore(dynamo, "tlsrpt-results", shards, java.time.Clock.systemUTC())
                .apply("b" + shards, "b" + shards, dev.tlsrpt.ingest.BatchAggregator.aggregate(dev.tlsrpt.ingest.ResultsRequestParser
                        .parse(results.getBytes(java.nio.charset.StandardCharsets.UTF_8), now).results()));
    }

    @Test
    void doctor_shouldPass_whenTodayIsFiledUnderTheStacksShards() throws Exception {
        resultsOfToday(64);

        Run run = doctor(zoneWithThePrintedRecord());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("OK   shard layout: every day in the results table is filed under 64 shards");
    }

    @Test
    void doctor_shouldFail_whenADayWasWrittenWithAnotherShardCount() throws Exception {
        // GIVEN results written while the stack had 16 shards; the stack now says 64
        resultsOfToday(16);

        Run run = doctor(zoneWithThePrintedRecord());

        assertThat(run.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(run.out()).contains("FAIL shard layout: results of " + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                + " were written with another ResultShards than 64");
    }

    @Test
    void doctor_shouldFail_whenAFunctionATableOrTheQueueIsGone() throws Exception {
        Path zone = zoneWithThePrintedRecord();
        lambda.deleteFunction(r -> r.functionName("tlsrpt-PlannerFunction"));
        dynamo.deleteTable(r -> r.tableName("tlsrpt-tokens"));
        EmulatedDelivery.sqs().deleteQueue(r -> r.queueUrl(stack.reportQueueUrl()));

        Run run = doctor(zone);

        assertThat(run.exitCode()).isEqualTo(DoctorCommand.CHECK_FAILED);
        assertThat(run.out()).contains("FAIL function planner tlsrpt-PlannerFunction: does not exist",
                "FAIL table tlsrpt-tokens: does not exist", "FAIL queue " + stack.reportQueueUrl() + ": does not exist",
                "OK   function worker", "FAIL spread: does not exist", "FAIL report-all-success: does not exist", "5 of ");
    }
}
