package dev.tlsrpt.cli;

import dev.tlsrpt.mail.DkimKeys;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.TxtAnswer;
import dev.tlsrpt.tlsrpt.TxtResolver;
import java.io.PrintWriter;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.DkimAttributes;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.TlsPolicy;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * {@code tlsrpt doctor}: checks a deployed stack end to end, one line per check (OK, or FAIL with the reason
 * and the fix): its functions, queue and tables exist; the DKIM key in SSM is usable and the published key
 * record matches it and allows TLS reports; the SES identity of the From domain is verified; the
 * configuration set's TLS policy is OPTIONAL; the planner's report spread fits the results' retention.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the deployed stack: functions, queue, tables, DKIM key and its DNS record, "
                + "SES identity, configuration set. One line per check; exit 3 if any fails.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "3:a check failed (each FAIL line says why and how to fix it)",
                "1:error", "2:bad usage", "5:the stack's settings cannot be read"})
final class DoctorCommand implements Callable<Integer> {
    static final int CHECK_FAILED = 3;
    /** The functions template.yaml deploys, by the role the settings item names them with. */
    static final List<String> FUNCTION_ROLES = List.of("ingest", "planner", "worker", "suppression");

    @Mixin AwsOptions aws;
    @Mixin DnsOptions dns;
    @Spec CommandSpec spec;

    /** One check's outcome; {@code fix} only for a failure. */
    record Check(String name, boolean ok, String detail, String fix) {
        static Check ok(String name, String detail) {
            return new Check(name, true, detail, null);
        }

        static Check fail(String name, String reason, String fix) {
            return new Check(name, false, reason, fix);
        }

        String line() {
            return ok ? "OK   " + name + ": " + detail
                    : "FAIL " + name + ": " + LookupCommand.printable(detail) + "\n       fix: " + fix;
        }
    }

    @Override
    public Integer call() throws Exception {
        StackSettings stack = aws.settings();
        PrintWriter out = spec.commandLine().getOut();
        out.println("OK   settings: stack " + stack.stack() + " (" + StackSettings.parameterName(stack.stack()) + "), "
                + stack.resultShards() + " result shards");
        List<Check> checks = new ArrayList<>();
        checks.add(shards(stack));
        try (DynamoDbClient dynamo = aws.dynamoDb(); SqsClient sqs = aws.sqs(); LambdaClient lambda = aws.lambda();
             SsmClient ssm = aws.ssm(); SesV2Client ses = aws.sesV2()) {
            checks.addAll(tables(dynamo, stack));
            checks.add(layout(dynamo, stack, LocalDate.now(ZoneOffset.UTC)));
            checks.add(queue(sqs, stack));
            DeployedFunctions deployed = new DeployedFunctions(lambda);
            checks.addAll(functions(deployed, stack));
            checks.add(spread(deployed, stack));
            checks.add(reportAllSuccess(deployed, stack));
            Check key = dkimKey(ssm, stack);
            checks.add(key);
            checks.add(dkimRecord(dns.resolver(), ssm, stack, key.ok()));
            checks.add(sesIdentity(ses, stack));
            checks.add(configurationSet(ses, stack));
        }
        checks.forEach(check -> out.println(check.line()));
        long failed = checks.stream().filter(check -> !check.ok()).count();
        out.println(failed == 0 ? "all " + checks.size() + " checks passed" : failed + " of " + checks.size() + " checks failed");
        return failed == 0 ? 0 : CHECK_FAILED;
    }

    private static Check shards(StackSettings stack) {
        int shards = stack.resultShards();
        if (shards < DynamoDbResultStore.MIN_SHARDS || shards > DynamoDbResultStore.MAX_SHARDS) {
            return Check.fail("shards", "ResultShards is " + shards + "; the functions accept "
                    + DynamoDbResultStore.MIN_SHARDS + " to " + DynamoDbResultStore.MAX_SHARDS,
                    "redeploy with a ResultShards in that range (docs/deploy.md, upgrades)");
        }
        return Check.ok("shards", shards + " (within " + DynamoDbResultStore.MIN_SHARDS + " to " + DynamoDbResultStore.MAX_SHARDS + ")");
    }

