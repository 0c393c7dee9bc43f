package dev.tlsrpt.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;

class RequestLogTest {
    @Test
    void finish_shouldGiveTheLevelAMessageAndTheFieldsInOrder() {
        // GIVEN a request whose caller was known and whose storage failed
        RequestLog log = new RequestLog("/v1/results");
        log.caller("mta1.example.net");
        log.storageFailed(new IllegalStateException("results table unavailable"));

        // WHEN it is answered
        RequestLog.Line line = log.finish(503);

        // THEN the line is a warning that says what was answered, with its fields
        assertThat(line.level()).isEqualTo(Level.WARNING);
        assertThat(line.message()).isEqualTo("ingest /v1/results 503");
        assertThat(line.fields()).containsKeys("route", "caller", "storageError", "status", "ms")
                .containsEntry("status", 503).containsEntry("caller", "mta1.example.net");
        assertThat(line.fields().keySet()).startsWith("route", "caller");
    }

    @Test
    void text_shouldReadOnOneLine_withoutRepeatingTheMessage() {
        RequestLog log = new RequestLog("/v1/results");
        log.rejected(2);

        String text = log.finish(400).text();

        assertThat(text).startsWith("INFO ingest /v1/results 400 validationErrors=2 ms=").doesNotContain("\n")
                .doesNotContain("route=").doesNotContain("status=");
    }
}
