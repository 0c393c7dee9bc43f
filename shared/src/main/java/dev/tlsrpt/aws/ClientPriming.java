package dev.tlsrpt.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
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
     * A name under {@code .invalid} (RFC 2606), which no DNS resolves: no one can verify it as an SES identity
     * or own it as an S3 bucket name in use, and the functions' permissions allow neither.
     */
    static final String NOWHERE = "priming.invalid";
    private static final String ADDRESS = "priming@" + NOWHERE;

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

    /** A PutObject into a bucket the function may not write and no one has (NoSuchBucket or AccessDenied). */
    public static void s3(S3Client s3) {
        refused(() -> s3.putObject(r -> r.bucket(NOWHERE).key("priming/none").contentType("text/plain"),
                RequestBody.fromString("priming")));
    }

    private static void refused(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException refusedByTheService) {
            // Expected: the service answered, so the client has made its first call.
        }
    }
}
