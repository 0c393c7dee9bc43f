package dev.tlsrpt.function.operator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.function.logging.LogLine;
import dev.tlsrpt.function.priming.Priming;
import dev.tlsrpt.send.ses.SesSendingControl;
import dev.tlsrpt.tlsrpt.Json;
import java.io.IOException;
import java.lang.System.Logger.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * SendingGuardFunction: when an SES reputation alarm (bounce or complaint rate above the stack's
 * thresholds, which sit below SES's own review levels) goes into ALARM, pauses the reports'
 * configuration set, AWS's documented pattern (CloudWatch alarm, SNS, Lambda,
 * {@code PutConfigurationSetSendingOptions}). Reports then wait and are retried; an operator looks at
 * the bounces and complaints and resumes with {@code tlsrpt sending resume}. The guard never resumes by
 * itself: an alarm going back to OK only means that nothing is being sent.
 *
 * <p>A failing SES call fails the invocation, so that SNS's Lambda retries try again.
 */
public final class SendingGuardHandler implements RequestHandler<SNSEvent, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SendingGuardHandler.class);
    private final SesSendingControl control;

    /** What Lambda calls: the SES client and configuration set from the environment, built once. */
    public SendingGuardHandler() {
        this(new SesSendingControl(SdkClients.sesV2(),
                OperatorConfig.required("CONFIGURATION_SET")));
        // Priming before the snapshot (docs/design.md 8): an alarm notification parsed in memory; the SES call
        // (a pause) has no side-effect-free twin, so it is not primed.
        Priming.beforeSnapshot(() -> AlarmChange.parse("{\"AlarmName\": \"priming\", \"NewStateValue\": \"OK\"}"));
    }

    SendingGuardHandler(SesSendingControl control) {
        this.control = control;
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    private Void handle(SNSEvent event) {
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            AlarmChange change = AlarmChange.parse(record.getSNS().getMessage());
            if (change == null) {
                LogLine.write(LOG, Level.WARNING, "SNS message ignored: no CloudWatch alarm notification",
                        LogLine.fields("snsMessageId", record.getSNS().getMessageId()));
                continue;
            }
            if (!"ALARM".equals(change.newState())) {
                LogLine.write(LOG, Level.INFO, "alarm " + change.name() + " is " + change.newState() + ": sending stays as it is",
                        LogLine.fields("alarm", change.name(), "state", change.newState()));
                continue;
            }
            control.pause();
            LogLine.write(LOG, Level.WARNING, "alarm " + change.name() + " is ALARM: paused sending of configuration set "
                    + control.configurationSet() + "; resume with `tlsrpt sending resume`",
                    LogLine.fields("alarm", change.name(), "state", change.newState(), "configurationSet", control.configurationSet()));
        }
        return null;
    }

    /** The two fields of a CloudWatch alarm's SNS notification the guard acts on. */
    record AlarmChange(String name, String newState) {
        /** null when the message is not an alarm notification. */
        static AlarmChange parse(String message) {
            try {
                JsonNode node = Json.MAPPER.readTree(message == null ? "" : message);
                if (node == null || !node.path("AlarmName").isTextual() || !node.path("NewStateValue").isTextual()) {
                    return null;
                }
                return new AlarmChange(node.path("AlarmName").asText(), node.path("NewStateValue").asText());
            } catch (IOException e) {
                return null;
            }
        }
    }
}
