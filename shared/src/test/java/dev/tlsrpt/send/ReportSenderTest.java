package dev.tlsrpt.send;

import static dev.tlsrpt.testing.WorkerFixtures.mxHost;
import static dev.tlsrpt.testing.WorkerFixtures.recipientDomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.send.Ledger.DeliveryState;
import dev.tlsrpt.send.ReportMailer.MailResult;
import dev.tlsrpt.send.ReportOutcome.Channel;
import dev.tlsrpt.send.ReportOutcome.Status;
import dev.tlsrpt.send.ReportPoster.PostResult;
import dev.tlsrpt.suppression.InMemorySuppressionList;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.testing.FakeDelivery;
import dev.tlsrpt.testing.InMemoryDestinationRules;
import dev.tlsrpt.testing.InMemoryLedger;
import dev.tlsrpt.testing.MutableClock;
import dev.tlsrpt.testing.TlsrptFixtures;
import dev.tlsrpt.testing.WorkerFixtures;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationRule;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportDecision;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.TlsResult;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportSenderTest {
    private static final Instant FIRST_RUN = Instant.parse("2026-11-29T01:15:00Z");
    private static final String HTTPS_RCPT = "https://reports.rcpt.example/tlsrpt";

    private final MutableClock clock = new MutableClock(FIRST_RUN);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemorySuppressionList suppressions = new InMemorySuppressionList();
    private final FakeDelivery.Mailer mailer = new FakeDelivery.Mailer();
    private final FakeDelivery.Poster poster = new FakeDelivery.Poster();
    private final FakeDelivery.Outcomes outcomes = new FakeDelivery.Outcomes();
    private final WorkerFixtures.SwitchableResolver dns = new WorkerFixtures.SwitchableResolver(WorkerFixtures.ZONE);
    private List<TlsResult> day;

    @BeforeEach
    void mixedDay() {
        day = new ArrayList<>(WorkerFixtures.mixedDay());
    }

    private ReportSender sender(ReportSettings settings, MessageSigning signing) {
        ReportSender.Ports ports = new ReportSender.Ports(WorkerFixtures.stored(day), ledger, new TlsrptRecordLookup(dns),
                suppressions, mailer, poster, outcomes);
        return new ReportSender(ports, new ReportBuilder(settings), signing, SendPacer.of(1000, 1), clock);
    }

    private ReportSender sender() {
        return sender(TlsrptFixtures.SETTINGS, signing());
    }

    private ReportSender sender(SendCaps caps) {
        return sender(caps, DestinationRules.NONE);
    }

    private ReportSender sender(SendCaps caps, DestinationRules rules) {
        ReportSender.Ports ports = new ReportSender.Ports(WorkerFixtures.stored(day), ledger, new TlsrptRecordLookup(dns),
                suppressions, mailer, poster, outcomes);
        return new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing(), SendPacer.of(1000, 1), caps,
                rules, clock);
    }

    private MessageSigning signing() {
        return new MessageSigning.Ready(new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(), clock));
    }

    private Map<DeliveryState, Set<String>> deliveries(DestinationKey job) {
        return ReportSender.byState(ledger.deliveries(job));
    }

    @Test
    void send_shouldMailEachRecipientAndPostToEachHttpsUriOnce() {
        // WHEN the job of a recipient domain with two mailto and one https URI runs
        JobResult result = sender().send(recipientDomain("rcpt.example"));

        // THEN one signed message per recipient, one POST, a SENT event each, and the job is done with its URIs
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example");
        assertThat(new String(mailer.rawMessages().get(0), StandardCharsets.US_ASCII))
                .startsWith("DKIM-Signature:").contains("To: tls@rcpt.example").doesNotContain("noc@rcpt.example");
        assertThat(poster.delivered()).containsExactly(URI.create(HTTPS_RCPT));
        assertThat(outcomes.withStatus(Status.SENT)).extracting(ReportOutcome::channel, ReportOutcome::target)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Channel.EMAIL, "mailto:tls@rcpt.example"),
                        org.assertj.core.groups.Tuple.tuple(Channel.EMAIL, "mailto:noc@rcpt.example"),
                        org.assertj.core.groups.Tuple.tuple(Channel.HTTPS, HTTPS_RCPT));
        assertThat(ledger.find(recipientDomain("rcpt.example")).orElseThrow().reportUris())
                .containsExactlyInAnyOrder("mailto:tls@rcpt.example", "mailto:noc@rcpt.example", HTTPS_RCPT);
    }

    @Test
    void send_shouldTreatAddressesThatDifferInCaseAsOneDelivery() {
        // GIVEN a record that lists one address twice, in two spellings
        dns.use(WorkerFixtures.ZONE.replace("rua=mailto:tls@other.example", "rua=mailto:TLS@Other.example,mailto:tls@other.example"));

        // WHEN its job runs
        JobResult result = sender().send(recipientDomain("other.example"));

        // THEN one message, to the address as first published, and one ledger entry
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactly("TLS@other.example");
        assertThat(ledger.deliveries(recipientDomain("other.example"))).extracting(Ledger.Delivery::target)
                .containsExactly("mailto:tls@other.example");
    }

    @Test
    void send_shouldDeliverToTheUrisOfEveryRuaField() {
        // GIVEN a record with two rua fields (docs/design.md 2.3)
        dns.use(WorkerFixtures.ZONE.replace("rua=mailto:tls@other.example",
                "rua=mailto:tls@other.example; rua=https://reports.other.example/v1,mailto:noc@other.example"));

        // WHEN its job runs
        JobResult result = sender().send(recipientDomain("other.example"));

        // THEN every URI of both fields got the report, and the ledger keeps all three as the record's URIs
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@other.example", "noc@other.example");
        assertThat(poster.delivered()).containsExactly(URI.create("https://reports.other.example/v1"));
        assertThat(ledger.find(recipientDomain("other.example")).orElseThrow().reportUris()).containsExactlyInAnyOrder(
                "mailto:tls@other.example", "mailto:noc@other.example", "https://reports.other.example/v1");
    }

    @Test
    void send_shouldSkipAnAddressSuppressedInAnotherCase() throws Exception {
        // GIVEN tls@other.example suppressed, and the record publishing it as TLS@other.example
        suppressions.add(new Suppression("tls@other.example", null, "bounced", SuppressionSource.SES_BOUNCE, null, FIRST_RUN),
                FIRST_RUN);
        dns.use(WorkerFixtures.ZONE.replace("rua=mailto:tls@other.example", "rua=mailto:TLS@other.example"));

        // WHEN its job runs
        JobResult result = sender().send(recipientDomain("other.example"));

        // THEN nothing is sent: it is the same address
        assertThat(result).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(mailer.calls()).isZero();
        assertThat(deliveries(recipientDomain("other.example"))).containsExactly(
                Map.entry(DeliveryState.SKIPPED, Set.of("mailto:tls@other.example")));
    }

    @Test
    void send_shouldIncludeTheMxHostsTlsaPoliciesInTheRecipientDomainReport() {
        sender().send(recipientDomain("rcpt.example"));

        JsonNode report = WorkerFixtures.report(poster.bodies().get(0));
        List<String> policies = StreamSupport.stream(report.get("policies").spliterator(), false)
                .map(p -> p.get("policy").get("policy-type").asText() + " " + p.get("policy").get("policy-domain").asText())
                .toList();
        assertThat(policies).containsExactlyInAnyOrder("sts rcpt.example", "tlsa mx.hosting.example", "tlsa mx.rcpt.example");
    }

    @Test
    void send_shouldSendNothingWhenTheSameJobComesAgain() {
        // GIVEN a job that was delivered
        sender().send(recipientDomain("rcpt.example"));
        int events = outcomes.published().size();

        // WHEN the same message arrives again (or the planner ran again)
        JobResult again = sender().send(recipientDomain("rcpt.example"));

        // THEN nothing is sent or published twice
        assertThat(again).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).hasSize(2);
        assertThat(poster.requested()).hasSize(1);
        assertThat(outcomes.published()).hasSize(events);
    }

    @Test
    void send_shouldSkipSuppressedRecipientButMailTheOthers() throws Exception {
        // GIVEN one of the two recipients is suppressed
        suppressions.add(new Suppression("noc@RCPT.example", null, "bounced", SuppressionSource.SES_BOUNCE, null, FIRST_RUN),
                FIRST_RUN);

        // WHEN the job runs
        JobResult result = sender().send(recipientDomain("rcpt.example"));

        // THEN the other recipient still gets the report, the suppressed one is recorded and published as skipped
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactly("tls@rcpt.example");
        assertThat(deliveries(recipientDomain("rcpt.example")).get(DeliveryState.SKIPPED)).containsExactly("mailto:noc@rcpt.example");
        assertThat(outcomes.withStatus(Status.SKIPPED)).singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo("suppressed address"));
    }

    @Test
    void send_shouldMailAnAddressWhoseSuppressionHasEnded() throws Exception {
        suppressions.add(new Suppression("noc@rcpt.example", FIRST_RUN.minusSeconds(60), null, SuppressionSource.OPERATOR,
                null, FIRST_RUN.minusSeconds(3600)), FIRST_RUN.minusSeconds(3600));

        sender().send(recipientDomain("rcpt.example"));

        assertThat(mailer.sent()).contains("noc@rcpt.example");
    }

    @Test
    void send_shouldSendNoReportForAnAllSuccessDomain() {
        JobResult result = sender().send(recipientDomain("quiet.example"));

        assertThat(result).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(mailer.calls()).isZero();
        assertThat(outcomes.published()).singleElement().satisfies(o -> {
            assertThat(o.channel()).isEqualTo(Channel.NONE);
            assertThat(o.status()).isEqualTo(Status.SKIPPED);
            assertThat(o.reason()).startsWith("nothing to report");
        });
    }

    @Test
    void send_shouldReportAnAllSuccessDomainWhenReportAllSuccessIsOn() {
        ReportSettings all = new ReportSettings("Example Sender Org", "sender.example", "tlsrpt@sender.example",
                "tlsrpt-noreply@sender.example", true);

        JobResult result = sender(all, signing()).send(recipientDomain("quiet.example"));

        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactly("tls@quiet.example");
    }

    @Test
    void send_shouldSkipADomainWithoutRecordOrWithTwoRecords() {
        JobResult none = sender().send(recipientDomain("norecord.example"));
        JobResult two = sender().send(recipientDomain("twice.example"));

        assertThat(none).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(two).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(mailer.calls()).isZero();
        assertThat(outcomes.published()).extracting(ReportOutcome::reason)
                .satisfiesExactly(r -> assertThat(r).startsWith("no TLSRPT record"), r -> assertThat(r).isEqualTo("several TLSRPT records"));
    }

    @Test
    void send_shouldRetryAfterServfailAndSendOnceTheRecordAnswers() {
        // GIVEN the record lookup SERVFAILs
        JobResult first = sender().send(recipientDomain("flaky.example"));
        assertThat(first).isInstanceOf(JobResult.RetryLater.class);
        assertThat(((JobResult.RetryLater) first).delay()).isBetween(Duration.ofSeconds(48), Duration.ofMinutes(1));
        assertThat(outcomes.withStatus(Status.RETRYING)).hasSize(1);

        // WHEN DNS answers on a later attempt
        dns.use(WorkerFixtures.ZONE_RECOVERED);
        clock.advance(Duration.ofMinutes(1));
        JobResult second = sender().send(recipientDomain("flaky.example"));

        // THEN the report goes out then
        assertThat(second).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactly("tls@flaky.example");
    }

    @Test
    void send_shouldRecordFailedWhenTheLookupStillFailsAfter24Hours() {
        sender().send(recipientDomain("flaky.example"));
        clock.advance(Duration.ofHours(24));

        JobResult last = sender().send(recipientDomain("flaky.example"));

        assertThat(last).isEqualTo(new JobResult.Done(Status.FAILED));
        assertThat(ledger.find(recipientDomain("flaky.example")).orElseThrow().reason()).startsWith("gave up after 24 h");
        assertThat(outcomes.withStatus(Status.FAILED)).singleElement()
                .satisfies(o -> assertThat(o.reason()).contains("SERVFAIL"));
    }

    @Test
    void send_shouldBackOffExponentiallyUpToAnHour() {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 0; attempt < 9; attempt++) {
            JobResult.RetryLater later = (JobResult.RetryLater) sender().send(recipientDomain("flaky.example"));
            delays.add(later.delay());
            clock.advance(later.delay());
        }
        // Each the backoff less at most a fifth of it (its jitter, docs/design.md 2.11).
        long[] backoffMinutes = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (int i = 0; i < delays.size(); i++) {
            Duration backoff = Duration.ofMinutes(backoffMinutes[i]);
            assertThat(delays.get(i)).as("attempt %d", i + 1).isLessThanOrEqualTo(backoff)
                    .isGreaterThanOrEqualTo(backoff.minus(backoff.dividedBy(5)));
        }
        assertThat(delays).as("not the same jitter every time").doesNotHaveDuplicates();
    }

    @Test
    void send_shouldRetryAn503AndDeliverOnceOn200() {
        // GIVEN an HTTPS receiver that answers 503 first, then 200
        poster.answer(HTTPS_RCPT, new PostResult.TransientFailure("HTTP 503"), new PostResult.Delivered(200));

        // WHEN the job runs twice
        JobResult first = sender().send(recipientDomain("rcpt.example"));
        clock.advance(Duration.ofMinutes(1));
        JobResult second = sender().send(recipientDomain("rcpt.example"));

        // THEN the POST is retried once and delivered once; the emails are not sent again
        assertThat(first).isInstanceOf(JobResult.RetryLater.class);
        assertThat(second).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(poster.requested()).hasSize(2);
        assertThat(poster.delivered()).hasSize(1);
        assertThat(mailer.sent()).hasSize(2);
        assertThat(outcomes.withStatus(Status.RETRYING)).singleElement()
                .satisfies(o -> assertThat(o.target()).isEqualTo(HTTPS_RCPT));
    }

    @Test
    void send_shouldRecordARefusedHttpsUriAtOnce() {
        // GIVEN the poster refuses the URI (e.g. it resolves to 127.0.0.1, or answers 4xx or a redirect)
        poster.answer(HTTPS_RCPT, new PostResult.PermanentFailure("resolves to a non-public address 127.0.0.1"));

        JobResult result = sender().send(recipientDomain("rcpt.example"));

        // THEN it is failed for good, published, and the emails still go out
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(deliveries(recipientDomain("rcpt.example")).get(DeliveryState.FAILED)).containsExactly(HTTPS_RCPT);
        assertThat(outcomes.withStatus(Status.FAILED)).singleElement()
                .satisfies(o -> assertThat(o.reason()).contains("127.0.0.1"));
        assertThat(mailer.sent()).hasSize(2);
    }

    @Test
    void send_shouldRecordAnSesRejectionAtOnce() {
        mailer.answer("tls@other.example", new MailResult.Rejected("MessageRejected"));

        JobResult result = sender().send(recipientDomain("other.example"));

        assertThat(result).isEqualTo(new JobResult.Done(Status.FAILED));
        assertThat(outcomes.withStatus(Status.FAILED)).singleElement()
                .satisfies(o -> assertThat(o.reason()).isEqualTo("rejected: MessageRejected"));
    }

    @Test
    void send_shouldRetrySesThrottlingAndGiveUpAfter24Hours() {
        mailer.answer("tls@other.example", new MailResult.TransientFailure("Throttling"));

        JobResult first = sender().send(recipientDomain("other.example"));
        clock.advance(Duration.ofHours(24));
        JobResult last = sender().send(recipientDomain("other.example"));

        assertThat(first).isInstanceOf(JobResult.RetryLater.class);
        assertThat(last).isEqualTo(new JobResult.Done(Status.FAILED));
        assertThat(mailer.calls()).isEqualTo(2);
        assertThat(deliveries(recipientDomain("other.example")).get(DeliveryState.FAILED)).containsExactly("mailto:tls@other.example");
    }

    @Test
    void send_shouldPlaceTheLastAttemptAtTheEndOfTheWindow() {
        mailer.answer("tls@other.example", new MailResult.TransientFailure("Throttling"));
        sender().send(recipientDomain("other.example"));
        clock.advance(Duration.ofHours(24).minusSeconds(30));

        JobResult.RetryLater later = (JobResult.RetryLater) sender().send(recipientDomain("other.example"));

        assertThat(later.delay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void send_shouldSendTheOthersButNoneAgainAfterAWorkerStoppedMidway() {
        // GIVEN a worker that stops after the first of two emails
        mailer.crashAfter(1);
        assertThatThrownBy(() -> sender().send(recipientDomain("rcpt.example"))).hasMessageContaining("injected");
        assertThat(mailer.sent()).hasSize(1);
        String first = mailer.sent().get(0);

        // WHEN the job runs again
        mailer.recover();
        JobResult result = sender().send(recipientDomain("rcpt.example"));

        // THEN the other recipient and the https URI get it, the first recipient not again
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).hasSize(2).containsOnlyOnce(first);
        assertThat(poster.delivered()).hasSize(1);
    }

    @Test
    void send_shouldNotResendATargetClaimedByAnAttemptThatStopped() {
        // GIVEN an attempt that claimed a recipient and stopped before recording the send (e.g. killed)
        DestinationKey job = recipientDomain("other.example");
        ledger.begin(job, FIRST_RUN);
        ledger.claim(job, "mailto:tls@other.example", FIRST_RUN);

        // WHEN the job runs again after the claim's lease
        clock.advance(ReportSender.CLAIM_LEASE);
        JobResult result = sender().send(job);

        // THEN it is not sent again (at most once) but recorded and published as failed, outcome unknown
        assertThat(mailer.calls()).isZero();
        assertThat(result).isEqualTo(new JobResult.Done(Status.FAILED));
        assertThat(outcomes.withStatus(Status.FAILED)).singleElement()
                .satisfies(o -> assertThat(o.reason()).startsWith("outcome unknown"));
    }

    @Test
    void send_shouldWaitForAClaimThatMayStillBeInFlight() {
        DestinationKey job = recipientDomain("other.example");
        ledger.claim(job, "mailto:tls@other.example", FIRST_RUN);

        JobResult result = sender().send(job);

        assertThat(result).isInstanceOf(JobResult.RetryLater.class);
        assertThat(mailer.calls()).isZero();
    }

    @Test
    void send_shouldKeepEmailsWaitingForAMissingDkimKeyAndStillPost() {
        // GIVEN a worker whose DKIM key is not there (yet)
        MessageSigning.State[] key = {new MessageSigning.Unavailable("SSM parameter /tlsrpt/dkim: ParameterNotFoundException")};
        ReportSender sender = sender(TlsrptFixtures.SETTINGS, () -> key[0]);
        DestinationKey job = recipientDomain("rcpt.example");

        // WHEN the job runs
        JobResult first = sender.send(job);

        // THEN the HTTPS report goes out, the emails wait for the key (nothing recorded as failed), the job comes back
        JobResult.RetryLater waiting = (JobResult.RetryLater) first;
        assertThat(waiting.reason()).isEqualTo("mailto:tls@rcpt.example: no DKIM key; mailto:noc@rcpt.example: no DKIM key");
        assertThat(waiting.waitingForDkimKey()).isTrue();
        // The first backoff, a minute less its jitter (docs/design.md 2.11).
        assertThat(waiting.delay()).isBetween(Duration.ofSeconds(48), Duration.ofMinutes(1));
        assertThat(mailer.calls()).isZero();
        assertThat(poster.delivered()).hasSize(1);
        assertThat(deliveries(job)).containsExactly(Map.entry(DeliveryState.SENT, Set.of(HTTPS_RCPT)));
        assertThat(outcomes.withStatus(Status.FAILED)).isEmpty();
        assertThat(outcomes.withStatus(Status.RETRYING)).hasSize(2).allSatisfy(o -> {
            assertThat(o.channel()).isEqualTo(Channel.EMAIL);
            assertThat(o.reason()).startsWith("no DKIM key: SSM parameter /tlsrpt/dkim");
        });

        // AND WHEN the key is still missing after the retry window, it still waits rather than fail
        clock.advance(Duration.ofHours(25));
        assertThat(sender.send(job)).isInstanceOfSatisfying(JobResult.RetryLater.class,
                later -> assertThat(later.waitingForDkimKey()).isTrue());
        assertThat(ledger.find(job).orElseThrow().isDone()).isFalse();

        // AND WHEN the operator adds the key
        key[0] = signing().current();
        JobResult last = sender.send(job);

        // THEN the emails go out, and the HTTPS report is not posted again
        assertThat(last).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example");
        assertThat(poster.requested()).hasSize(1);
    }

    @Test
    void send_shouldNotWaitForTheKeyForTargetsThatNeedNone() {
        // GIVEN a record with an https URI only, and no DKIM key
        dns.use(WorkerFixtures.ZONE.replace("rua=mailto:tls@other.example", "rua=https://reports.other.example/v1"));

        JobResult result = sender(TlsrptFixtures.SETTINGS, new MessageSigning.Unavailable("no key")).send(recipientDomain("other.example"));

        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
    }

    @Test
    void send_shouldReportAnMxHostWithOneEntryPerRecipientDomain() {
        // GIVEN the recipient-domain jobs of the day are done
        sender().send(recipientDomain("rcpt.example"));
        sender().send(recipientDomain("other.example"));

        // WHEN the MX host's job runs
        JobResult result = sender().send(mxHost("mx.hosting.example"));

        // THEN its report has one entry per recipient domain, policy-domain = that domain, mx-host = the host
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).contains("dane@hosting.example");
        JsonNode report = WorkerFixtures.report(poster.bodies().get(1));
        assertThat(report.get("policies")).hasSize(2);
        List<String> entries = StreamSupport.stream(report.get("policies").spliterator(), false)
                .map(p -> p.get("policy").get("policy-domain").asText() + " " + p.get("policy").get("mx-host").get(0).asText())
                .toList();
        assertThat(entries).containsExactlyInAnyOrder("rcpt.example mx.hosting.example", "other.example mx.hosting.example");
    }

    @Test
    void send_shouldSkipAnMxHostWhoseDomainsReportWentToTheSameUris() {
        sender().send(recipientDomain("rcpt.example"));
        int mails = mailer.calls();

        JobResult result = sender().send(mxHost("mx.rcpt.example"));

        assertThat(result).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(mailer.calls()).isEqualTo(mails);
    }

    @Test
    void send_shouldWaitForTheRecipientDomainJobsBeforeAnMxHost() {
        // GIVEN rcpt.example's job is still retrying
        poster.answer(HTTPS_RCPT, new PostResult.TransientFailure("HTTP 503"));
        sender().send(recipientDomain("rcpt.example"));

        JobResult result = sender().send(mxHost("mx.rcpt.example"));

        assertThat(result).isInstanceOf(JobResult.RetryLater.class);
        assertThat(((JobResult.RetryLater) result).reason()).contains("rcpt.example");
    }

    @Test
    void send_shouldNotDedupeAgainstARecipientDomainJobThatNeverCame() {
        // GIVEN no job of rcpt.example ever ran; the MX host's first attempt was more than the grace period ago
        sender().send(mxHost("mx.rcpt.example"));
        clock.advance(ReportSender.RECIPIENT_DOMAIN_GRACE);

        JobResult result = sender().send(mxHost("mx.rcpt.example"));

        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(poster.delivered()).containsExactly(URI.create(HTTPS_RCPT));
    }

    @Test
    void send_beforeItsSlot_shouldWait_withoutTouchingTheLedgerOrDns() {
        // GIVEN a run that spread its jobs over four hours from now, and a resolver that counts its queries
        ReportSpread spread = new ReportSpread(FIRST_RUN, Duration.ofHours(4));
        DestinationKey job = recipientDomain("rcpt.example");
        Instant slot = spread.slot(job);
        int[] queries = {0};
        ReportSender.Ports ports = new ReportSender.Ports(WorkerFixtures.stored(day), ledger, new TlsrptRecordLookup(name -> {
            queries[0]++;
            return dns.lookupTxt(name);
        }), suppressions, mailer, poster, outcomes);
        ReportSender sender = new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing(), SendPacer.of(1000, 1), clock);

        // WHEN its message comes before the job's slot
        JobResult early = sender.send(job, spread);

        // THEN it comes back at the slot; nothing is recorded, looked up, sent or published
        assertThat(slot).isAfter(FIRST_RUN).isBefore(spread.end());
        assertThat(early).isEqualTo(JobResult.RetryLater.planned(Duration.between(FIRST_RUN, slot), "spread: due at " + slot));
        assertThat(ledger.find(job)).isEmpty();
        assertThat(queries[0]).isZero();
        assertThat(outcomes.published()).isEmpty();

        // WHEN it comes again at the slot THEN it is sent, and its retry window starts then
        clock.set(slot);
        assertThat(sender.send(job, spread)).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(ledger.find(job).orElseThrow().firstAttempt()).isEqualTo(slot);
    }

    @Test
    void send_ofAnMxHost_shouldWaitForRecipientDomainsDueLaterInTheWindow_untilAnHourAfterTheirSlots() {
        // GIVEN a day-long window in which mx.hosting.example is due before its recipient domains other.example and
        // rcpt.example, and neither of their jobs has run yet
        ReportSpread spread = new ReportSpread(FIRST_RUN, Duration.ofHours(24));
        DestinationKey job = mxHost("mx.hosting.example");
        Instant mxSlot = spread.slot(job);
        Instant lastRecipientSlot = spread.slot(recipientDomain("rcpt.example"));
        assertThat(spread.slot(recipientDomain("other.example"))).isBefore(lastRecipientSlot);
        assertThat(lastRecipientSlot).isAfter(mxSlot.plus(ReportSender.RECIPIENT_DOMAIN_GRACE));

        // WHEN the MX-host job runs at its slot, and again after the grace counted from its own first attempt
        clock.set(mxSlot);
        JobResult first = sender().send(job, spread);
        clock.set(mxSlot.plus(ReportSender.RECIPIENT_DOMAIN_GRACE).plusSeconds(1));
        JobResult afterGrace = sender().send(job, spread);

        // THEN it still waits, until the last of those slots (the grace counts from a job's slot, not from the run)
        assertThat(first).isInstanceOf(JobResult.RetryLater.class);
        assertThat(afterGrace).isEqualTo(JobResult.RetryLater.planned(Duration.between(clock.instant(), lastRecipientSlot).plusMinutes(1),
                "waiting for the recipient-domain reports of [other.example, rcpt.example]"));
        assertThat(poster.delivered()).isEmpty();

        // WHEN the recipient-domain jobs never come, an hour after the last slot
        clock.set(lastRecipientSlot.plus(ReportSender.RECIPIENT_DOMAIN_GRACE));

        // THEN the MX host's report goes out whole
        assertThat(sender().send(job, spread)).isEqualTo(new JobResult.Done(Status.SENT));
    }

    @Test
    void send_shouldNotReportTheOpenDay() {
        clock.set(Instant.parse("2026-11-28T23:00:00Z"));

        JobResult result = sender().send(recipientDomain("rcpt.example"));

        assertThat(result).isEqualTo(JobResult.RetryLater.planned(Duration.ofMinutes(61), "the day is not over yet"));
        assertThat(ledger.find(recipientDomain("rcpt.example"))).isEmpty();
    }

    @Test
    void send_shouldKeepDeliveringWhenAnEventCannotBePublished() {
        OutcomePublisher broken = outcome -> {
            throw new IllegalStateException("EventBridge unavailable");
        };
        ReportSender.Ports ports = new ReportSender.Ports(WorkerFixtures.stored(day), ledger, new TlsrptRecordLookup(dns),
                suppressions, mailer, poster, broken);

        JobResult result = new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing(),
                SendPacer.of(1000, 1), clock).send(recipientDomain("rcpt.example"));

        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).hasSize(2);
    }

    @Test
    void uriCap_shouldUseTheRecordsFirstUris_andRecordTheRestSkippedWithTheCap() {
        // GIVEN at most one URI per record, and rcpt.example's record listing three
        SendCaps caps = new SendCaps(1, 100, 100);

        // WHEN its job runs
        JobResult result = sender(caps).send(recipientDomain("rcpt.example"));

        // THEN the first URI gets the report; the other two are skipped, each with the cap's reason and event
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactly("tls@rcpt.example");
        assertThat(poster.requested()).isEmpty();
        assertThat(deliveries(recipientDomain("rcpt.example"))).containsEntry(DeliveryState.SKIPPED,
                Set.of("mailto:noc@rcpt.example", HTTPS_RCPT));
        assertThat(outcomes.withStatus(Status.SKIPPED)).extracting(ReportOutcome::target, ReportOutcome::reason, ReportOutcome::cap)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("mailto:noc@rcpt.example", caps.reason(SendCaps.Cap.URIS_PER_RECORD),
                                SendCaps.Cap.URIS_PER_RECORD),
                        org.assertj.core.groups.Tuple.tuple(HTTPS_RCPT, caps.reason(SendCaps.Cap.URIS_PER_RECORD),
                                SendCaps.Cap.URIS_PER_RECORD));
    }

    @Test
    void addressCap_shouldSkipAReportToAnAddressThatHadItsDaysShare_fromAnotherDomainsRecord() {
        // GIVEN other.example's record pointing at rcpt.example's noc address, and one report per address a day
        dns.use(WorkerFixtures.ZONE.replace("rua=mailto:tls@other.example", "rua=mailto:noc@rcpt.example"));
        SendCaps caps = new SendCaps(10, 1, 100);

        // WHEN rcpt.example's job and then other.example's run
        sender(caps).send(recipientDomain("rcpt.example"));
        JobResult other = sender(caps).send(recipientDomain("other.example"));

        // THEN noc@ got rcpt.example's report only; other.example's is skipped for the cap, with an event naming it
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example");
        assertThat(other).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(ledger.deliveries(recipientDomain("other.example"))).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DeliveryState.SKIPPED);
            assertThat(d.reason()).isEqualTo("cap: 1 reports to this address today");
        });
        assertThat(outcomes.withStatus(Status.SKIPPED)).extracting(ReportOutcome::cap).containsExactly(SendCaps.Cap.REPORTS_PER_ADDRESS);
    }

    @Test
    void addressCap_shouldCountATargetOnce_whenItsSendIsRetriedAfterATransientFailure() {
        // GIVEN one report per address a day, and the https receiver failing once
        poster.answer(HTTPS_RCPT, new PostResult.TransientFailure("503"), new PostResult.Delivered(200));
        SendCaps caps = new SendCaps(10, 1, 100);

        // WHEN the job runs, fails for the https target, and runs again later
        JobResult first = sender(caps).send(recipientDomain("rcpt.example"));
        clock.advance(Duration.ofMinutes(10));
        JobResult second = sender(caps).send(recipientDomain("rcpt.example"));

        // THEN the retry is the same report to the same target, not a second one: it goes out
        assertThat(first).isInstanceOf(JobResult.RetryLater.class);
        assertThat(second).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(poster.delivered()).containsExactly(URI.create(HTTPS_RCPT));
        assertThat(outcomes.published()).extracting(ReportOutcome::cap).containsOnlyNulls();
    }

    @Test
    void domainCap_shouldCountEveryAddressOfOneReportingDomain() {
        // GIVEN one report per reporting domain a day: tls@ and noc@rcpt.example share one, the https host is another
        SendCaps caps = new SendCaps(10, 100, 1);

        JobResult result = sender(caps).send(recipientDomain("rcpt.example"));

        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactly("tls@rcpt.example");
        assertThat(poster.delivered()).containsExactly(URI.create(HTTPS_RCPT));
        assertThat(deliveries(recipientDomain("rcpt.example"))).containsEntry(DeliveryState.SKIPPED, Set.of("mailto:noc@rcpt.example"));
        assertThat(outcomes.withStatus(Status.SKIPPED)).extracting(ReportOutcome::cap).containsExactly(SendCaps.Cap.REPORTS_PER_DOMAIN);
    }

    @Test
    void rules_anAllowedTargetAndAnOperatorsCopyGoPastTheDailyCaps_aDiscardedOneIsRecordedWithItsRule() {
        // GIVEN one report per reporting domain a day, and rules for each of rcpt.example's three URIs
        InMemoryDestinationRules rules = new InMemoryDestinationRules(
                new DestinationRule("trust-noc", 1, DestinationRule.Match.URI, "mailto:noc@rcpt.example",
                        DestinationRule.Action.ALLOW, null, "our NOC"),
                new DestinationRule("drop-https", 2, DestinationRule.Match.DOMAIN, "reports.rcpt.example",
                        DestinationRule.Action.DISCARD, null, null),
                new DestinationRule("audit", 3, DestinationRule.Match.URI, "mailto:tls@rcpt.example",
                        DestinationRule.Action.COPY, "mailto:audit@sender.example", null));
        SendCaps caps = new SendCaps(10, 100, 1);

        JobResult result = sender(caps, rules).send(recipientDomain("rcpt.example"));

        // THEN tls@ (the domain's one report), noc@ (allowed past the cap) and the audit copy are mailed; no POST
        assertThat(result).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactlyInAnyOrder("tls@rcpt.example", "noc@rcpt.example", "audit@sender.example");
        assertThat(poster.requested()).isEmpty();
        assertThat(ledger.deliveries(recipientDomain("rcpt.example")))
                .extracting(Ledger.Delivery::target, Ledger.Delivery::state, Ledger.Delivery::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("mailto:tls@rcpt.example", DeliveryState.SENT, null),
                        org.assertj.core.groups.Tuple.tuple("mailto:noc@rcpt.example", DeliveryState.SENT,
                                "rule trust-noc: allowed past the caps (our NOC)"),
                        org.assertj.core.groups.Tuple.tuple("mailto:audit@sender.example", DeliveryState.SENT,
                                "rule audit: copy of the report to mailto:tls@rcpt.example"),
                        org.assertj.core.groups.Tuple.tuple(HTTPS_RCPT, DeliveryState.SKIPPED, "rule drop-https: discarded"));
        assertThat(new String(mailer.rawMessages().get(mailer.sent().indexOf("audit@sender.example")), StandardCharsets.US_ASCII))
                .contains("To: audit@sender.example").doesNotContain("tls@rcpt.example>");
    }

    /** A sender whose ledger names each method asked of it, in {@code asked}. */
    private ReportSender senderNamingLedgerCalls(List<String> asked) {
        Ledger counting = (Ledger) java.lang.reflect.Proxy.newProxyInstance(Ledger.class.getClassLoader(),
                new Class<?>[] {Ledger.class}, (proxy, method, args) -> {
                    asked.add(method.getName());
                    try {
                        return method.invoke(ledger, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ReportSender.Ports ports = new ReportSender.Ports(WorkerFixtures.stored(day), counting, new TlsrptRecordLookup(dns),
                suppressions, mailer, poster, outcomes);
        return new ReportSender(ports, new ReportBuilder(TlsrptFixtures.SETTINGS), signing(), SendPacer.of(1000, 1), clock);
    }

    @Test
    void aJobOfOneTarget_shouldBeginAndClaimInOneLedgerCall_andADuplicateShouldStopThere() {
        // GIVEN a ledger that counts what is asked of it
        List<String> asked = new ArrayList<>();
        ReportSender counted = senderNamingLedgerCalls(asked);

        // WHEN other.example's job (one mailto target) runs, and its message comes again
        JobResult first = counted.send(recipientDomain("other.example"));
        JobResult again = counted.send(recipientDomain("other.example"));

        // THEN the first attempt begins the job with the target's claim and finishes it with the send's record
        assertThat(first).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(asked).containsExactly("beginAndAdmitAndClaim", "completeAndFinish", "beginAndAdmitAndClaim");
        // AND the duplicate finds the job done there: nothing sent, claimed or published twice
        assertThat(again).isEqualTo(new JobResult.Done(Status.SENT));
        assertThat(mailer.sent()).containsExactly("tls@other.example");
        assertThat(outcomes.published()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(Status.SENT));
        Ledger.JobEntry entry = ledger.find(recipientDomain("other.example")).orElseThrow();
        assertThat(entry.isDone()).isTrue();
        assertThat(entry.attempts()).isEqualTo(2);
        assertThat(entry.firstAttempt()).isEqualTo(FIRST_RUN);
    }

    @Test
    void aJobItsResultsAloneDecide_shouldCostOneLedgerWriteAndNoDnsQuery_andOneItsRecordSkipsOneWrite() {
        // GIVEN a ledger that counts what is asked of it
        List<String> asked = new ArrayList<>();
        ReportSender quietSender = senderNamingLedgerCalls(asked);

        // WHEN quiet.example's job (all success) runs twice
        JobResult first = quietSender.send(recipientDomain("quiet.example"));
        JobResult second = quietSender.send(recipientDomain("quiet.example"));

        // THEN one write each, no lookup, one event: the job is skipped as before
        assertThat(first).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(second).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(asked).containsExactly("finishAtOnce", "finishAtOnce");
        assertThat(dns.queries()).isEmpty();
        assertThat(outcomes.published()).singleElement().satisfies(o -> assertThat(o.reason()).isEqualTo(ReportDecision.NOTHING_TO_REPORT));
        assertThat(ledger.find(recipientDomain("quiet.example")).orElseThrow().reason()).isEqualTo(ReportDecision.NOTHING_TO_REPORT);

        // AND twice.example's job (two TLSRPT records: skipped after the lookup) costs one write each time too
        asked.clear();
        assertThat(quietSender.send(recipientDomain("twice.example"))).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(quietSender.send(recipientDomain("twice.example"))).isEqualTo(new JobResult.Done(Status.SKIPPED));
        assertThat(asked).containsExactly("finishAtOnce", "finishAtOnce");
        assertThat(outcomes.published()).hasSize(2);
        assertThat(ledger.find(recipientDomain("twice.example")).orElseThrow().isDone()).isTrue();
    }
}
