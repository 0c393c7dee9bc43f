package dev.tlsrpt.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.suppression.DefaultSuppressionDays;
import dev.tlsrpt.tlsrpt.Addresses;
import dev.tlsrpt.tlsrpt.DomainNames;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml admits as a parameter, the code accepts at start-up: a deploy that validates never
 * fails to initialise. Numeric bounds are the code's constants exactly; patterns are checked on samples
 * (every sample the pattern admits, the code accepts). Parameters whose bounds are AWS's own are listed.
 */
class TemplateParametersTest {
    private final JsonNode parameters = SamTemplate.load().root().path("Parameters");

    /** Parameters the code does not read or check: AWS itself applies them. */
    private static final Map<String, String> AWS_BOUNDS = Map.ofEntries(
            Map.entry("IngestRateLimit", "API Gateway route throttling"),
            Map.entry("IngestBurstLimit", "API Gateway route throttling"),
            // The minimums are twice the peak measured under the runtime (FunctionsUnderLambdaRuntimeIT).
            Map.entry("IngestMemorySize", "Lambda memory (at most 10240 MB)"),
            Map.entry("WorkerMemorySize", "Lambda memory (at most 10240 MB)"),
            Map.entry("FunctionTimeout", "Lambda timeout (at most 900 s)"),
            Map.entry("TracingMode", "Lambda tracing modes"),
            Map.entry("LogRetentionDays", "CloudWatch Logs retention values"),
            Map.entry("ReportSchedule", "EventBridge Scheduler expressions"),
            Map.entry("SummarySchedule", "EventBridge Scheduler expressions"),
            Map.entry("DkimKeyParameterName", "SSM parameter names"),
            Map.entry("AlarmEmail", "an SNS e-mail subscription"),
            Map.entry("BounceRateAlarmThreshold", "a CloudWatch alarm threshold"),
            Map.entry("ComplaintRateAlarmThreshold", "a CloudWatch alarm threshold"),
            Map.entry("BounceRatePauseThreshold", "a CloudWatch alarm threshold"),
            Map.entry("ComplaintRatePauseThreshold", "a CloudWatch alarm threshold"),
            Map.entry("ReportQueueAgeAlarmSeconds", "a CloudWatch alarm threshold"),
            Map.entry("ReceiverFailureAlarmThreshold", "a CloudWatch alarm threshold"),
            Map.entry("ArchiveRetentionDays", "an S3 lifecycle expiration"));

