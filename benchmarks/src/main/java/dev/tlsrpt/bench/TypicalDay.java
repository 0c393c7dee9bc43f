package dev.tlsrpt.bench;

import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ReportSettings;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A typical recipient-domain report: 3 policies (its MTA-STS policy, the DANE policy of one MX host,
 * no policy at another) and 5 distinct failure details, from 15 stored results that merge into them.
 */
final class TypicalDay {
    static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    static final ReportSettings SETTINGS = ReportSettings.of(
            "Example Sender Org", "sender.example", "tlsrpt@sender.example", "tlsrpt-noreply@sender.example");

    private TypicalDay() {
    }

    static Destination destination() {
        Policy sts = new Policy(PolicyType.STS,
                List.of("version: STSv1", "mode: enforce", "mx: mx1.example.net", "mx: mx2.example.net", "max_age: 604800"),
                "example.com", List.of("mx1.example.net", "mx2.example.net"));
        Policy tlsa = new Policy(PolicyType.TLSA,
                List.of("3 1 1 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9",
                        "3 1 1 F9E8D7C6B5A4938271605F4E3D2C1B0AF9E8D7C6B5A4938271605F4E3D2C1B0A"),
                "mx1.example.net", null);
        Policy none = Policy.noPolicyFound("mx2.example.net");
        List<TlsResult> results = new ArrayList<>();
        for (int mta = 0; mta < 5; mta++) {
            String ip = "192.0.2." + (10 + mta % 2);
            results.add(new TlsResult(DAY, "example.com", sts, 100 + mta, 1, List.of(
                    detail(ResultType.CERTIFICATE_EXPIRED, ip, "mx2.example.net", "198.51.100.26")), true));
            results.add(new TlsResult(DAY, "example.com", tlsa, 50 + mta, 1, List.of(
                    detail(ResultType.TLSA_INVALID, ip, "mx1.example.net", "198.51.100.25")), true));
            results.add(new TlsResult(DAY, "example.com", none, 20, mta % 2, mta % 2 == 0 ? List.of() : List.of(
                    detail(ResultType.STARTTLS_NOT_SUPPORTED, "192.0.2.11", "mx2.example.net", "198.51.100.26")), true));
        }
        return new Destination(DAY, DestinationKind.RECIPIENT_DOMAIN, "example.com", results);
    }

    private static FailureDetail detail(ResultType type, String sendingIp, String mx, String receivingIp) {
        return FailureDetail.builder(type).sendingMtaIp(sendingIp).receivingMxHostname(mx).receivingIp(receivingIp)
                .failedSessionCount(1).build();
    }
}
