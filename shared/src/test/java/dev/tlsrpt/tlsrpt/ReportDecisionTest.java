package dev.tlsrpt.tlsrpt;

import static dev.tlsrpt.testing.TlsrptFixtures.DAY;
import static dev.tlsrpt.testing.TlsrptFixtures.STS_EXAMPLE_COM;
import static dev.tlsrpt.testing.TlsrptFixtures.detail;
import static dev.tlsrpt.testing.TlsrptFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReportDecisionTest {
    private static final TlsrptRecord RECORD = TlsrptRecordParser.parse(
            "v=TLSRPTv1; rua=mailto:TLS@example.com,https://r.example/v1,mailto:tls@example.com");

    private final List<String> looked = new ArrayList<>();

    private static Destination failing() {
        return new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com", List.of(
                result("example.com", STS_EXAMPLE_COM, 10, 2, detail(ResultType.CERTIFICATE_EXPIRED, "mx1.example.net", 2))));
    }

    private static Destination allSuccess() {
        return new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com",
                List.of(result("example.com", STS_EXAMPLE_COM, 10, 0)));
    }

    private Function<String, TlsrptLookupResult> answering(TlsrptLookupResult answer) {
        return domain -> {
            looked.add(domain);
            return answer;
        };
    }

    @Test
    void decide_shouldSendToEachTargetOnceWhenTheRecordIsFound() {
        ReportDecision decision = ReportDecision.decide(failing(), false, answering(new TlsrptLookupResult.Found(RECORD)));

        assertThat(decision).isInstanceOfSatisfying(ReportDecision.Send.class, send -> {
            assertThat(send.record()).isEqualTo(RECORD);
            assertThat(send.targets()).extracting(ReportUri::uri)
                    .containsExactly("mailto:TLS@example.com", "https://r.example/v1");
        });
        assertThat(looked).containsExactly("example.com");
    }

    @Test
    void decide_shouldSkipWithoutALookupWhenThereIsNothingToReport() {
        assertThat(ReportDecision.decide(allSuccess(), false, answering(new TlsrptLookupResult.Found(RECORD))))
                .isEqualTo(new ReportDecision.Skip(ReportDecision.NOTHING_TO_REPORT));
        assertThat(ReportDecision.decide(new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com", List.of()),
                true, answering(new TlsrptLookupResult.Found(RECORD))))
                .isEqualTo(new ReportDecision.Skip(ReportDecision.NO_RESULTS));
        assertThat(looked).isEmpty();
    }

    @Test
    void decide_shouldSendAllSuccessDaysWhenAsked() {
        assertThat(ReportDecision.decide(allSuccess(), true, answering(new TlsrptLookupResult.Found(RECORD))))
                .isInstanceOf(ReportDecision.Send.class);
    }

    @Test
    void decide_shouldSkipWithoutARecordOrWithSeveral() {
        assertThat(ReportDecision.decide(failing(), false, answering(new TlsrptLookupResult.NoRecord("_smtp._tls.example.com.: no TXT record"))))
                .isEqualTo(new ReportDecision.Skip("no TLSRPT record: _smtp._tls.example.com.: no TXT record"));
        assertThat(ReportDecision.decide(failing(), false, answering(new TlsrptLookupResult.SeveralRecords(List.of("a", "b")))))
                .isEqualTo(new ReportDecision.Skip(ReportDecision.SEVERAL_RECORDS));
    }

    @Test
    void decide_shouldWaitWhenTheLookupFailedForNow() {
        assertThat(ReportDecision.decide(failing(), false, answering(new TlsrptLookupResult.TemporaryFailure("SERVFAIL"))))
                .isEqualTo(new ReportDecision.RetryLater("TLSRPT record lookup failed: SERVFAIL"));
    }
}