    /**
     * Days still in the results table that were written with another ResultShards: the code files a day's
     * results by the shard count of the moment, so after a change the planner and the worker look in the
     * wrong partitions for those days (docs/deploy.md, upgrades).
     */
    private static Check layout(DynamoDbClient dynamo, StackSettings stack, LocalDate today) {
        String name = "shard layout";
        if (stack.resultShards() < DynamoDbResultStore.MIN_SHARDS || stack.resultShards() > DynamoDbResultStore.MAX_SHARDS) {
            return Check.fail(name, "not checked: ResultShards is out of range", "see shards");
        }
        DynamoDbResultStore results = new DynamoDbResultStore(dynamo, stack.resultsTable(), stack.resultShards(), Clock.systemUTC());
        List<String> wrong = new ArrayList<>();
        try {
            for (int back = 0; back <= DynamoDbResultStore.RETENTION_DAYS; back++) {
                LocalDate day = today.minusDays(back);
                if (!results.misplacedShards(day).isEmpty()) {
                    wrong.add(day.toString());
                }
            }
        } catch (SdkException e) {
            return Check.fail(name, "cannot check: " + e.getMessage(), "check the credentials' permissions and the region");
        }
        if (!wrong.isEmpty()) {
            return Check.fail(name, "results of " + String.join(", ", wrong) + " were written with another ResultShards than "
                    + stack.resultShards() + "; their reports would miss results",
                    "deploy again with the ResultShards those days were written with, and change it only as docs/deploy.md "
                            + "(upgrades) says");
        }
        return Check.ok(name, "every day in the results table is filed under " + stack.resultShards() + " shards");
    }

    private static List<Check> tables(DynamoDbClient dynamo, StackSettings stack) {
        List<Check> checks = new ArrayList<>();
        for (String table : List.of(stack.resultsTable(), stack.tokensTable(), stack.ledgerTable(), stack.suppressionTable())) {
            checks.add(probe("table " + table, () -> {
                String status = dynamo.describeTable(r -> r.tableName(table)).table().tableStatusAsString();
                return "ACTIVE".equals(status) ? Check.ok("table " + table, "ACTIVE")
                        : Check.fail("table " + table, "status " + status, "wait for the stack update to finish");
            }, "deploy the stack (sam deploy); tables are retained on delete, so a removed one must be restored"));
        }
        return checks;
    }

    private static Check queue(SqsClient sqs, StackSettings stack) {
        String name = "queue " + stack.reportQueueUrl();
        return probe(name, () -> {
            sqs.getQueueAttributes(r -> r.queueUrl(stack.reportQueueUrl()).attributeNamesWithStrings("QueueArn"));
            return Check.ok(name, "exists");
        }, "deploy the stack (sam deploy)");
    }

    /** Each function's configuration as deployed, asked once per run (GetFunction carries the environment too). */
    private static final class DeployedFunctions {
        private final LambdaClient lambda;
        private final Map<String, FunctionConfiguration> read = new HashMap<>();

        DeployedFunctions(LambdaClient lambda) {
            this.lambda = lambda;
        }

        /** A failed read is not kept: each check that needs the function reports it. */
        FunctionConfiguration configuration(String function) {
            return read.computeIfAbsent(function, f -> lambda.getFunction(r -> r.functionName(f)).configuration());
        }

        /** The function's environment variable, null when unset. */
        String variable(String function, String variable) {
            var environment = configuration(function).environment();
            return environment == null || environment.variables() == null ? null : environment.variables().get(variable);
        }
    }

    private static List<Check> functions(DeployedFunctions deployed, StackSettings stack) {
        List<Check> checks = new ArrayList<>();
        for (String role : FUNCTION_ROLES) {
            String function = stack.functions().get(role);
            if (function == null || function.isBlank()) {
                checks.add(Check.fail("function " + role, "the stack's settings name no " + role + " function",
                        "deploy the stack with this release's template.yaml"));
                continue;
            }
            String name = "function " + role + " " + function;
            checks.add(probe(name, () -> {
                String state = deployed.configuration(function).stateAsString();
                return state == null || "Active".equals(state) ? Check.ok(name, "exists")
                        : Check.fail(name, "state " + state, "see the function's log group; redeploy if it stays failed");
            }, "deploy the stack (sam build && sam deploy)"));
        }
        return checks;
    }

    /**
     * The planner's report spread, as deployed, by the check the planner makes at start (docs/design.md 2.11):
     * a window whose retries would outlast the day's results keeps the planner from starting at all.
     */
    private static Check spread(DeployedFunctions deployed, StackSettings stack) {
        String name = "spread";
        String planner = stack.functions().get("planner");
        if (planner == null || planner.isBlank()) {
            return Check.fail(name, "not checked: no planner function", "see function planner");
        }
        return probe(name, () -> {
            String minutes = deployed.variable(planner, "REPORT_SPREAD_MINUTES");
            try {
                Duration spread = ReportSpread.parseMinutes("REPORT_SPREAD_MINUTES", minutes == null ? "0" : minutes,
                        DynamoDbResultStore.RETENTION_DAYS);
                return Check.ok(name, spread.isZero() ? "0 minutes: the day's reports go out at once"
                        : spread.toMinutes() + " minutes, retries until " + ReportSpread.horizon(spread).toHours()
                        + " h after the day, results kept " + (DynamoDbResultStore.RETENTION_DAYS - 1) * 24 + " h");
            } catch (IllegalArgumentException e) {
                return Check.fail(name, e.getMessage(), "redeploy with a ReportSpreadMinutes the template accepts (docs/worker.md)");
            }
        }, "deploy the stack (sam build && sam deploy)");
    }

