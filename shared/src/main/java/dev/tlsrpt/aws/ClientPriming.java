package dev.tlsrpt.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * First calls of the clients a function sends with, for its priming before a SnapStart snapshot (docs/design.md
 * 8): each the call the function makes, in a form the service must refuse, so that its marshalling, signing,
 * endpoint rules and connection are in the snapshot rather than in the first invocation and nothing is sent or
 * stored. A refusal primes the client as well as an answer; a network failure is left to the caller's prime,
 * which logs it.
 */
public final class ClientPriming {
    /**
     * An address under {@code .invalid} (RFC 2606), which no DNS resolves and no mail reaches, so no one can
     * verify it as an SES identity; the functions may send only from their own identities anyway.
     */
    private static final String ADDRESS = "priming@priming.invalid";

    private ClientPriming() {
    }

    /** A PutEvents without entries, which EventBridge refuses: nothing is published. */
    public static void eventBridge(EventBridgeClient events) {
        refused(() -> events.putEvents(r -> r.entries(List.of())));
    }

    /** A raw SendEmail from an address no one can verify, which SES refuses (MessageRejected or AccessDenied). */
    public static void ses(SesV2Client ses) {
        byte[] message = ("From: " + ADDRESS + "\r\nTo: " + ADDRESS + "\r\nSubject: priming\r\n\r\npriming\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        refused(() -> ses.sendEmail(r -> r.fromEmailAddress(ADDRESS)
                .destination(d -> d.toAddresses(ADDRESS))
                .content(c -> c.raw(raw -> raw.data(SdkBytes.fromByteArray(message))))));
    }

    /**
     * A HEAD of a key in {@code bucket} that is never written. The worker may only write its archive, so S3
     * answers AccessDenied (an emulator NotFound); nothing is read or stored, and no other bucket is touched.
     */
    public static void s3(S3Client s3, String bucket) {
        refused(() -> s3.headObject(r -> r.bucket(bucket).key("priming/none")));
    }

    private static void refused(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException refusedByTheService) {
            // Expected: the service answered, so the client has made its first call.
        }
    }
}
