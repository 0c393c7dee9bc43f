package dev.tlsrpt.function.suppression;

import dev.tlsrpt.testing.CapturedOutput;
import dev.tlsrpt.testing.TestLambdaContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.tlsrpt.suppression.InMemorySuppressionList;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler's decisions, with the list in memory (the DynamoDB side: SuppressionHandlerIT). */
class SuppressionHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-28T00:30:00Z");
    private static final SuppressionConfig CONFIG =
            new SuppressionConfig("unused", Duration.ofDays(90), "tlsrpt-noreply@example.com");

    private final InMemorySuppressionList list = new InMemorySuppressionList();
    private final TestLambdaContext context = new TestLambdaContext("SuppressionFunction");
    private final SuppressionHandler handler = new SuppressionHandler(list, CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void permanentBounce_suppressesTheRecipientForTheDefaultTime() throws Exception {
        CapturedOutput output = CapturedOutput.during(() -> handler.handleRequest(Events.sns("ses-bounce-permanent.json"), context));

        assertThat(list.list()).singleElement().satisfies(entry -> {
            assertThat(entry.address()).isEqualTo("tls-reports@example.net");
            assertThat(entry.source()).isEqualTo(SuppressionSource.SES_BOUNCE);
            assertThat(entry.until()).isEqualTo(NOW.plus(Duration.ofDays(90)));
            assertThat(entry.reason()).contains("5.1.1");
            assertThat(entry.comment()).startsWith("SES message 0100018c1a2b3c4d");
        });
        assertThat(output.logLines()).singleElement().satisfies(line -> {
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("message").asText()).contains("suppressed tls-reports@example.net");
            assertThat(line.path("snsMessageId").asText()).isNotBlank();
        });
    }

    @Test
    void transientBounce_suppressesNothing() throws Exception {
        CapturedOutput output = CapturedOutput.during(() -> handler.handleRequest(Events.sns("ses-bounce-transient.json"), context));

        assertThat(list.list()).isEmpty();
        assertThat(output.logLines()).singleElement().satisfies(line ->
                assertThat(line.path("message").asText()).contains("ignored TRANSIENT_BOUNCE"));
    }

    @Test
    void complaint_suppressesTheComplainingRecipient() {
        handler.handleRequest(Events.sns("ses-complaint.json"), context);

        assertThat(list.list()).singleElement().satisfies(entry -> {
            assertThat(entry.address()).isEqualTo("postmaster@example.org");
            assertThat(entry.source()).isEqualTo(SuppressionSource.SES_COMPLAINT);
        });
    }

    @Test
    void feedbackAboutAnotherSendersMessage_isIgnored() {
        SuppressionHandler otherSender = new SuppressionHandler(list,
                new SuppressionConfig("unused", Duration.ofDays(90), "dmarc-reports@example.com"), Clock.fixed(NOW, ZoneOffset.UTC));

        otherSender.handleRequest(Events.sns("ses-complaint.json"), context);

        assertThat(list.list()).isEmpty();
    }

    @Test
    void existingLongerEntry_isKept_andShorterOneIsExtended() throws Exception {
        Suppression permanent = new Suppression("tls-reports@example.net", null, "operator says", SuppressionSource.OPERATOR, null, NOW);
        list.add(permanent, NOW);
        list.add(new Suppression("postmaster@example.org", NOW.plus(Duration.ofDays(1)), "short", SuppressionSource.OPERATOR, null, NOW), NOW);

        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), context);
        handler.handleRequest(Events.sns("ses-complaint.json"), context);

        assertThat(list.find("tls-reports@example.net")).contains(permanent);
        assertThat(list.find("postmaster@example.org")).get().extracting(Suppression::until).isEqualTo(NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void bounceForAnAddressSpelledInAnotherCase_suppressesThePublishedAddress() {
        // GIVEN SES reports the bounced recipient in upper case
        SNSEvent event = Events.sns("ses-bounce-permanent.json");
        var sns = event.getRecords().get(0).getSNS();
        sns.setMessage(sns.getMessage().replace("tls-reports@example.net", "TLS-Reports@Example.NET"));

        handler.handleRequest(event, context);

        // THEN the address as a record publishes it is suppressed: one reporting address
        assertThat(list.isSuppressed("tls-reports@example.net", NOW)).isTrue();
        assertThat(list.filter(List.of("Tls-Reports@example.net"), NOW)).isEmpty();
    }

    @Test
    void messageThatIsNotAnSesNotification_isDroppedWithALogLine() throws Exception {
        SNSEvent event = Events.sns("ses-complaint.json");
        event.getRecords().get(0).getSNS().setMessage("hello");

        CapturedOutput output = CapturedOutput.during(() -> handler.handleRequest(event, context));

        assertThat(list.list()).isEmpty();
        assertThat(output.logLines()).singleElement().satisfies(line -> {
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("reason").asText()).contains("SNS message is not JSON");
        });
    }

    @Test
    void eventWithSeveralRecords_handlesEach() {
        SNSEvent event = Events.sns("ses-bounce-permanent.json");
        event.setRecords(List.of(event.getRecords().get(0), Events.sns("ses-complaint.json").getRecords().get(0)));

        handler.handleRequest(event, context);

        assertThat(list.list()).extracting(Suppression::address).containsExactly("postmaster@example.org", "tls-reports@example.net");
    }

    @Test
    void anAddressThatBouncesAgainAfterItsSuppressionEnded_isSuppressedTwiceAsLongEachTime() throws Exception {
        // GIVEN the first bounce: 90 days
        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), context);
        Instant afterFirst = NOW.plus(Duration.ofDays(91));

        // WHEN it bounces again the day after each suppression ended
        new SuppressionHandler(list, CONFIG, Clock.fixed(afterFirst, ZoneOffset.UTC))
                .handleRequest(Events.sns("ses-bounce-permanent.json"), context);
        Suppression second = list.find("tls-reports@example.net").orElseThrow();
        Instant afterSecond = second.until().plus(Duration.ofDays(1));
        CapturedOutput third = CapturedOutput.during(() -> new SuppressionHandler(list, CONFIG, Clock.fixed(afterSecond, ZoneOffset.UTC))
                .handleRequest(Events.sns("ses-bounce-permanent.json"), context));

        // THEN 180 days, then 360, counted as strikes 2 and 3
        assertThat(second.until()).isEqualTo(afterFirst.plus(Duration.ofDays(180)));
        assertThat(second.strikes()).isEqualTo(2);
        Suppression thirdStrike = list.find("tls-reports@example.net").orElseThrow();
        assertThat(thirdStrike.until()).isEqualTo(afterSecond.plus(Duration.ofDays(360)));
        assertThat(thirdStrike.strikes()).isEqualTo(3);
        assertThat(third.logLines()).singleElement()
                .satisfies(line -> assertThat(line.path("message").asText()).contains("strike 3: 360 days"));
    }

    @Test
    void theSameBounceWhileSuppressed_isNoFurtherStrike() {
        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), context);
        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), context);

        assertThat(list.find("tls-reports@example.net")).get().satisfies(entry -> {
            assertThat(entry.strikes()).isEqualTo(1);
            assertThat(entry.until()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        });
    }

    @Test
    void aBounceAfterAnOperatorsEntryEnded_startsAtTheFirstStrike() {
        list.upsert(new Suppression("tls-reports@example.net", NOW.minus(Duration.ofDays(1)), "manual",
                SuppressionSource.OPERATOR, null, NOW.minus(Duration.ofDays(10))));

        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), context);

        assertThat(list.find("tls-reports@example.net")).get().satisfies(entry -> {
            assertThat(entry.strikes()).isEqualTo(1);
            assertThat(entry.until()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        });
    }
}
