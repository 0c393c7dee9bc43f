package dev.tlsrpt.send.events;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Tells the operator how a day went: one EventBridge event (source {@value EventBridgeOutcomePublisher#SOURCE},
 * detail-type {@value #DETAIL_TYPE}) and, when an address is configured, the same summary by e-mail.
 * Unlike an outcome event, a summary that cannot be published is an error (the function fails, Lambda
 * retries it, and its error alarm fires): nothing else would tell the operator.
 *
 * <p>The e-mail goes out through SES without the reports' configuration set, so that a paused
 * configuration set does not also silence the summary that says so; it is not DKIM-signed by the
 * service (SES's own signing of the identity applies).
 */
public final class DaySummaryPublisher {
    public static final String DETAIL_TYPE = "tlsrpt day summary";

    private final EventBridgeClient events;
    private final String busName;
    private final SesV2Client ses;
    private final String fromAddress;
    private final String summaryAddress;

    /** @param summaryAddress where the e-mail goes, or {@code null}/blank for no e-mail */
    public DaySummaryPublisher(EventBridgeClient events, String busName, SesV2Client ses, String fromAddress,
                               String summaryAddress) {
        this.events = events;
        this.busName = busName;
        this.ses = ses;
        this.fromAddress = fromAddress;
        this.summaryAddress = summaryAddress == null || summaryAddress.isBlank() ? null : summaryAddress;
    }

    public void publish(DaySummary summary) {
        PutEventsResponse response = events.putEvents(r -> r.entries(e -> e.eventBusName(busName)
                .source(EventBridgeOutcomePublisher.SOURCE)
                .detailType(DETAIL_TYPE)
                .detail(summary.toJson().toString())));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var failed = response.entries().get(0);
            throw new IllegalStateException("day summary event not published: " + failed.errorCode() + " "
                    + failed.errorMessage());
        }
        if (summaryAddress != null) {
            ses.sendEmail(r -> r.fromEmailAddress(fromAddress)
                    .destination(d -> d.toAddresses(summaryAddress))
                    .content(c -> c.simple(m -> m
                            .subject(s -> s.data(subject(summary)).charset("UTF-8"))
                            .body(b -> b.text(t -> t.data(summary.toText()).charset("UTF-8"))))));
        }
    }

    /** Built from counts and the day only: nothing from DNS or a receiver reaches a header. */
    static String subject(DaySummary summary) {
        return "tlsrpt " + summary.day() + ": " + summary.sent() + " sent, " + summary.failed() + " failed, "
                + summary.retrying() + " retrying" + (summary.healthy() ? "" : " - needs a look");
    }
}