    /**
     * The planner records the destinations that need no report and the worker decides the rest, both by
     * REPORT_ALL_SUCCESS (docs/design.md 2.7): set apart by hand, all-successful days would be recorded as
     * skipped by one and reported by the other, or the reverse.
     */
    private static Check reportAllSuccess(DeployedFunctions deployed, StackSettings stack) {
        String name = "report-all-success";
        String planner = stack.functions().get("planner");
        String worker = stack.functions().get("worker");
        if (planner == null || planner.isBlank() || worker == null || worker.isBlank()) {
            return Check.fail(name, "not checked: no planner or no worker function", "see the functions above");
        }
        String fix = "redeploy the stack (sam deploy): both take the ReportAllSuccess parameter";
        return probe(name, () -> {
            boolean planners;
            boolean workers;
            try {
                // As the functions read it at start.
                planners = ReportSettings.parseReportAllSuccess(deployed.variable(planner, ReportSettings.REPORT_ALL_SUCCESS_ENV));
                workers = ReportSettings.parseReportAllSuccess(deployed.variable(worker, ReportSettings.REPORT_ALL_SUCCESS_ENV));
            } catch (IllegalStateException refusedAtStart) {
                return Check.fail(name, refusedAtStart.getMessage(), fix);
            }
            return planners == workers ? Check.ok(name, planners + " for the planner and the worker")
                    : Check.fail(name, "the planner has " + planners + ", the worker " + workers
                            + ": they would decide differently which days without failures get a report", fix);
        }, "deploy the stack (sam build && sam deploy)");
    }

    private static Check dkimKey(SsmClient ssm, StackSettings stack) {
        String name = "dkim-key " + stack.dkimKeyParameter();
        try {
            DkimKeys.rsaPrivateKeyFromPem(key(ssm, stack));
            return Check.ok(name, "an RSA key of at least " + DkimKeys.MIN_RSA_BITS + " bits");
        } catch (ParameterNotFoundException e) {
            return Check.fail(name, "no such SSM parameter", "bin/tlsrpt dkim-record --generate (creates the key, prints its record)");
        } catch (IllegalArgumentException e) {
            // DkimKeys' messages never carry key material.
            return Check.fail(name, e.getMessage(), "store a PKCS#8 PEM RSA key of 2048 bits or more (docs/deploy.md)");
        } catch (SdkException e) {
            return Check.fail(name, "cannot read it: " + e.getMessage(), "allow ssm:GetParameter and kms:Decrypt for it");
        }
    }

    private static String key(SsmClient ssm, StackSettings stack) {
        return ssm.getParameter(r -> r.name(stack.dkimKeyParameter()).withDecryption(true)).parameter().value();
    }

    private static Check dkimRecord(TxtResolver resolver, SsmClient ssm, StackSettings stack, boolean keyUsable) {
        String at = DkimKeyRecord.name(stack.dkimSelector(), stack.submitterDomain());
        String name = "dkim-record " + at;
        String fix = "publish the line bin/tlsrpt dkim-record prints";
        TxtAnswer answer = resolver.lookupTxt(at);
        List<String> records = switch (answer) {
            case TxtAnswer.Records found -> found.records().stream().map(parts -> String.join("", parts)).toList();
            case TxtAnswer.NameNotFound none -> List.of();
            case TxtAnswer.NoData none -> List.of();
            case TxtAnswer.Failure failure -> null;
        };
        if (records == null) {
            return Check.fail(name, "DNS lookup failed: " + ((TxtAnswer.Failure) answer).reason(), "try again, or ask another --dns-server");
        }
        List<String> keyRecords = records.stream().filter(r -> DkimKeyRecord.tags(r).containsKey("p")).toList();
        if (keyRecords.isEmpty()) {
            return Check.fail(name, "no DKIM key record published", fix);
        }
        if (keyRecords.size() > 1) {
            return Check.fail(name, keyRecords.size() + " DKIM key records published; receivers may pick either", "keep one: " + fix);
        }
        Map<String, String> tags = DkimKeyRecord.tags(keyRecords.get(0));
        if (!DkimKeyRecord.allowsTlsrpt(tags)) {
            return Check.fail(name, "s=" + tags.get("s") + " does not allow TLS reports (RFC 8460 section 3)", "use s=tlsrpt: " + fix);
        }
        if (!tags.getOrDefault("k", "rsa").equalsIgnoreCase("rsa")) {
            return Check.fail(name, "k=" + tags.get("k") + ", the key is RSA", fix);
        }
        if (!keyUsable) {
            return Check.fail(name, "published, but the key in SSM is not usable (see dkim-key)", "fix dkim-key, then " + fix);
        }
        RSAPrivateKey key = DkimKeys.rsaPrivateKeyFromPem(key(ssm, stack));
        String expected = DkimKeyRecord.tags(DkimKeys.publicKeyRecord(key)).get("p");
        if (!expected.equals(tags.get("p"))) {
            return Check.fail(name, "p= is not the public key of the key in SSM", fix + " (after a rotation: the new key's record)");
        }
        return Check.ok(name, "matches the key in SSM, s=" + tags.getOrDefault("s", "* (default)"));
    }

