package dev.tlsrpt.function.suppression;

import dev.tlsrpt.testing.TestLambdaContext;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.store.dynamodb.SuppressionTableDefinition;
import dev.tlsrpt.suppression.SuppressionSource;
import dev.tlsrpt.testing.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SES notifications from events/ through the handler into the suppression table on the emulator. */
class SuppressionHandlerIT {
    private static final String TABLE = "tlsrpt-suppression";
    private static final Instant NOW = Instant.parse("2026-11-28T00:30:00Z");

    private DynamoDbSuppressionList list;
    private SuppressionHandler handler;

    @BeforeEach
    void setUp() {
        MotoServer.get().reset();
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        SuppressionTableDefinition.create(dynamo, TABLE);
        list = new DynamoDbSuppressionList(dynamo, TABLE);
        handler = new SuppressionHandler(list, new SuppressionConfig(TABLE, Duration.ofDays(90), "tlsrpt-noreply@example.com"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void permanentBounce_addsAnEntryThatSuppresses() {
        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), new TestLambdaContext("SuppressionFunction"));

        assertThat(list.isSuppressed("tls-reports@example.net", NOW.plus(Duration.ofDays(89)))).isTrue();
        assertThat(list.isSuppressed("tls-reports@example.net", NOW.plus(Duration.ofDays(90)))).isFalse();
        assertThat(list.find("tls-reports@example.net")).get().extracting(entry -> entry.source())
                .isEqualTo(SuppressionSource.SES_BOUNCE);
    }

    @Test
    void transientBounce_addsNothing() {
        handler.handleRequest(Events.sns("ses-bounce-transient.json"), new TestLambdaContext("SuppressionFunction"));

        assertThat(list.list()).isEmpty();
    }

    @Test
    void complaint_addsAnEntry() {
        handler.handleRequest(Events.sns("ses-complaint.json"), new TestLambdaContext("SuppressionFunction"));

        assertThat(list.isSuppressed("postmaster@example.org", NOW)).isTrue();
        assertThat(list.find("postmaster@example.org")).get().extracting(entry -> entry.source())
                .isEqualTo(SuppressionSource.SES_COMPLAINT);
    }

    @Test
    void sameBounceTwice_leavesOneEntry() {
        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), new TestLambdaContext("SuppressionFunction"));
        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), new TestLambdaContext("SuppressionFunction"));

        assertThat(list.list()).hasSize(1);
    }

    @Test
    void aRepeatBounceAfterTheSuppressionEnded_isStoredAsTheNextStrike_twiceAsLong() {
        handler.handleRequest(Events.sns("ses-bounce-permanent.json"), new TestLambdaContext("SuppressionFunction"));
        Instant later = NOW.plus(Duration.ofDays(95)); // ended 5 days ago, still in the table

        new SuppressionHandler(list, new SuppressionConfig(TABLE, Duration.ofDays(90), "tlsrpt-noreply@example.com"),
                Clock.fixed(later, ZoneOffset.UTC))
                .handleRequest(Events.sns("ses-bounce-permanent.json"), new TestLambdaContext("SuppressionFunction"));

        assertThat(list.find("tls-reports@example.net")).get().satisfies(entry -> {
            assertThat(entry.strikes()).isEqualTo(2);
            assertThat(entry.until()).isEqualTo(later.plus(Duration.ofDays(180)));
        });
        assertThat(list.isSuppressed("tls-reports@example.net", later.plus(Duration.ofDays(179)))).isTrue();
    }
}
