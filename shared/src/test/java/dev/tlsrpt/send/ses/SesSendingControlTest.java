package dev.tlsrpt.send.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tlsrpt.send.ses.SesSendingControl.SendingStatus;
import dev.tlsrpt.testing.RecordingSes;
import dev.tlsrpt.testing.RecordingSes.Answer;
import dev.tlsrpt.testing.RecordingSes.Request;
import org.junit.jupiter.api.Test;

/**
 * Pausing and resuming the reports' configuration set, as the requests SESv2 receives. (The emulator has
 * no PutConfigurationSetSendingOptions: the SDK talks to an in-memory endpoint instead.)
 */
class SesSendingControlTest {

    @Test
    void pause_shouldPutSendingEnabledFalseOnTheConfigurationSet() {
        RecordingSes ses = new RecordingSes(r -> new Answer(200, "{}"));

        new SesSendingControl(ses.client(), "tlsrpt-reports").pause();

        assertThat(ses.requests()).containsExactly(
                new Request("PUT", "/v2/email/configuration-sets/tlsrpt-reports/sending", "{\"SendingEnabled\":false}"));
    }

    @Test
    void resume_shouldPutSendingEnabledTrue() {
        RecordingSes ses = new RecordingSes(r -> new Answer(200, "{}"));

        new SesSendingControl(ses.client(), "tlsrpt-reports").resume();

        assertThat(ses.requests()).singleElement().extracting(Request::body).isEqualTo("{\"SendingEnabled\":true}");
    }

    @Test
    void status_shouldReadTheSetsSwitchAndReputationSettings_andTheAccountsState() {
        // GIVEN a paused set with reputation metrics, in a healthy production account
        RecordingSes ses = new RecordingSes(r -> r.path().startsWith("/v2/email/configuration-sets/")
                ? new Answer(200, "{\"ConfigurationSetName\":\"tlsrpt-reports\",\"SendingOptions\":{\"SendingEnabled\":false},"
                        + "\"ReputationOptions\":{\"ReputationMetricsEnabled\":true}}")
                : new Answer(200, "{\"SendingEnabled\":true,\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true}"));

        SendingStatus status = new SesSendingControl(ses.client(), "tlsrpt-reports").status();

        assertThat(status).isEqualTo(new SendingStatus("tlsrpt-reports", false, true, true, "HEALTHY", true));
        assertThat(status.sending()).isFalse();
        assertThat(ses.requests()).extracting(Request::path)
                .containsExactly("/v2/email/configuration-sets/tlsrpt-reports", "/v2/email/account");
    }

    @Test
    void status_shouldCountAnAccountPauseAsNotSending() {
        RecordingSes ses = new RecordingSes(r -> r.path().startsWith("/v2/email/configuration-sets/")
                ? new Answer(200, "{\"ConfigurationSetName\":\"tlsrpt-reports\",\"SendingOptions\":{\"SendingEnabled\":true}}")
                : new Answer(200, "{\"SendingEnabled\":false,\"EnforcementStatus\":\"SHUTDOWN\"}"));

        SendingStatus status = new SesSendingControl(ses.client(), "tlsrpt-reports").status();

        assertThat(status.configurationSetSending()).isTrue();
        assertThat(status.sending()).isFalse();
        assertThat(status.reputationMetrics()).isNull();
    }
}
