package dev.tlsrpt.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
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
     * A HEAD of a key in {@code bucket} that is never written, for the connection and the signer: the worker may
     * only write its archive, so S3 answers AccessDenied (an emulator NotFound). Then a PutObject that the
     * client marshals, checksums and signs but stops before sending ({@link #stopBeforeSending()}, on every
     * client {@link SdkClients#s3()} builds). Nothing is read or stored.
     */
    public static void s3(S3Client s3, String bucket) {
        refused(() -> s3.headObject(r -> r.bucket(bucket).key("priming/none")));
        try {
            s3.putObject(r -> r.bucket(bucket).key("priming/none").contentType("text/plain")
                    .overrideConfiguration(o -> o.putExecutionAttribute(STOP, Boolean.TRUE)),
                    RequestBody.fromString("priming"));
            throw new IllegalStateException("a priming PutObject was sent: the client lacks stopBeforeSending()");
        } catch (Stopped stopped) {
            // Marshalled and signed; not sent.
        }
    }

    private static final ExecutionAttribute<Boolean> STOP = new ExecutionAttribute<>("tlsrpt.priming.stop");

    /** Thrown where a priming request would go out. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("a priming request, stopped before it was sent", null, false, false);
        }
    }

    /**
     * Stops a request that priming marked, once it is marshalled and signed and before it is sent; any other
     * request passes untouched.
     */
    static ExecutionInterceptor stopBeforeSending() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (Boolean.TRUE.equals(attributes.getAttribute(STOP))) {
                    throw new Stopped();
                }
            }
        };
    }

    private static void refused(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException refusedByTheService) {
            // Expected: the service answered, so the client has made its first call.
        }
    }
}
