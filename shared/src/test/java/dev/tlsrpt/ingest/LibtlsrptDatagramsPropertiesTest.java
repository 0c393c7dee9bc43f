package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives, the converter answers with results or an {@link InvalidBatchException}, nothing else. */
class LibtlsrptDatagramsPropertiesTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");

    @Property(tries = 2000)
    void mutatedConformanceDatagram_shouldGiveResultsOrInvalidBatch(@ForAll("mutatedDatagrams") byte[] body) {
        try {
            assertThat(LibtlsrptDatagrams.toResults(body, RECEIVED)).isNotNull();
        } catch (InvalidBatchException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.path()).startsWith("datagrams");
                assertThat(error.message()).isNotBlank();
            });
        }
    }

    @Property(tries = 500)
    void randomBytes_shouldGiveResultsOrInvalidBatch(@ForAll byte[] body) {
        try {
            LibtlsrptDatagrams.toResults(body, RECEIVED);
        } catch (InvalidBatchException e) {
            assertThat(e.errors()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedDatagrams() throws IOException {
        List<byte[]> lines = LibtlsrptDatagramsTest.conformanceDatagrams().stream()
                .map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
        Arbitrary<byte[]> line = Arbitraries.of(lines);
        Arbitrary<byte[]> truncated = line.flatMap(bytes -> Arbitraries.integers().between(0, bytes.length)
                .map(end -> java.util.Arrays.copyOf(bytes, end)));
        Arbitrary<byte[]> flipped = Combinators.combine(line, Arbitraries.integers().between(0, 10_000),
                Arbitraries.bytes()).as((bytes, position, value) -> {
                    byte[] copy = bytes.clone();
                    copy[position % copy.length] = value;
                    return copy;
                });
        Arbitrary<byte[]> swapped = Combinators.combine(line, Arbitraries.of(
                "\"1\"", "1", "null", "[]", "{}", "\"\"", "-1", "99999999999", "1e3", "\"" + "y".repeat(300) + "\"",
                "true")).as((bytes, replacement) -> replaceAValue(bytes, replacement));
        return Arbitraries.oneOf(truncated, flipped, swapped);
    }

    // Replaces the value after a random ':' with another JSON value, keeping the rest of the datagram.
    private static byte[] replaceAValue(byte[] bytes, String replacement) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int colon = text.indexOf(':', Math.abs(replacement.hashCode() + text.length()) % text.length());
        if (colon < 0) {
            return bytes;
        }
        int end = colon + 1;
        while (end < text.length() && ",}]".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return (text.substring(0, colon + 1) + replacement + text.substring(end)).getBytes(StandardCharsets.UTF_8);
    }
}
