package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.tlsrpt.PolicyType;
import dev.tlsrpt.tlsrpt.ResultType;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultsRequestParserTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private static ParsedBatch parse(String json) throws InvalidBatchException {
        return ResultsRequestParser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static List<FieldError> errors(String json) {
        try {
            parse(json);
        } catch (InvalidBatchException e) {
            return e.errors();
        }
        throw new AssertionError("expected the body to be rejected: " + json);
    }

    private static String result(String fields) {
        return "{\"results\":[{\"recipient-domain\":\"example.com\",\"policy\":{\"policy-type\":\"sts\","
                + "\"policy-domain\":\"example.com\"}" + (fields.isEmpty() ? "" : "," + fields) + "}]}";
    }

    @Test
    void parse_shouldReadTheDesignExample() throws Exception {
        // GIVEN the example body of the API documentation
        String body = """
                {"results": [{
                  "time": "2026-11-28T13:45:07Z",
                  "recipient-domain": "example.com",
                  "policy": {"policy-type": "sts", "policy-domain": "example.com",
                    "policy-string": ["version: STSv1", "mode: enforce", "mx: mx1.example.com", "max_age: 86400"],
                    "mx-host": ["mx1.example.com"]},
                  "successful-sessions": 0, "failed-sessions": 1,
                  "failure-details": [{"result-type": "certificate-expired", "sending-mta-ip": "192.0.2.10",
                    "receiving-mx-hostname": "mx1.example.com", "receiving-ip": "198.51.100.25",
                    "failed-session-count": 1}],
                  "trigger-report": true}]}""";

        // WHEN it is parsed
        ParsedBatch batch = parse(body);

        // THEN every field arrives
        assertThat(batch.receiptDayUsed()).isFalse();
        TlsResult result = batch.results().get(0);
        assertThat(result.day()).isEqualTo(LocalDate.parse("2026-11-28"));
        assertThat(result.recipientDomain()).isEqualTo("example.com");
        assertThat(result.policy().type()).isEqualTo(PolicyType.STS);
        assertThat(result.policy().strings()).containsExactly("version: STSv1", "mode: enforce", "mx: mx1.example.com", "max_age: 86400");
        assertThat(result.policy().mxHosts()).containsExactly("mx1.example.com");
        assertThat(result.failureCount()).isEqualTo(1);
        assertThat(result.details()).singleElement().satisfies(detail -> {
            assertThat(detail.resultType()).isEqualTo(ResultType.CERTIFICATE_EXPIRED);
            assertThat(detail.receivingIp()).isEqualTo("198.51.100.25");
            assertThat(detail.failedSessionCount()).isEqualTo(1);
        });
        assertThat(result.trigger()).isTrue();
    }

    @Test
    void parse_shouldStoreULabelsAsALabels() throws Exception {
        ParsedBatch batch = parse("""
                {"results":[{"recipient-domain":"Bücher.Example.","policy":{"policy-type":"sts",
                 "policy-domain":"bücher.example","mx-host":["*.bücher.example"]},
                 "failure-details":[{"result-type":"validation-failure","receiving-mx-hostname":"MX.bücher.example",
                 "failed-session-count":1}]}]}""");

        TlsResult result = batch.results().get(0);
        assertThat(result.recipientDomain()).isEqualTo("xn--bcher-kva.example");
        assertThat(result.policy().domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(result.policy().mxHosts()).containsExactly("*.xn--bcher-kva.example");
        assertThat(result.details().get(0).receivingMxHostname()).isEqualTo("mx.xn--bcher-kva.example");
    }

    @Test
    void parse_shouldTakeTheDayOfReceiptWhenTimeIsMissing() throws Exception {
        ParsedBatch batch = parse(result("\"successful-sessions\": 3"));

        assertThat(batch.receiptDayUsed()).isTrue();
        assertThat(batch.results().get(0).day()).isEqualTo(LocalDate.parse("2026-11-29"));
        assertThat(batch.results().get(0).trigger()).isTrue();
    }

    @Test
    void parse_shouldDefaultPolicyDomainToRecipientDomainExceptForTlsa() throws Exception {
        ParsedBatch batch = parse("{\"results\":[{\"recipient-domain\":\"example.org\",\"policy\":{\"policy-type\":\"no-policy-found\"}}]}");
        assertThat(batch.results().get(0).policy().domain()).isEqualTo("example.org");

        assertThat(errors("{\"results\":[{\"recipient-domain\":\"example.org\",\"policy\":{\"policy-type\":\"tlsa\"}}]}"))
                .extracting(FieldError::path).containsExactly("results[0].policy.policy-domain");
    }

    @Test
    void parse_shouldAcceptASingleMxHostStringAsAnArray() throws Exception {
        ParsedBatch batch = parse("{\"results\":[{\"recipient-domain\":\"example.org\",\"policy\":{\"policy-type\":\"sts\",\"mx-host\":\"mx.example.org\"}}]}");
        assertThat(batch.results().get(0).policy().mxHosts()).containsExactly("mx.example.org");
    }

    @Test
    void parse_shouldSortTlsaPolicyStrings() throws Exception {
        ParsedBatch batch = parse("{\"results\":[{\"recipient-domain\":\"example.org\",\"policy\":{\"policy-type\":\"tlsa\","
                + "\"policy-domain\":\"mx.example.org\",\"policy-string\":[\"3 1 1 bb\",\"2 0 1 aa\"]}}]}");
        assertThat(batch.results().get(0).policy().strings()).containsExactly("2 0 1 aa", "3 1 1 bb");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown policy type     | \"policy\":{\"policy-type\":\"dane\",\"policy-domain\":\"example.com\"} | results[0].policy.policy-type",
            "non-IANA result type    | \"failure-details\":[{\"result-type\":\"certificate-revoked\",\"failed-session-count\":1}] | results[0].failure-details[0].result-type",
            "negative count          | \"failed-sessions\":-1 | results[0].failed-sessions",
            "fractional count        | \"successful-sessions\":1.5 | results[0].successful-sessions",
            "huge count              | \"successful-sessions\":10000000000000 | results[0].successful-sessions",
            "count as string         | \"successful-sessions\":\"3\" | results[0].successful-sessions",
            "bad sending ip          | \"failure-details\":[{\"result-type\":\"certificate-expired\",\"sending-mta-ip\":\"192.0.2.300\",\"failed-session-count\":1}] | results[0].failure-details[0].sending-mta-ip",
            "host name as ip         | \"failure-details\":[{\"result-type\":\"certificate-expired\",\"receiving-ip\":\"mx.example.com\",\"failed-session-count\":1}] | results[0].failure-details[0].receiving-ip",
            "missing detail count    | \"failure-details\":[{\"result-type\":\"certificate-expired\"}] | results[0].failure-details[0].failed-session-count",
            "line break in helo      | \"failure-details\":[{\"result-type\":\"certificate-expired\",\"receiving-mx-helo\":\"mx\\r\\nBcc: x\",\"failed-session-count\":1}] | results[0].failure-details[0].receiving-mx-helo",
            "trigger not boolean     | \"trigger-report\":\"yes\" | results[0].trigger-report",
            "time not rfc3339        | \"time\":\"yesterday\" | results[0].time",
            "time in the future      | \"time\":\"2026-12-01T00:00:00Z\" | results[0].time",
            "unknown field           | \"failed-session\":1 | results[0].failed-session",
    })
    void parse_shouldNameTheFieldOfEachKindOfBadInput(String name, String fields, String path) {
        String body = fields.startsWith("\"policy\"")
                ? "{\"results\":[{\"recipient-domain\":\"example.com\"," + fields + "}]}"
                : result(fields);

        assertThat(errors(body)).extracting(FieldError::path).contains(path);
    }

    @Test
    void parse_shouldRejectBadDomains() {
        assertThat(errors("{\"results\":[{\"recipient-domain\":\"exa mple.com\",\"policy\":{\"policy-type\":\"sts\"}}]}"))
                .extracting(FieldError::path).contains("results[0].recipient-domain");
        assertThat(errors("{\"results\":[{\"recipient-domain\":\"" + "a".repeat(64) + ".example\",\"policy\":{\"policy-type\":\"sts\"}}]}"))
                .extracting(FieldError::path).contains("results[0].recipient-domain");
    }

    @Test
    void parse_shouldRejectBodiesOfTheWrongShape() {
        assertThat(errors("[]")).extracting(FieldError::path).containsExactly("$");
        assertThat(errors("{\"results\":[]}")).extracting(FieldError::path).containsExactly("results");
        assertThat(errors("{\"results\":{}}")).extracting(FieldError::path).containsExactly("results");
        assertThat(errors("{\"results\":[1]}")).extracting(FieldError::path).containsExactly("results[0]");
        assertThat(errors("{\"results\":[{\"recipient-domain\":\"a.example\"}]}")).extracting(FieldError::path)
                .containsExactly("results[0].policy");
        assertThat(errors("{\"results\": [")).extracting(FieldError::path).containsExactly("$");
    }

    @Test
    void parse_shouldRefuseDeepNestingAsBadJson() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(errors("{\"results\":" + deep + "}")).extracting(FieldError::path).containsExactly("$");
    }

    @Test
    void parse_shouldRefuseTooManyResults() {
        String one = "{\"recipient-domain\":\"a.example\",\"policy\":{\"policy-type\":\"sts\"}}";
        String body = "{\"results\":[" + String.join(",", java.util.Collections.nCopies(IngestLimits.MAX_RESULTS + 1, one)) + "]}";
        assertThat(errors(body)).extracting(FieldError::message).anySatisfy(m -> assertThat(m).contains("1 to 5000"));
    }

    @Test
    void parse_shouldReportSeveralErrorsAtOnce() {
        List<FieldError> errors = errors("{\"results\":[{\"recipient-domain\":\"a.example\",\"policy\":{\"policy-type\":\"x\"}},"
                + "{\"recipient-domain\":\"b.example\",\"policy\":{\"policy-type\":\"sts\"},\"failed-sessions\":-2}]}");
        assertThat(errors).extracting(FieldError::path)
                .containsExactly("results[0].policy.policy-type", "results[1].failed-sessions");
    }

    @Test
    void parse_shouldKeepAnInvalidBatchAsAWhole() {
        assertThatThrownBy(() -> parse("{\"results\":[{\"recipient-domain\":\"a.example\",\"policy\":{\"policy-type\":\"sts\"}},"
                + "{\"recipient-domain\":\"b.example\",\"policy\":{\"policy-type\":\"bad\"}}]}"))
                .isInstanceOf(InvalidBatchException.class);
    }

    @Test
    void parse_shouldAnswerWithErrorsNotACrash_whenMoreThanTheListedErrorsAreFound() {
        // GIVEN eleven empty details: 22 problems, more than the 20 listed
        String details = String.join(",", java.util.Collections.nCopies(11, "{}"));

        // WHEN / THEN the batch is refused with the first 20, not a NullPointerException
        assertThat(errors(result("\"failure-details\":[" + details + "]"))).hasSize(20)
                .allSatisfy(e -> assertThat(e.path()).startsWith("results[0].failure-details["));
    }

    @ParameterizedTest
    @CsvSource({"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z", "2026-11-24T23:59:59Z", "2026-11-29T10:15:01Z"})
    void parse_shouldRefuseATimeOutsideTheReportableDays(String time) {
        assertThat(errors(result("\"time\":\"" + time + "\""))).extracting(FieldError::path)
                .containsExactly("results[0].time");
    }

    @ParameterizedTest
    @CsvSource({"2026-11-25T00:00:00Z, 2026-11-25", "2026-11-29T10:15:00Z, 2026-11-29"})
    void parse_shouldAcceptTheOldestAndNewestReportableTimes(String time, String day) throws Exception {
        assertThat(parse(result("\"time\":\"" + time + "\"")).results().get(0).day()).isEqualTo(LocalDate.parse(day));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\\udc80", "a\\ud800b", "\\u0085", "\\u2028", "\\u2029", "\\u009f", "\\u007f"})
    void parse_shouldRefuseLoneSurrogatesAndLineSeparatorsInEveryTextField(String escaped) {
        for (String field : List.of("receiving-mx-helo", "additional-information", "failure-reason-code")) {
            String body = result("\"failure-details\":[{\"result-type\":\"validation-failure\",\"failed-session-count\":1,\""
                    + field + "\":\"x" + escaped + "\"}]");
            assertThat(errors(body)).extracting(FieldError::path).containsExactly("results[0].failure-details[0]." + field);
        }
        assertThat(errors("{\"results\":[{\"recipient-domain\":\"example.com\",\"policy\":{\"policy-type\":\"sts\","
                + "\"policy-string\":[\"mode: " + escaped + "\"]}}]}"))
                .extracting(FieldError::path).containsExactly("results[0].policy.policy-string[0]");
    }

    @Test
    void parse_shouldKeepAPairedSurrogate() throws Exception {
        String body = result("\"failure-details\":[{\"result-type\":\"validation-failure\",\"failed-session-count\":1,"
                + "\"additional-information\":\"\\ud83d\\udd12 locked\"}]");
        assertThat(parse(body).results().get(0).details().get(0).additionalInformation()).isEqualTo("\uD83D\uDD12 locked");
    }

    @Test
    void parse_shouldRefuseInvalidUtf8InsteadOfReplacingIt() {
        byte[] body = result("\"failure-details\":[{\"result-type\":\"validation-failure\",\"failed-session-count\":1,"
                + "\"additional-information\":\"ab\"}]").replace("ab", "a\u0001b").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 1) {
                body[i] = (byte) 0xff;
            }
        }
        assertThatThrownBy(() -> ResultsRequestParser.parse(body, NOW))
                .isInstanceOfSatisfying(InvalidBatchException.class, e -> assertThat(e.errors())
                        .singleElement().satisfies(error -> assertThat(error.message()).contains("UTF-8")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"results\":[]} {\"results\":[]}", "garbage", "]", "{}"})
    void parse_shouldRefuseAnythingAfterTheObject(String trailer) {
        assertThat(errors(result("") + trailer)).extracting(FieldError::path).containsExactly("$");
    }

    @Test
    void parse_shouldRefuseADuplicateKey() {
        String body = "{\"results\":[{\"recipient-domain\":\"example.com\",\"recipient-domain\":\"example.org\","
                + "\"policy\":{\"policy-type\":\"sts\"}}]}";
        assertThat(errors(body)).extracting(FieldError::path).containsExactly("$");
    }

    @Test
    void parse_shouldAcceptATlsaRecordWithAFullCertificate() throws Exception {
        // GIVEN a DANE record of matching type 0: a 4096-bit key's whole certificate, about 3,000 hex digits
        String record = "3 0 0 " + "AB".repeat(1500);
        String body = "{\"results\":[{\"recipient-domain\":\"dane.example\",\"policy\":{\"policy-type\":\"tlsa\","
                + "\"policy-domain\":\"mx.dane.example\",\"policy-string\":[\"" + record + "\"]}}]}";

        // WHEN / THEN it is kept whole
        assertThat(parse(body).results().get(0).policy().strings()).containsExactly(record);
    }

    @Test
    void parse_shouldRefuseAPolicyLongerThanItsBoundInAll() {
        String record = "\"3 0 0 " + "A".repeat(IngestLimits.MAX_POLICY_STRING_LENGTH - 6) + "\"";
        String strings = String.join(",", java.util.Collections.nCopies(9, record));
        String body = "{\"results\":[{\"recipient-domain\":\"dane.example\",\"policy\":{\"policy-type\":\"tlsa\","
                + "\"policy-domain\":\"mx.dane.example\",\"policy-string\":[" + strings + "]}}]}";
        assertThat(errors(body)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("results[0].policy");
            assertThat(e.message()).contains("65536 characters in all");
        });
        assertThat(errors(body.replace(record + "]", "\"3 0 0 " + "A".repeat(IngestLimits.MAX_POLICY_STRING_LENGTH - 5) + "\"]")))
                .extracting(FieldError::path).contains("results[0].policy.policy-string[8]");
    }

    @Test
    void parse_shouldGiveEachRecipientItsOwnDefaultPolicyDomain_whenResultsRepeatAPolicy() throws Exception {
        // GIVEN one policy object without policy-domain, repeated for two recipient domains
        String policy = "\"policy\":{\"policy-type\":\"sts\",\"mx-host\":[\"mx.example.net\"]}";
        ParsedBatch batch = parse("{\"results\":[{\"recipient-domain\":\"a.example\"," + policy + "},"
                + "{\"recipient-domain\":\"b.example\"," + policy + "},{\"recipient-domain\":\"a.example\"," + policy + "}]}");

        // THEN each result's policy-domain is its own recipient domain
        assertThat(batch.results()).extracting(r -> r.policy().domain()).containsExactly("a.example", "b.example", "a.example");
        assertThat(batch.results()).extracting(r -> r.policy().mxHosts()).allSatisfy(mx -> assertThat(mx).containsExactly("mx.example.net"));
    }

    @Test
    void parse_shouldNameEachResultsError_whenResultsRepeatABadPolicy() {
        // GIVEN a policy with a bad mx-host, repeated
        String policy = "\"policy\":{\"policy-type\":\"sts\",\"mx-host\":[\"mx.example.net\",\"bad host\"]}";
        List<FieldError> errors = errors("{\"results\":[{\"recipient-domain\":\"a.example\"," + policy + "},"
                + "{\"recipient-domain\":\"a.example\"," + policy + "}]}");

        // THEN both results are named, each with the message
        assertThat(errors).extracting(FieldError::path)
                .containsExactly("results[0].policy.mx-host[1]", "results[1].policy.mx-host[1]");
        assertThat(errors).extracting(FieldError::message).containsOnly("domain name has a character that is not allowed: ' '");
    }

    @Test
    void parse_shouldNameTheFirstByteThatIsNotUtf8() {
        // GIVEN bodies with a byte that no UTF-8 sequence holds, after ASCII only and after a valid 'é'
        for (String prefix : List.of("", "\u00e9")) {
            byte[] body = result("\"failure-details\":[{\"result-type\":\"validation-failure\",\"failed-session-count\":1,"
                    + "\"additional-information\":\"" + prefix + "a\u0001b\"}]").getBytes(StandardCharsets.UTF_8);
            int bad = 0;
            while (body[bad] != 1) {
                bad++;
            }
            body[bad] = (byte) 0xff;

            // THEN the error names that byte's offset in the body
            assertThat(errors(new String(body, StandardCharsets.ISO_8859_1), body)).extracting(FieldError::message)
                    .containsExactly("is not valid UTF-8 (byte " + bad + ")");
        }
    }

    private static List<FieldError> errors(String what, byte[] body) {
        try {
            ResultsRequestParser.parse(body, NOW);
        } catch (InvalidBatchException e) {
            return e.errors();
        }
        throw new AssertionError("expected the body to be rejected: " + what);
    }
}
