package dev.tlsrpt.send.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.Ledger.JobEntry;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.Json;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the daily run did for one day, counted from the ledger the way {@code tlsrpt status} reads it
 * (the day's destinations from the results, each one's job entry from the ledger): destinations, sent,
 * skipped by reason, failed, retrying (attempted, not done), not attempted (still queued, or never
 * planned), and the destinations that failed or are still retrying, most attempts first.
 */
public record DaySummary(LocalDate day, int destinations, int sent, Map<String, Integer> skipped, int failed,
                         int retrying, int notAttempted, List<Failing> topFailing) {
    /** How many failing destinations the summary names. */
    public static final int TOP = 10;
    private static final int MAX_REASON_LENGTH = 200;

    public DaySummary {
        skipped = Map.copyOf(skipped);
        topFailing = List.copyOf(topFailing);
    }

    /** A destination whose report failed, or is still being retried. */
    public record Failing(String kind, String domain, String state, int attempts, String reason) {
    }

    public static DaySummary of(LocalDate day, StoredResults results, Ledger ledger) {
        List<DestinationKey> destinations = results.destinations(day);
        int sent = 0;
        int failed = 0;
        int retrying = 0;
        int notAttempted = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        List<Failing> failing = new ArrayList<>();
        // One read per hundred destinations, not one per destination: a large day is thousands of them.
        Map<DestinationKey, JobEntry> recorded = ledger.findAll(destinations);
        for (DestinationKey destination : destinations) {
            Optional<JobEntry> found = Optional.ofNullable(recorded.get(destination));
            if (found.isEmpty() || !found.get().isDone() && found.get().attempts() == 0) {
                notAttempted++;
                continue;
            }
            JobEntry entry = found.get();
            if (!entry.isDone()) {
                retrying++;
                failing.add(failing(entry, "retrying"));
                continue;
            }
            switch (entry.outcome()) {
                case SENT -> sent++;
                case SKIPPED -> skipped.merge(skipReason(entry.reason()), 1, Integer::sum);
                case FAILED -> {
                    failed++;
                    failing.add(failing(entry, "failed"));
                }
                case RETRYING -> retrying++;
            }
        }
        failing.sort(Comparator.comparingInt(Failing::attempts).reversed().thenComparing(Failing::domain));
        return new DaySummary(day, destinations.size(), sent, skipped, failed, retrying, notAttempted,
                failing.subList(0, Math.min(TOP, failing.size())));
    }

    private static Failing failing(JobEntry entry, String state) {
        String reason = entry.reason() == null ? "" : entry.reason();
        if (reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH) + "...";
        }
        return new Failing(entry.job().kind().name(), entry.job().domain(), state, entry.attempts(), reason);
    }

    /** The reason's kind without the per-domain part: "no TLSRPT record: NXDOMAIN" counts as "no TLSRPT record". */
    static String skipReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unknown";
        }
        if (reason.startsWith("sent 0, failed 0")) {
            // A job whose every target was skipped: each address suppressed.
            return "every address suppressed";
        }
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /** The EventBridge detail (and the e-mail's data). */
    public ObjectNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("day", day.toString())
                .put("destinations", destinations)
                .put("sent", sent)
                .put("failed", failed)
                .put("retrying", retrying)
                .put("notAttempted", notAttempted);
        ObjectNode skippedNode = node.putObject("skipped");
        skipped.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> skippedNode.put(e.getKey(), e.getValue()));
        var top = node.putArray("topFailing");
        for (Failing f : topFailing) {
            top.addObject().put("kind", f.kind()).put("domain", f.domain()).put("state", f.state())
                    .put("attempts", f.attempts()).put("reason", f.reason());
        }
        return node;
    }

    /** The summary for people: the e-mail's body. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("tlsrpt daily run for ").append(day).append('\n').append('\n');
        text.append(String.format("destinations  %d%n", destinations));
        text.append(String.format("sent          %d%n", sent));
        text.append(String.format("skipped       %d%n", skipped.values().stream().mapToInt(Integer::intValue).sum()));
        skipped.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(String.format("  %6d  %s%n", e.getValue(), e.getKey())));
        text.append(String.format("failed        %d%n", failed));
        text.append(String.format("retrying      %d%n", retrying));
        text.append(String.format("not attempted %d%n", notAttempted));
        if (!topFailing.isEmpty()) {
            text.append('\n').append("Failing destinations (most attempts first):\n");
            for (Failing f : topFailing) {
                text.append(String.format("  %-8s %-16s %s (%d attempts): %s%n", f.state(), f.kind(), f.domain(),
                        f.attempts(), f.reason()));
            }
        }
        text.append('\n').append("Details per destination: tlsrpt status --day ").append(day).append('\n');
        return text.toString();
    }

    /** True when nothing went wrong: no failure, nothing still retrying or waiting. */
    public boolean healthy() {
        return failed == 0 && retrying == 0 && notAttempted == 0;
    }
}
