package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Policy;
import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class LibtlsrptDatagramsTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-28T23:59:59.500Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    /** The datagrams a compiled libtlsrpt 0.5.1rc2 sent, one per line (the shared conformance corpus). */
    static List<String> conformanceDatagrams() throws IOException {
        return dev.tlsrpt.testing.Fixtures.libtlsrptDatagrams();
    }

    private static List<TlsResult> convert(String body) throws InvalidBatchException {
        return LibtlsrptDatagrams.toResults(body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    private static String datagram(String policies) {
        return "{\"dpv\": \"1\",\"d\": \"example.com\",\"pr\": \"v=TLSRPTv1; rua=mailto:r@example.com\","
                + "\"policies\":[" + policies + "]}";
    }

    private static void assertRejected(String body, String path, String messagePart) {
        ThrowingCallable call = () -> convert(body);
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidBatchException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> {
                            assertThat(error.path()).isEqualTo(path);
                            assertThat(error.message()).contains(messagePart);
                        }));
    }

    @Test
    void conformanceDatagram0_tlsaSuccess_shouldCountOneSuccessfulSession() throws Exception {
        // GIVEN the tlsa datagram
        String line = conformanceDatagrams().get(0);

        // WHEN
        List<TlsResult> results = convert(line);

        // THEN
        assertThat(results).containsExactly(new TlsResult(DAY, "example.net",
                new Policy(PolicyType.TLSA,
                        List.of("3 1 1 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9"),
                        "example.net", List.of()),
                1, 0, List.of(), true));
    }

    @Test
    void conformanceDatagram1_stsCertificateExpired_shouldCountOneFailureWithBannerHelo() throws Exception {
        // GIVEN the sts datagram with a multi-line EHLO reply
        String line = conformanceDatagrams().get(1);

        // WHEN
        List<TlsResult> results = convert(line);

        // THEN
        assertThat(results).containsExactly(new TlsResult(DAY, "example.com",
                new Policy(PolicyType.STS,
                        List.of("version: STSv1", "mode: enforce", "mx: mail.example.com", "mx: *.example.net",
                                "max_age: 604800"),
                        "example.com", List.of("mail.example.com", "*.example.net")),
                0, 1,
                List.of(FailureDetail.builder(ResultType.CERTIFICATE_EXPIRED).sendingMtaIp("192.0.2.10")
                        .receivingMxHostname("mail.example.com").receivingMxHelo("mail.example.com")
                        .receivingIp("198.51.100.25").failedSessionCount(1).failureReasonCode("certificate has expired").build()),
                true));
    }

    @Test
    void conformanceDatagram2_noPolicyFoundStarttlsNotSupported_shouldCountOneFailure() throws Exception {
        // GIVEN the no-policy-found datagram over IPv6
        String line = conformanceDatagrams().get(2);

        // WHEN
        List<TlsResult> results = convert(line);

        // THEN
        assertThat(results).containsExactly(new TlsResult(DAY, "example.org",
                Policy.noPolicyFound("example.org"), 0, 1,
                List.of(FailureDetail.builder(ResultType.STARTTLS_NOT_SUPPORTED).sendingMtaIp("2001:db8::10")
                        .receivingMxHostname("mx.example.org").receivingIp("2001:db8::25").failedSessionCount(1).build()),
                true));
    }

    @Test
    void conformanceDatagram3_twoPolicies_shouldGiveTwoResultsAndFillMissingPolicyDomain() throws Exception {
        // GIVEN the datagram with an upper-case, dot-terminated domain, an sts failure and a no-policy-found
        // success whose policy-domain libtlsrpt left out
        String line = conformanceDatagrams().get(3);

        // WHEN
        List<TlsResult> results = convert(line);

        // THEN
        assertThat(results).containsExactly(
                new TlsResult(DAY, "company-y.example",
                        new Policy(PolicyType.STS, List.of("version: STSv1"), "company-y.example",
                                List.of("*.mail.company-y.example")),
                        0, 1,
                        List.of(new FailureDetail(ResultType.STS_WEBPKI_INVALID, "1.2.3.5", "mailin.example.com",
                                "test-ehlo.example.com", "11.22.33.55", 1, "https://info.example/x?a=\"q\"",
                                "999 TEST\tERROR")),
                        true),
                new TlsResult(DAY, "company-y.example", Policy.noPolicyFound("company-y.example"), 1, 0,
                        List.of(), true));
    }

    @Test
    void wholeConformanceFile_shouldGiveOneResultPerPolicy() throws Exception {
        // GIVEN all datagrams as one request body, with a blank line and CRLF endings mixed in
        String body = String.join("\r\n", conformanceDatagrams()) + "\n\n";

        // WHEN
        List<TlsResult> results = convert(body);

        // THEN 1 + 1 + 1 + 2 policies; 2 successful and 3 failed sessions
        assertThat(results).hasSize(5);
        assertThat(results.stream().mapToLong(TlsResult::successCount).sum()).isEqualTo(2);
        assertThat(results.stream().mapToLong(TlsResult::failureCount).sum()).isEqualTo(3);
        assertThat(results).allSatisfy(result -> assertThat(result.day()).isEqualTo(DAY));
    }

    @Test
    void emptyBody_shouldGiveNoResults() throws Exception {
        assertThat(convert("")).isEmpty();
        assertThat(convert("\n \n\r\n")).isEmpty();
    }

    @Test
    void unknownDpv_shouldBeRejectedNamingTheVersion() {
        String body = datagram("{\"policy-type\":9,\"t\":0,\"f\":0}").replace("\"dpv\": \"1\"", "\"dpv\": \"2\"");

        assertRejected(body, "datagrams[0].dpv", "unsupported datagram protocol version \"2\"");
    }

    @Test
    void missingDpv_shouldBeRejected() {
        assertRejected("{\"d\":\"example.com\",\"policies\":[{\"policy-type\":9,\"f\":0}]}", "datagrams[0].dpv",
                "required");
    }

    @Test
    void errorPath_shouldNameDatagramPolicyDetailAndField() {
        // GIVEN a valid datagram, then one whose second detail has a string code
        String good = datagram("{\"policy-type\":9,\"t\":0,\"f\":0}");
        String bad = datagram("{\"policy-type\":2,\"failure-details\":[{\"c\":201},{\"c\":\"204\"}],\"t\":2,\"f\":1}");

        assertRejected(good + "\n\n" + good + "\n" + bad, "datagrams[2].policies[0].failure-details[1].c",
                "must be an integer");
    }

    @Test
    void truncatedJson_shouldBeRejectedAsInvalidJson() {
        String line = datagram("{\"policy-type\":9,\"t\":0,\"f\":0}");

        assertRejected(line.substring(0, line.length() - 5), "datagrams[0]", "is not valid JSON");
    }

    @Test
    void unknownPolicyType_shouldBeRejected() {
        assertRejected(datagram("{\"policy-type\":3,\"f\":0}"), "datagrams[0].policies[0].policy-type",
                "unknown policy-type 3");
    }

    @Test
    void unknownFailureCode_shouldBeRejected() {
        assertRejected(datagram("{\"policy-type\":9,\"failure-details\":[{\"c\":901}],\"t\":1,\"f\":1}"),
                "datagrams[0].policies[0].failure-details[0].c", "unknown failure code 901");
    }

    @Test
    void finalResultOtherThanZeroOrOne_shouldBeRejected() {
        assertRejected(datagram("{\"policy-type\":9,\"t\":0,\"f\":2}"), "datagrams[0].policies[0].f",
                "must be 0 (success) or 1 (failure)");
    }

    @Test
    void missingFinalResult_shouldBeRejected() {
        assertRejected(datagram("{\"policy-type\":9,\"t\":0}"), "datagrams[0].policies[0].f", "required");
    }

    @Test
    void hugeString_shouldBeRejectedWithTheLimit() {
        String huge = "x".repeat(IngestLimits.MAX_STRING_LENGTH + 1);
        assertRejected(datagram("{\"policy-type\":9,\"failure-details\":[{\"c\":201,\"a\":\"" + huge
                + "\"}],\"t\":1,\"f\":1}"), "datagrams[0].policies[0].failure-details[0].a", "at most 255 characters");
    }

    @Test
    void wrongTypes_shouldBeRejected() {
        assertRejected("[1,2]", "datagrams[0]", "must be a JSON object");
        assertRejected(datagram("{\"policy-type\":2,\"policy-string\":\"version: STSv1\",\"f\":0}"),
                "datagrams[0].policies[0].policy-string", "must be an array");
        assertRejected(datagram("{\"policy-type\":2,\"mx-host\":[7],\"f\":0}"),
                "datagrams[0].policies[0].mx-host[0]", "must be a string");
        assertRejected(datagram("{\"policy-type\":1.5,\"f\":0}"), "datagrams[0].policies[0].policy-type",
                "must be an integer");
        assertRejected(datagram(""), "datagrams[0].policies", "non-empty array");
    }

    @Test
    void invalidRecipientDomain_shouldBeRejected() {
        assertRejected(datagram("{\"policy-type\":9,\"f\":0}").replace("example.com\",\"pr", "exa mple.com\",\"pr"),
                "datagrams[0].d", "character that is not allowed");
    }

    @Test
    void twoJsonValuesOnOneLine_shouldBeRejected() {
        String line = datagram("{\"policy-type\":9,\"f\":0}");
        assertRejected(line + line, "datagrams[0]", "one JSON object per line");
    }

    @Test
    void uLabelDomain_shouldBeStoredAsALabel() throws Exception {
        String body = datagram("{\"policy-type\":9,\"f\":0}").replace("\"d\": \"example.com\"", "\"d\": \"bücher.example\"");

        assertThat(convert(body)).singleElement().satisfies(result -> {
            assertThat(result.recipientDomain()).isEqualTo("xn--bcher-kva.example");
            assertThat(result.policy().domain()).isEqualTo("xn--bcher-kva.example");
        });
    }

    @Test
    void equalFailureDetailsInOnePolicy_shouldBeOneDetailWithCountTwo() throws Exception {
        String body = datagram("{\"policy-type\":9,\"failure-details\":[{\"c\":201,\"n\":\"mx.example.com\"},"
                + "{\"c\":201,\"n\":\"mx.example.com\"}],\"t\":2,\"f\":1}");

        assertThat(convert(body)).singleElement().satisfies(result -> assertThat(result.details())
                .containsExactly(FailureDetail.builder(ResultType.STARTTLS_NOT_SUPPORTED)
                        .receivingMxHostname("mx.example.com").failedSessionCount(2).build()));
    }

    @Test
    void tooManyPoliciesInOneRequest_shouldBeRejected() {
        String line = datagram("{\"policy-type\":9,\"f\":0}");
        String body = (line + "\n").repeat(IngestLimits.MAX_RESULTS + 1);

        assertRejected(body, "datagrams", "more than " + IngestLimits.MAX_RESULTS);
    }

    @Test
    void manyBadDatagrams_shouldReportAtMostTheErrorLimit() {
        String body = "{\n".repeat(1000);

        assertThatThrownBy(() -> convert(body)).isInstanceOfSatisfying(InvalidBatchException.class,
                e -> assertThat(e.errors()).hasSize(LibtlsrptDatagrams.MAX_ERRORS));
    }

    @Test
    void check_shouldCountPoliciesOfOneDatagram() throws Exception {
        byte[] datagram = conformanceDatagrams().get(3).getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[datagram.length + 10];
        System.arraycopy(datagram, 0, framed, 5, datagram.length);

        assertThat(LibtlsrptDatagrams.check(framed, 5, datagram.length)).isEqualTo(2);
    }

    @Test
    void check_shouldRejectRawNewlineAndBadDatagram() {
        byte[] twoLines = (datagram("{\"policy-type\":9,\"f\":0}") + "\n" + "{}").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"dpv\":\"1\"".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> LibtlsrptDatagrams.check(twoLines, 0, twoLines.length))
                .isInstanceOf(InvalidBatchException.class).hasMessageContaining("raw newline");
        assertThatThrownBy(() -> LibtlsrptDatagrams.check(bad, 0, bad.length))
                .isInstanceOf(InvalidBatchException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void textRule_shouldNameTheDatagramWithALoneSurrogateOrALineSeparator() {
        for (String escaped : List.of("\\udc80", "\\u2028", "\\u0085")) {
            assertRejected(datagram("{\"policy-type\":2,\"policy-domain\":\"example.com\",\"failure-details\":[{\"c\":301,"
                    + "\"a\":\"x" + escaped + "\"}],\"t\":1,\"f\":1}"), "datagrams[0].policies[0].failure-details[0].a", "U+");
            assertRejected(datagram("{\"policy-type\":2,\"policy-domain\":\"example.com\",\"policy-string\":[\"mode: "
                    + escaped + "\"],\"t\":0,\"f\":0}"), "datagrams[0].policies[0].policy-string[0]", "U+");
        }
    }

    @Test
    void textRule_shouldRefuseInvalidUtf8InTheDatagramThatCarriesIt() {
        byte[] good = datagram("{\"policy-type\":9,\"t\":0,\"f\":0}").getBytes(StandardCharsets.UTF_8);
        byte[] bad = datagram("{\"policy-type\":9,\"t\":0,\"f\":0}").replace("r@example", "r\u0001example")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] == 1) {
                bad[i] = (byte) 0xc3;
            }
        }
        byte[] body = new byte[good.length + 1 + bad.length];
        System.arraycopy(good, 0, body, 0, good.length);
        body[good.length] = '\n';
        System.arraycopy(bad, 0, body, good.length + 1, bad.length);
        assertThatThrownBy(() -> LibtlsrptDatagrams.toResults(body, RECEIVED))
                .isInstanceOfSatisfying(InvalidBatchException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.path()).isEqualTo("datagrams[1]")));
    }

    @Test
    void tlsaRecordWithAFullCertificate_shouldBeKeptWhole() throws Exception {
        String record = "3 0 0 " + "AB".repeat(1500);
        List<TlsResult> results = convert(datagram("{\"policy-type\":1,\"policy-domain\":\"mx.example.com\","
                + "\"policy-string\":[\"" + record + "\"],\"t\":0,\"f\":0}"));
        assertThat(results.get(0).policy().strings()).containsExactly(record);
    }
}
