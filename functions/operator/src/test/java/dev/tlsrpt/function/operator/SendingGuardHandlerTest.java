package dev.tlsrpt.function.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.tlsrpt.send.ses.SesSendingControl;
import dev.tlsrpt.testing.RecordingSes;
import dev.tlsrpt.testing.RecordingSes.Answer;
import dev.tlsrpt.testing.RecordingSes.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard's reading of CloudWatch alarm notifications, and the SES request it sends. */
class SendingGuardHandlerTest {
    private final RecordingSes ses = new RecordingSes(r -> new Answer(200, "{}"));
    private final SendingGuardHandler handler = new SendingGuardHandler(new SesSendingControl(ses.client(), "tlsrpt-reports"));

    private static SNSEvent notification(String message) {
        SNSEvent.SNS sns = new SNSEvent.SNS().withMessageId("m-1").withMessage(message);
        return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withSns(sns)));
    }

    private static String alarm(String state) {
        // The fields of a real CloudWatch alarm notification that matter, plus some that do not.
        return "{\"AlarmName\":\"tlsrpt-ReportsBounceRatePauseAlarm-X\",\"NewStateValue\":\"" + state + "\","
                + "\"OldStateValue\":\"OK\",\"NewStateReason\":\"Threshold Crossed\",\"Trigger\":{\"MetricName\":\"Reputation.BounceRate\"}}";
    }

    @Test
    void alarm_shouldPauseTheConfigurationSet() {
        handler.handleRequest(notification(alarm("ALARM")), null);

        assertThat(ses.requests()).containsExactly(
                new Request("PUT", "/v2/email/configuration-sets/tlsrpt-reports/sending", "{\"SendingEnabled\":false}"));
    }

    @Test
    void backToOk_shouldNotResume() {
        handler.handleRequest(notification(alarm("OK")), null);
        handler.handleRequest(notification(alarm("INSUFFICIENT_DATA")), null);

        assertThat(ses.requests()).isEmpty();
    }

    @Test
    void aMessageThatIsNoAlarm_shouldBeIgnored() {
        handler.handleRequest(notification("hello"), null);
        handler.handleRequest(notification("{\"AlarmName\":1}"), null);

        assertThat(ses.requests()).isEmpty();
    }

    @Test
    void sesFailing_shouldFailTheInvocation_soThatItIsRetried() {
        RecordingSes failing = new RecordingSes(r -> new Answer(500, "{\"message\":\"internal\"}"));
        SendingGuardHandler guard = new SendingGuardHandler(new SesSendingControl(failing.client(), "tlsrpt-reports"));

        assertThatThrownBy(() -> guard.handleRequest(notification(alarm("ALARM")), null))
                .isInstanceOf(software.amazon.awssdk.core.exception.SdkException.class);
    }
}
