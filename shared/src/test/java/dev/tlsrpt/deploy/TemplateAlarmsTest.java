package dev.tlsrpt.deploy;

import static dev.tlsrpt.testing.WorkerFixtures.recipientDomain;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.archive.ArchiveFailedSignal;
import dev.tlsrpt.archive.ArchivingReportPoster;
import dev.tlsrpt.auth.ApiToken;
import dev.tlsrpt.ingest.ApiRequest;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.ingest.IngestApi;
import dev.tlsrpt.ingest.IngestMetrics;
import dev.tlsrpt.ingest.RequestLog;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportMailer.MailResult;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.send.ReportPoster.PostResult;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.send.events.EmfMetricsPublisher;
import dev.tlsrpt.store.ResultStore;
import dev.tlsrpt.store.StorageUnavailableException;
import dev.tlsrpt.suppression.InMemorySuppressionList;
import dev.tlsrpt.testing.EmfLines;
import dev.tlsrpt.testing.EmfLines.Emitted;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.testing.InMemoryTokenStore;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.UnreachableArchive;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every alarm in template.yaml watches something real: a {@code tlsrpt} alarm's namespace, metric name and
 * dimensions are exactly what the code path it watches writes (its EMF lines captured from the real
 * ReportSender and IngestApi); an AWS-namespace alarm names a resource of the stack; every alarm pages
 * through the alarm topic.
 */
class TemplateAlarmsTest {
    /** Metric contract of the report worker's DKIM key check: namespace tlsrpt, no dimensions, Count. */
    private static final Emitted DKIM_KEY_UNAVAILABLE = new Emitted("tlsrpt", "DkimKeyUnavailable", Map.of(), 1);

    private final SamTemplate template = SamTemplate.load();

    private record Alarm(String id, JsonNode properties) {
        String namespace() {
            return properties.path("Namespace").asText();
        }

        String metricName() {
            return properties.path("MetricName").asText();
        }

        Map<String, String> dimensions() {
            Map<String, String> dimensions = new TreeMap<>();
            properties.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
            return dimensions;
        }

        List<String> actions() {
            List<String> actions = new ArrayList<>();
            properties.path("AlarmActions").forEach(a -> actions.add(a.asText()));
            return actions;
        }
    }

