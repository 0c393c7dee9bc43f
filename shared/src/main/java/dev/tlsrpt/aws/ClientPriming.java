package dev.tlsrpt.aws;

import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * First calls of the clients a function sends with, for its priming before a SnapStart snapshot (docs/design.md
 * 8), each one that changes nothing: its marshalling, signing, endpoint rules and connection are then in the
 * snapshot rather than in the first invocation. A refusal (an error from the service) is as good a first call
 * as an answer; a network failure is left to the caller's prime, which logs it.
 */
public final class ClientPriming {
    private ClientPriming() {
    }

    /** A PutEvents without entries, which EventBridge refuses: nothing is published. */
    public static void eventBridge(EventBridgeClient events) {
        refused(() -> events.putEvents(r -> r.entries(List.of())));
    }

    /** A read of the sending identity's settings (the From address): nothing is sent. */
    public static void ses(SesV2Client ses, String fromAddress) {
        refused(() -> ses.getEmailIdentity(r -> r.emailIdentity(fromAddress)));
    }

    /**
     * A HEAD of a key that is never written: nothing is read or stored. A function that may only write the bucket
     * is refused (403), which primes the client as well as the 404 of one that may read it.
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
