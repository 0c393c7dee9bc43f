package dev.tlsrpt.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportJobsTest {
    private static final DestinationKey JOB = new DestinationKey(LocalDate.parse("2026-11-28"),
            DestinationKind.RECIPIENT_DOMAIN, "example.com");

    @Test
    void toJson_withASpread_shouldCarryTheWindow() {
        ReportSpread spread = new ReportSpread(Instant.parse("2026-11-29T00:15:00Z"), Duration.ofHours(4));

        String json = ReportJobs.toJson(JOB, spread);

        assertThat(json).isEqualTo("{\"day\":\"2026-11-28\",\"kind\":\"RECIPIENT_DOMAIN\",\"domain\":\"example.com\","
                + "\"spread\":{\"from\":\"2026-11-29T00:15:00Z\",\"seconds\":14400}}");
        assertThat(ReportJobs.fromJson(json)).isEqualTo(JOB);
        assertThat(ReportJobs.spreadOf(json)).isEqualTo(spread);
    }

    @Test
    void toJson_withoutASpread_shouldBeTheJobAlone_andReadAsDueAtOnce() {
        String json = ReportJobs.toJson(JOB, ReportSpread.none(Instant.parse("2026-11-29T00:15:00Z")));

        assertThat(json).isEqualTo(ReportJobs.toJson(JOB)).doesNotContain("spread");
        assertThat(ReportJobs.spreadOf(json).isNone()).isTrue();
    }

    @Test
    void spreadOf_shouldRefuseAWindowItCannotRead() {
        for (String body : new String[] {
                "{\"day\":\"2026-11-28\",\"kind\":\"MX_HOST\",\"domain\":\"mx.example\",\"spread\":{\"from\":\"soon\",\"seconds\":60}}",
                "{\"day\":\"2026-11-28\",\"kind\":\"MX_HOST\",\"domain\":\"mx.example\",\"spread\":{\"from\":\"2026-11-29T00:15:00Z\"}}",
                "{\"day\":\"2026-11-28\",\"kind\":\"MX_HOST\",\"domain\":\"mx.example\",\"spread\":{\"from\":\"2026-11-29T00:15:00Z\",\"seconds\":-5}}"}) {
            assertThatThrownBy(() -> ReportJobs.spreadOf(body)).as(body).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
