package dev.tlsrpt.function.operator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.tlsrpt.aws.ClientPriming;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.function.logging.LogLine;
import dev.tlsrpt.function.priming.Priming;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.events.DaySummary;
import dev.tlsrpt.send.events.DaySummaryPublisher;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * DaySummaryFunction: some hours after the daily run (its spread and first retries done), counts what
 * happened to the day's destinations from the ledger and publishes the day summary event, and the
 * e-mail when {@code SUMMARY_EMAIL} is set. Returns the summary (for a manual invoke).
 */
public final class DaySummaryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(DaySummaryHandler.class);
    private final StoredResults results;
    private final Ledger ledger;
    private final DaySummaryPublisher publisher;

    /** What Lambda calls: clients and tables from the environment, built once per container. */
    public DaySummaryHandler() {
        DynamoDbClient dynamo = SdkClients.dynamoDb();
        this.results = new DynamoDbResultStore(dynamo, OperatorConfig.required("RESULTS_TABLE"),
                Integer.parseInt(OperatorConfig.required("RESULT_SHARDS")), Clock.systemUTC());
        this.ledger = new DynamoDbLedger(dynamo, OperatorConfig.required("LEDGER_TABLE"));
        EventBridgeClient events = SdkClients.eventBridge();
        SesV2Client ses = SdkClients.sesV2();
        String summaryEmail = OperatorConfig.optional("SUMMARY_EMAIL");
        this.publisher = new DaySummaryPublisher(events, OperatorConfig.required("EVENT_BUS_NAME"), ses,
                OperatorConfig.required("FROM_ADDRESS"), summaryEmail);
        // Priming before the snapshot (docs/design.md 8): the summary of a day without results (1970-01-01),
        // read and turned into the answer but not published, a ledger entry that cannot exist read, and a first
        // call of each client it publishes with that sends nothing.
        Priming.beforeSnapshot(() -> {
            output(DaySummary.of(LocalDate.EPOCH, results, ledger));
            ledger.findAll(List.of(new DestinationKey(LocalDate.EPOCH, DestinationKind.RECIPIENT_DOMAIN, "priming.invalid")));
            ClientPriming.eventBridge(events);
            if (summaryEmail != null) {
                ClientPriming.ses(ses);
            }
        });
    }

    DaySummaryHandler(StoredResults results, Ledger ledger, DaySummaryPublisher publisher) {
        this.results = results;
        this.ledger = ledger;
        this.publisher = publisher;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return PowertoolsLogging.withLogging(context, () -> summarise(input));
    }

    private Map<String, Object> summarise(Map<String, Object> input) {
        DaySummary summary = DaySummary.of(SummaryInput.of(input).day(), results, ledger);
        publisher.publish(summary);
        Map<String, Object> output = output(summary);
        // The counts alone: the event and the e-mail carry the failing destinations.
        Map<String, Object> counts = new LinkedHashMap<>(output);
        counts.remove("topFailing");
        LogLine.write(LOG, Level.INFO, "day summary published for " + output.get("day"), counts);
        return output;
    }

    /** The summary as the invocation's answer. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> output(DaySummary summary) {
        return dev.tlsrpt.tlsrpt.Json.MAPPER.convertValue(summary.toJson(), Map.class);
    }
}
