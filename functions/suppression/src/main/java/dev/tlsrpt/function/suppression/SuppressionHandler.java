package dev.tlsrpt.function.suppression;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.function.logging.LogLine;
import dev.tlsrpt.function.priming.Priming;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.suppression.SuppressionList;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * SuppressionFunction: SES bounce and complaint events about report emails, delivered by SNS, onto the
 * suppression list. A message that is not an SES notification is logged and dropped (retrying cannot fix
 * it); a storage failure fails the invocation, so that Lambda retries it.
 */
public final class SuppressionHandler implements RequestHandler<SNSEvent, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionHandler.class);
    private final SuppressionList list;
    private final FeedbackSuppressor suppressor;
    private final Clock clock;

    /** What Lambda calls: collaborators from the environment, built once per container (and snapshot). */
    public SuppressionHandler() {
        this(SuppressionConfig.fromEnvironment(), Clock.systemUTC());
    }

    private SuppressionHandler(SuppressionConfig config, Clock clock) {
        this(new DynamoDbSuppressionList(
                        SdkClients.dynamoDb(), config.table()),
                config, clock);
        Priming.beforeSnapshot(this::prime);
    }

    /**
     * Priming before the snapshot (docs/design.md 8): a sample bounce parsed in memory and a read of the entry of
     * an address that cannot exist; nothing is suppressed.
     */
    private void prime() {
        SesNotification.parse(PRIMING_BOUNCE);
        list.find("tlsrpt@priming.invalid");
    }

    private static final String PRIMING_BOUNCE = """
            {"eventType": "Bounce", "bounce": {"bounceType": "Permanent", "bounceSubType": "General",
              "bouncedRecipients": [{"emailAddress": "tlsrpt@priming.invalid"}], "timestamp": "1970-01-01T00:00:00Z"},
             "mail": {"timestamp": "1970-01-01T00:00:00Z", "source": "tlsrpt@priming.invalid", "messageId": "priming",
              "destination": ["tlsrpt@priming.invalid"]}}
            """;

    SuppressionHandler(SuppressionList list, SuppressionConfig config, Clock clock) {
        this.list = list;
        this.suppressor = new FeedbackSuppressor(list, config.defaultDuration(), config.fromAddress());
        this.clock = clock;
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    private Void handle(SNSEvent event) {
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            String snsMessageId = record.getSNS().getMessageId();
            SesNotification notification;
            try {
                notification = SesNotification.parse(record.getSNS().getMessage());
            } catch (IllegalArgumentException e) {
                LogLine.write(LOG, Level.WARNING, "SNS message dropped: not an SES notification",
                        LogLine.fields("snsMessageId", snsMessageId, "reason", e.getMessage()));
                continue;
            }
            for (String outcome : suppressor.apply(notification, clock.instant())) {
                LogLine.write(LOG, Level.INFO, outcome, LogLine.fields("snsMessageId", snsMessageId));
            }
        }
        return null;
    }
}