    /** The domain's identity, or the From address's: SES sends from either (so may the worker). */
    private static Check sesIdentity(SesV2Client ses, StackSettings stack) {
        Check pending = null;
        for (String identity : List.of(stack.submitterDomain(), stack.fromAddress())) {
            String name = "ses-identity " + identity;
            GetEmailIdentityResponse response;
            try {
                response = ses.getEmailIdentity(r -> r.emailIdentity(identity));
            } catch (NotFoundException e) {
                continue;
            } catch (SdkException e) {
                return Check.fail(name, "cannot read it: " + e.getMessage(), "allow ses:GetEmailIdentity");
            }
            if ("SUCCESS".equals(response.verificationStatusAsString())) {
                return Check.ok(name, "verified");
            }
            if (pending == null) {
                pending = Check.fail(name, "verification " + response.verificationStatusAsString(),
                        "publish the records SES asks for" + cnames(response.dkimAttributes(), identity));
            }
        }
        return pending != null ? pending : Check.fail("ses-identity " + stack.submitterDomain(),
                "no SES identity for the From domain (nor the From address)",
                "aws sesv2 create-email-identity --email-identity " + stack.submitterDomain()
                        + ", publish the three CNAME records it prints (DkimAttributes.Tokens), run doctor again");
    }

    /** SES Easy DKIM's CNAME records, which verify a domain identity. */
    private static String cnames(DkimAttributes dkim, String domain) {
        if (dkim == null || dkim.tokens() == null || dkim.tokens().isEmpty()) {
            return " (aws sesv2 get-email-identity --email-identity " + domain + " shows them)";
        }
        return ":" + dkim.tokens().stream().map(token -> "\n         " + token + "._domainkey." + domain + ". IN CNAME "
                + token + ".dkim.amazonses.com.").collect(Collectors.joining());
    }

    private static Check configurationSet(SesV2Client ses, StackSettings stack) {
        String name = "configuration-set " + stack.configurationSet();
        return probe(name, () -> {
            var delivery = ses.getConfigurationSet(r -> r.configurationSetName(stack.configurationSet())).deliveryOptions();
            String policy = delivery == null ? null : delivery.tlsPolicyAsString();
            if (policy == null) {
                return Check.ok(name, "TLS policy not set (SES's default, optional)");
            }
            // With REQUIRE, a report about broken TLS would never reach the receiver whose TLS is broken.
            return TlsPolicy.OPTIONAL.toString().equals(policy) ? Check.ok(name, "TLS policy OPTIONAL")
                    : Check.fail(name, "TLS policy " + policy + ", must be OPTIONAL (RFC 8460 section 5.3)",
                    "aws sesv2 put-configuration-set-delivery-options --configuration-set-name " + stack.configurationSet()
                            + " --tls-policy OPTIONAL (or redeploy the stack)");
        }, "deploy the stack (sam deploy)");
    }

    private interface Probe {
        Check run();
    }

    /** A check whose "does not exist" and other AWS errors become a FAIL line with the fix. */
    private static Check probe(String name, Probe probe, String fixWhenMissing) {
        try {
            return probe.run();
        } catch (SdkException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean missing = e.getClass().getSimpleName().matches(".*(NotFound|DoesNotExist|NonExistent).*");
            return Check.fail(name, missing ? "does not exist" : "cannot check: " + message,
                    missing ? fixWhenMissing : "check the credentials' permissions and the region");
        }
    }
}
