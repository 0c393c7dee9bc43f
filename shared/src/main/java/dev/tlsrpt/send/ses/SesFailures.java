package dev.tlsrpt.send.ses;

import dev.tlsrpt.send.ReportMailer.MailResult;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.sesv2.model.InternalServiceErrorException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * What an SESv2 {@code SendEmail} failure means for the report: retry within the 24-hour window
 * (docs/design.md section 2.7) or give up. The test is "can this change by itself, or by an operator's routine action,
 * within a day?" Each exception SendEmail declares is decided here; anything else falls back to its
 * HTTP status (5xx, 429 or throttling: transient; other 4xx: rejected) and client-side failures
 * (network, timeouts, credentials) are transient.
 */
final class SesFailures {
    private SesFailures() {
    }

    static MailResult classify(SdkException e) {
        String reason = reason(e);
        return switch (e) {
            // The sending rate (TooManyRequests) or the 24-hour quota (LimitExceeded) recovers by itself.
            case TooManyRequestsException t -> new MailResult.TransientFailure(reason);
            case LimitExceededException t -> new MailResult.TransientFailure(reason);
            // Sending paused for the account or the configuration set (by the reputation guard, or by
            // SES): an operator resumes it (`tlsrpt sending resume`); the report waits until then and is
            // recorded failed only if the 24-hour window runs out.
            case SendingPausedException t -> new MailResult.TransientFailure(reason);
            // The custom MAIL FROM domain's MX record is missing or wrong: fixed in DNS, SES sees it again.
            case MailFromDomainNotVerifiedException t -> new MailResult.TransientFailure(reason);
            case InternalServiceErrorException t -> new MailResult.TransientFailure(reason);
            case ConcurrentModificationException t -> new MailResult.TransientFailure(reason);
            // SES refused this message (e.g. unverified sender in the sandbox, content): it will again.
            case MessageRejectedException r -> new MailResult.Rejected(reason);
            // Configuration errors no retry fixes; operators see them as "failed" events.
            // Suspended means "permanently restricted" (SES API reference), unlike a pause.
            case AccountSuspendedException r -> new MailResult.Rejected(reason);
            case NotFoundException r -> new MailResult.Rejected(reason);
            case BadRequestException r -> new MailResult.Rejected(reason);
            case AwsServiceException other -> byStatus(other, reason);
            case SdkClientException client -> new MailResult.TransientFailure(reason);
            default -> new MailResult.TransientFailure(reason);
        };
    }

    private static MailResult byStatus(AwsServiceException e, String reason) {
        int status = e.statusCode();
        if (status >= 500 || status == 429 || e.isThrottlingException()) {
            return new MailResult.TransientFailure(reason);
        }
        return new MailResult.Rejected(reason);
    }

    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            var details = service.awsErrorDetails();
            return "SES " + details.errorCode() + " (HTTP " + service.statusCode() + "): " + details.errorMessage();
        }
        return "SES " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
