package dev.tlsrpt.function.suppression;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.suppression.SuppressionList;
import java.time.Clock;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SuppressionFunction: SES bounce and complaint events about report emails, delivered by SNS, onto the
 * suppression list. A message that is not an SES notification is logged and dropped (retrying cannot fix
 * it); a storage failure fails the invocation, so that Lambda retries it.
 */
public final class SuppressionHandler implements RequestHandler<SNSEvent, Void> {
    private final FeedbackSuppressor suppressor;
    private final Clock clock;

    /** What Lambda calls: collaborators from the environment, built once per container (and snapshot). */
    public SuppressionHandler() {
        this(SuppressionConfig.fromEnvironment(), Clock.systemUTC());
    }

    private SuppressionHandler(SuppressionConfig config, Clock clock) {
        this(new DynamoDbSuppressionList(
                        DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), config.table()),
                config, clock);
    }

    SuppressionHandler(SuppressionList list, SuppressionConfig config, Clock clock) {
        this.suppressor = new FeedbackSuppressor(list, config.defaultDuration(), config.fromAddress());
        this.clock = clock;
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            String snsMessageId = record.getSNS().getMessageId();
            SesNotification notification;
            try {
                notification = SesNotification.parse(record.getSNS().getMessage());
            } catch (IllegalArgumentException e) {
                context.getLogger().log("SNS message " + snsMessageId + " dropped: " + e.getMessage(), LogLevel.WARN);
                continue;
            }
            for (String outcome : suppressor.apply(notification, clock.instant())) {
                context.getLogger().log("SNS message " + snsMessageId + ": " + outcome, LogLevel.INFO);
            }
        }
        return null;
    }
}