    private List<Alarm> alarms() {
        List<Alarm> alarms = new ArrayList<>();
        template.root().path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                alarms.add(new Alarm(resource.getKey(), resource.getValue().path("Properties")));
            }
        });
        return alarms;
    }

    private List<String> resourcesOfType(String type) {
        return template.root().path("Resources").properties().stream()
                .filter(r -> r.getValue().path("Type").asText().equals(type)).map(Map.Entry::getKey).toList();
    }

    /** The worker's failure paths, each of its reason classes, through the real EMF publisher. */
    private static List<Emitted> workerFailureMetrics() {
        EmfLines emf = new EmfLines();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
        FakeDelivery.Mailer mailer = new FakeDelivery.Mailer();
        FakeDelivery.Poster poster = new FakeDelivery.Poster();
        InMemoryLedger ledger = new InMemoryLedger();
        EmfMetricsPublisher publisher = new EmfMetricsPublisher(emf.out(), clock);
        ReportSender sender = mixedDaySender(WorkerFixtures.ZONE, ledger, mailer, poster, publisher, signed(clock),
                SendCaps.DEFAULTS, clock);

        // ses: SES refuses the message; https: the receiver's URI is refused
        mailer.answer("tls@other.example", new MailResult.Rejected("SES MessageRejected (HTTP 400)"));
        poster.answer("https://reports.rcpt.example/tlsrpt", new PostResult.PermanentFailure("HTTP 403"));
        sender.send(recipientDomain("other.example"));
        sender.send(recipientDomain("rcpt.example"));
        // dns: the TLSRPT record lookup still fails after the 24-hour window
        sender.send(recipientDomain("flaky.example"));
        clock.advance(Duration.ofHours(24));
        sender.send(recipientDomain("flaky.example"));
        // dkim: no key, the e-mails wait (retrying, never failed): no ReportsFailed for them
        mixedDaySender(WorkerFixtures.ZONE, new InMemoryLedger(), mailer, poster, publisher,
                new MessageSigning.Unavailable("parameter /tlsrpt/dkim not found"), SendCaps.DEFAULTS, clock)
                .send(recipientDomain("other.example"));
        // other: a destination-level failure that is none of these (none today; the class must still page)
        publisher.publish(new ReportOutcome(LocalDate.of(2026, 11, 28), DestinationKind.RECIPIENT_DOMAIN,
                "odd.example", ReportOutcome.Channel.NONE, null, ReportOutcome.Status.FAILED, "unexpected"));
        return emf.metrics();
    }

    /** The worker's caps, each hit once: a record with more URIs than used, an address's and a domain's share. */
    private static List<Emitted> capMetrics() {
        EmfLines emf = new EmfLines();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:15:00Z"));
        // other.example's record points at rcpt.example's first address, which rcpt.example's report takes first.
        String zone = WorkerFixtures.ZONE.replace("rua=mailto:tls@other.example", "rua=mailto:tls@rcpt.example");
        ReportSender sender = mixedDaySender(zone, new InMemoryLedger(), new FakeDelivery.Mailer(), new FakeDelivery.Poster(),
                new EmfMetricsPublisher(emf.out(), clock), signed(clock), new SendCaps(2, 1, 1), clock);

        // uris: rcpt.example lists three URIs, two are used; domain: its second address shares the first's domain
        sender.send(recipientDomain("rcpt.example"));
        // address: other.example's one address already had its report of the day
        sender.send(recipientDomain("other.example"));
        return emf.metrics();
    }

    /** A worker's sender over WorkerFixtures' mixed day, its records from {@code zone}, never paced. */
    private static ReportSender mixedDaySender(String zone, InMemoryLedger ledger, FakeDelivery.Mailer mailer,
                                               FakeDelivery.Poster poster, EmfMetricsPublisher publisher,
                                               MessageSigning signing, SendCaps caps, MutableClock clock) {
        ReportSender.Ports ports = new ReportSender.Ports(WorkerFixtures.stored(WorkerFixtures.mixedDay()), ledger,
                new TlsrptRecordLookup(new WorkerFixtures.SwitchableResolver(zone)), new InMemorySuppressionList(),
                mailer, poster, publisher);
        return new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing, SendPacer.of(1000, 1), caps, clock);
    }

    private static MessageSigning signed(MutableClock clock) {
        return new MessageSigning.Ready(new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), clock));
    }

    /** The worker failing to archive a report (S3 unreachable): it is still posted, the failure signalled. */
    private static List<Emitted> archiveFailureMetrics() {
        EmfLines emf = new EmfLines();
        Report report = new ReportBuilder(TlsrptFixtures.SETTINGS)
                .build(recipientDomain("rcpt.example").with(WorkerFixtures.mixedDay().subList(0, 1)));
        PostResult result = new ArchivingReportPoster(new FakeDelivery.Poster(), new UnreachableArchive(),
                new ArchiveFailedSignal(emf.out(), null, "bus", java.time.Clock.systemUTC()))
                .post(URI.create("https://reports.rcpt.example/tlsrpt"), report.toGzip(), WorkerFixtures.contentOf(report));
        assertThat(result).isInstanceOf(PostResult.Delivered.class);
        return emf.metrics();
    }

    /** Ingest's answer when storage is unavailable. */
    private static List<Emitted> ingest503Metrics() {
        EmfLines emf = new EmfLines();
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        ApiToken token = tokens.create("mta1");
        ResultStore failing = new ResultStore() {
            @Override
            public ApplyOutcome apply(String batchId, String bodyHash, List<CounterDelta> deltas) {
                throw new StorageUnavailableException("throttled", new RuntimeException());
            }

            @Override
            public boolean isDayClosed(LocalDate day) {
                return false;
            }
        };
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-28T20:00:00Z"), java.time.ZoneOffset.UTC);
        String body = """
                {"results": [{"time": "2026-11-28T13:45:07Z", "recipient-domain": "example.com",
                  "policy": {"policy-type": "no-policy-found", "policy-domain": "example.com"},
                  "successful-sessions": 3, "failed-sessions": 0}]}
                """;
        int status = new IngestApi(tokens, failing, clock, new IngestMetrics(emf.out(), clock)).handle(
                new ApiRequest("POST", "/v1/results", Map.of("authorization", "Bearer " + token.value(),
                        "content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8)),
                new RequestLog("/v1/results")).status();
        assertThat(status).isEqualTo(503);
        return emf.metrics();
    }

    @Test
    void everyTlsrptAlarm_watchesAMetricItsCodePathWrites() {
        // GIVEN the metrics the real failure paths write (and the worker's DKIM contract)
        List<Emitted> written = new ArrayList<>(workerFailureMetrics());
        written.addAll(ingest503Metrics());
        written.addAll(archiveFailureMetrics());
        written.addAll(capMetrics());
        written.add(DKIM_KEY_UNAVAILABLE);

        // THEN each tlsrpt alarm's namespace, name and dimensions are exactly those of one written metric
        List<Alarm> own = alarms().stream().filter(a -> a.namespace().equals("tlsrpt")).toList();
        assertThat(own).extracting(Alarm::id).contains("Ingest503Alarm", "DkimKeyUnavailableAlarm", "ArchiveFailedAlarm",
                "ReportsFailedDnsAlarm", "ReportsFailedSesAlarm", "ReportsFailedHttpsAlarm",
                "ReportsFailedOtherAlarm", "SendCapsPerAddressAlarm", "SendCapsPerDomainAlarm", "SendCapsUrisAlarm");
        for (Alarm alarm : own) {
            assertThat(written).as("%s watches %s %s", alarm.id(), alarm.metricName(), alarm.dimensions())
                    .anyMatch(m -> m.namespace().equals(alarm.namespace()) && m.name().equals(alarm.metricName())
                            && m.dimensions().equals(alarm.dimensions()));
        }
    }

    @Test
    void failedReports_areCountedByReasonClass_andStillByChannel() {
        List<Emitted> failed = workerFailureMetrics().stream().filter(m -> m.name().equals("ReportsFailed")).toList();
        assertThat(failed).extracting(m -> m.dimensions().get("ReasonClass")).filteredOn(v -> v != null)
                .containsOnly("dns", "ses", "https", "other").contains("dns", "ses", "https", "other");
        assertThat(failed).extracting(m -> m.dimensions().get("Channel")).filteredOn(v -> v != null)
                .contains("EMAIL", "HTTPS", "NONE");
    }

    @Test
    void dkimAlarm_followsTheWorkersMetricContract() {
        Alarm dkim = alarms().stream().filter(a -> a.id().equals("DkimKeyUnavailableAlarm")).findFirst().orElseThrow();
        assertThat(dkim.dimensions()).isEmpty();
        assertThat(dkim.properties().path("Statistic").asText()).isEqualTo("Sum");
        assertThat(dkim.properties().path("Threshold").asInt()).isEqualTo(1);
        assertThat(dkim.properties().path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
    }

    @Test
    void everyFunction_hasAnErrorsAndAThrottlesAlarm() {
        Map<String, Set<String>> watched = alarms().stream().filter(a -> a.namespace().equals("AWS/Lambda"))
                .collect(Collectors.groupingBy(a -> a.dimensions().get("FunctionName"),
                        Collectors.mapping(Alarm::metricName, Collectors.toSet())));
        List<String> functions = resourcesOfType("AWS::Serverless::Function");
        assertThat(functions).contains("SendingGuardFunction", "DaySummaryFunction");
        assertThat(watched.keySet()).containsExactlyInAnyOrderElementsOf(functions);
        watched.values().forEach(metrics -> assertThat(metrics).containsExactlyInAnyOrder("Errors", "Throttles"));
    }

    @Test
    void queueAlarms_watchTheStacksQueues() {
        List<String> queues = resourcesOfType("AWS::SQS::Queue");
        Map<String, String> watched = alarms().stream().filter(a -> a.namespace().equals("AWS/SQS"))
                .collect(Collectors.toMap(a -> a.dimensions().get("QueueName") + " " + a.metricName(), Alarm::id));
        assertThat(watched).containsKeys("ReportQueue.QueueName ApproximateAgeOfOldestMessage",
                "ReportDeadLetterQueue.QueueName ApproximateNumberOfMessagesVisible",
                "PlannerDeadLetterQueue.QueueName ApproximateNumberOfMessagesVisible");
        watched.keySet().forEach(key -> assertThat(queues).contains(key.substring(0, key.indexOf('.'))));
        assertThat(template.properties("ReportQueueAgeAlarm").path("Threshold").asText()).isEqualTo("ReportQueueAgeAlarmSeconds");
    }

    @Test
    void apiAlarm_isTheShareOf5xxOfTheIngestApisDefaultStage() {
        JsonNode metrics = template.properties("IngestApi5xxRateAlarm").path("Metrics");
        List<String> names = new ArrayList<>();
        for (JsonNode metric : metrics) {
            JsonNode stat = metric.path("MetricStat").path("Metric");
            if (stat.isMissingNode()) {
                assertThat(metric.path("Expression").asText()).isEqualTo("IF(requests > 0, errors / requests, 0)");
                continue;
            }
            names.add(stat.path("MetricName").asText());
            assertThat(stat.path("Namespace").asText()).isEqualTo("AWS/ApiGateway");
            assertThat(stat.path("Dimensions").toString())
                    .isEqualTo("[{\"Name\":\"ApiId\",\"Value\":\"IngestApi\"},{\"Name\":\"Stage\",\"Value\":\"$default\"}]");
        }
        assertThat(names).containsExactlyInAnyOrder("5xx", "Count");
        assertThat(template.resource("IngestApi").path("Type").asText()).isEqualTo("AWS::Serverless::HttpApi");
    }

    @Test
    void reputationPauseAlarms_reachTheGuard_whichPausesTheReportsConfigurationSet() {
        // GIVEN reputation metrics on, per configuration set
        JsonNode set = template.properties("ReportConfigurationSet");
        assertThat(set.path("ReputationOptions").path("ReputationMetricsEnabled").asBoolean()).isTrue();

        // THEN each pause alarm watches an SES reputation rate (the account's, or the set's) against its
        // pause threshold and notifies the guard topic as well as the alarm topic
        List<Alarm> pause = alarms().stream().filter(a -> a.id().endsWith("PauseAlarm")).toList();
        assertThat(pause).hasSize(4).allSatisfy(alarm -> {
            assertThat(alarm.namespace()).isEqualTo("AWS/SES");
            assertThat(alarm.metricName()).isIn("Reputation.BounceRate", "Reputation.ComplaintRate");
            assertThat(alarm.dimensions()).isIn(Map.of(), Map.of("ses:configuration-set", "ReportConfigurationSet"));
            assertThat(alarm.properties().path("Threshold").asText())
                    .isEqualTo(alarm.metricName().equals("Reputation.BounceRate") ? "BounceRatePauseThreshold" : "ComplaintRatePauseThreshold");
            assertThat(alarm.actions()).containsExactlyInAnyOrder("AlarmTopic", "SendingGuardTopic");
        });
        JsonNode guard = template.properties("SendingGuardFunction");
        assertThat(guard.path("Events").elements().next().path("Properties").path("Topic").asText()).isEqualTo("SendingGuardTopic");
        assertThat(guard.path("Environment").path("Variables").path("CONFIGURATION_SET").asText()).isEqualTo("ReportConfigurationSet");
        assertThat(guard.path("Policies").toString()).contains("ses:PutConfigurationSetSendingOptions",
                "configuration-set/${ReportConfigurationSet}");
        // AND only pause alarms reach the guard
        assertThat(alarms()).filteredOn(a -> a.actions().contains("SendingGuardTopic")).hasSize(4);
        // AND the pause thresholds sit below SES's own enforcement levels (pause at 10 % / 0.5 %)
        JsonNode parameters = template.root().path("Parameters");
        assertThat(parameters.path("BounceRatePauseThreshold").path("Default").asDouble()).isLessThan(0.10);
        assertThat(parameters.path("ComplaintRatePauseThreshold").path("Default").asDouble()).isLessThan(0.005);
    }

    @Test
    void everyAlarm_pagesThroughTheAlarmTopic_andAlarmEmailSubscribesOnlyWhenSet() {
        assertThat(alarms()).hasSizeGreaterThan(20)
                .allSatisfy(alarm -> assertThat(alarm.actions()).as(alarm.id()).contains("AlarmTopic"));
        JsonNode subscription = template.resource("AlarmEmailSubscription");
        assertThat(subscription.path("Condition").asText()).isEqualTo("HasAlarmEmail");
        assertThat(subscription.path("Properties").path("Endpoint").asText()).isEqualTo("AlarmEmail");
        assertThat(template.root().path("Parameters").path("AlarmEmail").path("Default").asText()).isEmpty();
    }

    @Test
    void dashboardBody_isJson_andShowsWhatTheAlarmsWatch() throws Exception {
        // GIVEN the body with every ${...} of !Sub replaced by a plain value
        String body = template.properties("OperationsDashboard").path("DashboardBody").asText();
        Matcher variables = Pattern.compile("\\$\\{[^}]+}").matcher(body);
        JsonNode dashboard = Json.MAPPER.readTree(variables.replaceAll("x"));

        // THEN it is JSON with widgets, and names ingest, report, queue and SES metrics
        assertThat(dashboard.path("widgets").size()).isGreaterThanOrEqualTo(8);
        assertThat(body).contains("ResultsAccepted", "BatchesRefused", "{tlsrpt,Channel}", "{tlsrpt,ReasonClass}",
                "DkimKeyUnavailable", "ApproximateAgeOfOldestMessage", "${ReportQueue.QueueName}",
                "Reputation.BounceRate", "Reputation.ComplaintRate", "\"Bounce\"", "\"Complaint\"", "\"Send\"");
    }
}
