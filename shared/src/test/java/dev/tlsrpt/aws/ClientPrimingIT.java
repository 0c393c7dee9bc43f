package dev.tlsrpt.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tlsrpt.local.EmulatorOutbox;
import dev.tlsrpt.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The clients' first calls before a SnapStart snapshot (docs/design.md 8), against the emulator: nothing is stored or sent. */
class ClientPrimingIT {
    private static final String BUCKET = "tlsrpt-archive";

    @BeforeEach
    void emptyEmulator() {
        MotoServer.get().reset();
    }

    @Test
    void s3_shouldLeaveTheArchiveEmpty_theClientStoppingItsPutObjectBeforeItIsSent() {
        // GIVEN the archive bucket and the client every function builds
        S3Client s3 = SdkClients.s3();
        s3.createBucket(r -> r.bucket(BUCKET));

        // WHEN priming makes its calls
        ClientPriming.s3(s3, BUCKET);

        // THEN the bucket holds nothing
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET)).contents()).isEmpty();
    }

    @Test
    void s3_shouldRefuseToPrimeAClientThatWouldSendThePutObject() {
        // GIVEN a client built without the stop (not through SdkClients)
        S3Client plain = S3Client.builder().forcePathStyle(true).build();
        plain.createBucket(r -> r.bucket(BUCKET));

        // WHEN priming makes its calls THEN it says the PutObject went out (the emulator took it)
        assertThatThrownBy(() -> ClientPriming.s3(plain, BUCKET)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopBeforeSending");
        assertThat(plain.listObjectsV2(r -> r.bucket(BUCKET)).contents()).hasSize(1);
    }

    @Test
    void ses_shouldSendNothing_fromAnAddressNoOneCanVerify() {
        // GIVEN SES with the stack's own domain verified
        SesV2Client ses = SdkClients.sesV2();
        EmulatorOutbox.verifyDomain(ses, "example.com");
        int before = EmulatorOutbox.fromSdkSettings().messages().size();

        // WHEN priming makes its call THEN SES refused it: no message was taken
        ClientPriming.ses(ses);
        assertThat(EmulatorOutbox.fromSdkSettings().messages()).hasSize(before);
    }

    @Test
    void eventBridge_shouldBeRefusedWithoutAnEvent() {
        // An empty PutEvents: refused by EventBridge, and no exception reaches the prime
        ClientPriming.eventBridge(SdkClients.eventBridge());
    }
}
