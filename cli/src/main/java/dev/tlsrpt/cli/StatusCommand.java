package dev.tlsrpt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.Ledger.Delivery;
import dev.tlsrpt.send.Ledger.JobEntry;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Json;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code tlsrpt status --day D}: per destination of the day what happened: sent, skipped and why, failed
 * and why, pending retry, or not planned yet; and per target (address or URI) its delivery.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show what the daily run did for each destination of a day.")
final class StatusCommand implements Callable<Integer> {
    @Mixin AwsOptions aws;
    @Spec CommandSpec spec;

    @Option(names = "--day", required = true, description = "The UTC day of the data, e.g. 2026-11-28.")
    LocalDate day;


    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        StackSettings stack = aws.settings();
        DynamoDbClient dynamo = aws.dynamoDb();
        List<DestinationKey> destinations = new DynamoDbResultStore(dynamo, stack.resultsTable(), stack.resultShards(),
                Clock.systemUTC()).destinations(day);
        Ledger ledger = new DynamoDbLedger(dynamo, stack.ledgerTable());
        PrintWriter out = spec.commandLine().getOut();
        ArrayNode array = Json.MAPPER.createArrayNode();
        if (!json) {
            out.printf("%-16s %-40s %-22s %s%n", "KIND", "DESTINATION", "STATE", "DETAILS");
        }
        for (DestinationKey destination : destinations) {
            Optional<JobEntry> entry = ledger.find(destination);
            List<Delivery> deliveries = entry.isPresent() ? ledger.deliveries(destination) : List.of();
            String state = state(entry);
            String details = entry.map(e -> e.reason() == null ? "" : e.reason()).orElse("");
            if (json) {
                ObjectNode node = array.addObject().put("kind", destination.kind().name())
                        .put("domain", destination.domain()).put("state", state);
                entry.ifPresent(e -> node.put("attempts", e.attempts()).put("firstAttempt", e.firstAttempt().toString()));
                if (!details.isEmpty()) {
                    node.put("reason", details);
                }
                ArrayNode targets = node.putArray("deliveries");
                for (Delivery delivery : deliveries) {
                    ObjectNode target = targets.addObject().put("target", delivery.target())
                            .put("state", delivery.state().name().toLowerCase()).put("at", delivery.at().toString());
                    if (delivery.reason() != null) {
                        target.put("reason", delivery.reason());
                    }
                }
                continue;
            }
            out.printf("%-16s %-40s %-22s %s%n", destination.kind().tag(), destination.domain(), state,
                    LookupCommand.printable(details));
            for (Delivery delivery : deliveries) {
                out.printf("%-16s   -> %-37s %-22s %s%n", "", LookupCommand.printable(delivery.target()),
                        delivery.state().name().toLowerCase(),
                        delivery.reason() == null ? "" : LookupCommand.printable(delivery.reason()));
            }
        }
        if (json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else if (destinations.isEmpty()) {
            out.println("(no results stored for " + day + ")");
        }
        return 0;
    }

    private static String state(Optional<JobEntry> entry) {
        if (entry.isEmpty()) {
            return "not planned yet";
        }
        JobEntry job = entry.get();
        if (!job.isDone()) {
            return job.attempts() > 0 ? "pending retry (" + job.attempts() + ")" : "pending";
        }
        return job.outcome().name().toLowerCase();
    }
}