    /** The code's check of each string parameter: throws for a value it refuses. */
    private static final Map<String, Consumer<String>> CODE_CHECKS = Map.of(
            "OrganizationName", v -> ReportSettings.of(v, "example.com", "a@example.com", "b@example.com"),
            "SubmitterDomain", v -> ReportSettings.of("Org", v, "a@" + v, "b@" + v),
            "ContactAddress", Addresses::normalise,
            "FromAddress", Addresses::normalise,
            // DkimSigner reads its selector with DomainNames.toALabel.
            "DkimSelector", DomainNames::toALabel,
            // The day summary's e-mail address, when one is set.
            "SummaryEmail", v -> {
                if (!v.isEmpty()) {
                    Addresses.normalise(v);
                }
            },
            "ReportAllSuccess", v -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("not a boolean: " + v);
                }
            });

    private static final Map<String, List<String>> SAMPLES = Map.of(
            "OrganizationName", List.of("Example Mail Operator", "A", " ", "\t", "tab\tinside", "Ünïcode GmbH", "a\u0001b"),
            "SubmitterDomain", List.of("example.com", "xn--bcher-kva.example", "a..b", "a-.b", "-a.b", "a.b-", "a_b.example",
                    "x".repeat(63) + ".example", "x".repeat(64) + ".example", "bücher.example", "1.2.3.4"),
            "ContactAddress", List.of("tlsrpt@example.com", "a.b+c@example.com", "a..b@example.com", ".a@example.com",
                    "\"quoted\"@example.com", "a@b@example.com", "x".repeat(64) + "@example.com", "x".repeat(65) + "@example.com",
                    "a@-x.example"),
            "FromAddress", List.of("tlsrpt-noreply@example.com", "a\\b@example.com", "a b@example.com", "a@example..com"),
            "DkimSelector", List.of("tlsrpt", "tlsrpt-2026", "s1.tlsrpt", "_x", "a..b", "a-", "-a", "x".repeat(64)),
            "SummaryEmail", List.of("", "ops@example.com", "a b@example.com", "a@b@example.com"),
            "ReportAllSuccess", List.of("true", "false"));

    @Test
    void everyParameter_isCheckedAgainstTheCode_orNamedAsAwsOwn() {
        List<String> unclassified = new ArrayList<>();
        parameters.fieldNames().forEachRemaining(name -> {
            if (!AWS_BOUNDS.containsKey(name) && !CODE_CHECKS.containsKey(name)
                    && !List.of("ResultShards", "SuppressionDefaultDays", "SesSendRate", "MaxUrisPerRecord",
                    "MaxReportsPerAddress", "MaxReportsPerDomain", "ReportSpreadMinutes", "MaxReportBytes").contains(name)) {
                unclassified.add(name);
            }
        });
        assertThat(unclassified).as("parameters without a bounds check here").isEmpty();
    }

    @Test
    void resultShards_boundsAreTheResultStores() {
        JsonNode shards = parameters.path("ResultShards");

        assertThat(shards.path("MinValue").asInt()).isEqualTo(DynamoDbResultStore.MIN_SHARDS);
        assertThat(shards.path("MaxValue").asInt()).isEqualTo(DynamoDbResultStore.MAX_SHARDS);
        assertThatCode(() -> new DynamoDbResultStore(null, "t", shards.path("MaxValue").asInt(), Clock.systemUTC()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new DynamoDbResultStore(null, "t", shards.path("MaxValue").asInt() + 1, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void caps_boundsAreSendCaps_andTheDefaultsAreItsDefaults() {
        JsonNode uris = parameters.path("MaxUrisPerRecord");
        JsonNode perAddress = parameters.path("MaxReportsPerAddress");
        JsonNode perDomain = parameters.path("MaxReportsPerDomain");

        assertThat(List.of(uris.path("MinValue").asInt(), perAddress.path("MinValue").asInt(), perDomain.path("MinValue").asInt()))
                .containsOnly(1);
        assertThat(uris.path("MaxValue").asInt()).isEqualTo(SendCaps.MAX_URIS_PER_RECORD);
        assertThat(perAddress.path("MaxValue").asInt()).isEqualTo(SendCaps.MAX_REPORTS_PER_DAY);
        assertThat(perDomain.path("MaxValue").asInt()).isEqualTo(SendCaps.MAX_REPORTS_PER_DAY);
        assertThat(new SendCaps(uris.path("Default").asInt(), perAddress.path("Default").asInt(), perDomain.path("Default").asInt()))
                .isEqualTo(SendCaps.DEFAULTS);
        assertThatCode(() -> new SendCaps(SendCaps.MAX_URIS_PER_RECORD, SendCaps.MAX_REPORTS_PER_DAY, SendCaps.MAX_REPORTS_PER_DAY))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new SendCaps(SendCaps.MAX_URIS_PER_RECORD + 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendCaps(1, SendCaps.MAX_REPORTS_PER_DAY + 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendCaps(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maxReportBytes_boundsAreTheReportBuilders() {
        JsonNode bytes = parameters.path("MaxReportBytes");

        assertThat(bytes.path("MinValue").asLong()).isEqualTo(ReportBuilder.MIN_MAX_REPORT_BYTES);
        assertThat(bytes.path("MaxValue").asLong()).isEqualTo(ReportBuilder.MAX_MAX_REPORT_BYTES);
        assertThat(bytes.path("Default").asLong()).isEqualTo(ReportBuilder.DEFAULT_MAX_REPORT_BYTES);
        ReportSettings settings = ReportSettings.of("Org", "example.com", "a@example.com", "b@example.com");
        assertThatCode(() -> new ReportBuilder(settings, ReportBuilder.MAX_MAX_REPORT_BYTES)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ReportBuilder(settings, ReportBuilder.MIN_MAX_REPORT_BYTES - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void suppressionDefaultDays_boundsAreTheSuppressionFunctions() {
        JsonNode days = parameters.path("SuppressionDefaultDays");

        assertThat(days.path("MinValue").asInt()).isEqualTo(DefaultSuppressionDays.MIN_DAYS);
        assertThat(days.path("MaxValue").asInt()).isEqualTo(DefaultSuppressionDays.MAX_DAYS);
        assertThatCode(() -> DefaultSuppressionDays.parse(days.path("Default").asText())).doesNotThrowAnyException();
        assertThatThrownBy(() -> DefaultSuppressionDays.parse(String.valueOf(DefaultSuppressionDays.MAX_DAYS + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportSpreadMinutes_boundsAreThePlanners_andFitTheResultsRetention() {
        JsonNode spread = parameters.path("ReportSpreadMinutes");
        int retention = DynamoDbResultStore.RETENTION_DAYS;

        assertThat(spread.path("MinValue").asInt()).isZero();
        assertThat(spread.path("MaxValue").asLong()).isEqualTo(ReportSpread.MAX_LENGTH.toMinutes());
        for (String minutes : List.of(spread.path("MinValue").asText(), spread.path("Default").asText(), spread.path("MaxValue").asText())) {
            assertThatCode(() -> ReportSpread.parseMinutes("REPORT_SPREAD_MINUTES", minutes, retention))
                    .as("ReportSpreadMinutes %s", minutes).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> ReportSpread.parseMinutes("REPORT_SPREAD_MINUTES", String.valueOf(spread.path("MaxValue").asInt() + 1),
                retention)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sesSendRate_everyAllowedValueIsAcceptedByThePacer_withItsWorkerCount() {
        JsonNode mapping = SamTemplate.load().root().path("Mappings").path("WorkerConcurrencyBySendRate");

        parameters.path("SesSendRate").path("AllowedValues").forEach(rate -> assertThatCode(() ->
                SendPacer.of(rate.asDouble(), mapping.path(rate.asText()).path("Workers").asInt()))
                .as("SesSendRate %s", rate.asText()).doesNotThrowAnyException());
    }

    @Test
    void stringParameters_whatThePatternAdmits_theCodeAccepts() {
        CODE_CHECKS.forEach((name, check) -> {
            JsonNode parameter = parameters.path(name);
            List<String> samples = new ArrayList<>(SAMPLES.get(name));
            samples.add(parameter.path("Default").asText());
            for (String sample : samples) {
                if (admits(parameter, sample)) {
                    assertThatCode(() -> check.accept(sample)).as("%s = \"%s\": the template admits it", name, sample)
                            .doesNotThrowAnyException();
                }
            }
        });
    }

    @Test
    void stringParameters_refuseWhatTheCodeRefuses_onTheKnownTrapSamples() {
        assertThat(admits(parameters.path("OrganizationName"), " ")).isFalse();
        assertThat(admits(parameters.path("SubmitterDomain"), "a..b")).isFalse();
        assertThat(admits(parameters.path("FromAddress"), "\"quoted\"@example.com")).isFalse();
        assertThat(admits(parameters.path("DkimSelector"), "a..b")).isFalse();
    }

    private static boolean admits(JsonNode parameter, String value) {
        if (parameter.has("AllowedValues")) {
            List<String> allowed = new ArrayList<>();
            parameter.path("AllowedValues").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(value)) {
                return false;
            }
        }
        if (parameter.has("MinLength") && value.length() < parameter.path("MinLength").asInt()) {
            return false;
        }
        if (parameter.has("MaxLength") && value.length() > parameter.path("MaxLength").asInt()) {
            return false;
        }
        // CloudFormation matches AllowedPattern against the whole value.
        return !parameter.has("AllowedPattern") || Pattern.compile(parameter.path("AllowedPattern").asText()).matcher(value).matches();
    }
}
