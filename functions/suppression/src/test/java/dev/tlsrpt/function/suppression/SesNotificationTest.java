package dev.tlsrpt.function.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.function.suppression.SesNotification.Kind;
import org.junit.jupiter.api.Test;

class SesNotificationTest {

    @Test
    void permanentBounce_givesTheBouncedRecipientAndTheDiagnostic() {
        SesNotification notification = SesNotification.parse(Events.sesMessage("ses-bounce-permanent.json"));

        assertThat(notification.kind()).isEqualTo(Kind.PERMANENT_BOUNCE);
        assertThat(notification.recipients()).containsExactly("tls-reports@example.net");
        assertThat(notification.detail()).startsWith("Permanent/General: smtp; 550 5.1.1");
        assertThat(notification.messageId()).isEqualTo("0100018c1a2b3c4d-11111111-2222-4333-8444-555555555555-000000");
        assertThat(notification.sentFrom("TLSRPT-noreply@example.com")).isTrue();
        assertThat(notification.sentFrom("someone@example.com")).isFalse();
    }

    @Test
    void transientBounce_andComplaint_areTold() {
        assertThat(SesNotification.parse(Events.sesMessage("ses-bounce-transient.json")).kind()).isEqualTo(Kind.TRANSIENT_BOUNCE);
        SesNotification complaint = SesNotification.parse(Events.sesMessage("ses-complaint.json"));
        assertThat(complaint.kind()).isEqualTo(Kind.COMPLAINT);
        assertThat(complaint.recipients()).containsExactly("postmaster@example.org");
        assertThat(complaint.detail()).isEqualTo("complaint: abuse");
    }

    @Test
    void identityNotificationShape_isReadToo() {
        String message = """
                {"notificationType":"Bounce","bounce":{"bounceType":"Undetermined","bounceSubType":"Undetermined",
                 "bouncedRecipients":[{"emailAddress":"r@example.com"}]},
                 "mail":{"source":"x@example.com","messageId":"m1","commonHeaders":{"from":["Reports <tlsrpt@example.com>"]}}}
                """;
        SesNotification notification = SesNotification.parse(message);

        assertThat(notification.kind()).isEqualTo(Kind.UNDETERMINED_BOUNCE);
        assertThat(notification.sentFrom("tlsrpt@example.com")).isTrue();
    }

    @Test
    void notSpamComplaint_andOtherEvents_areNotSuppressionKinds() {
        assertThat(SesNotification.parse("""
                {"eventType":"Complaint","complaint":{"complaintFeedbackType":"not-spam","complainedRecipients":[{"emailAddress":"r@example.com"}]}}
                """).kind()).isEqualTo(Kind.NOT_SPAM_COMPLAINT);
        assertThat(SesNotification.parse("{\"eventType\":\"Delivery\",\"mail\":{}}").kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void parse_rejectsWhatIsNotANotification() {
        assertThatThrownBy(() -> SesNotification.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SesNotification.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SesNotification.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
