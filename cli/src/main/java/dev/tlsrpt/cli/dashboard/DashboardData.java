package dev.tlsrpt.cli.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlsrpt.archive.ArchiveKeys;
import dev.tlsrpt.archive.ReportArchive;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.Ledger.Delivery;
import dev.tlsrpt.send.Ledger.JobEntry;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.suppression.Suppression;
import dev.tlsrpt.suppression.SuppressionList;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.FailureDetail;
import dev.tlsrpt.tlsrpt.Json;
import dev.tlsrpt.tlsrpt.TlsResult;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the dashboard shows, read through the ports the reporting run uses: the day's counters
 * ({@link StoredResults}), the {@link Ledger}, the suppression list and the archive. Sessions are counted
 * once each, from the recipient-domain destinations (an MX-host destination points at the same counters).
 */
public final class DashboardData {
    /** The most failing recipient domains and MX hosts listed for a day. */
    static final int TOP = 20;

    private final StoredResults results;
    private final Ledger ledger;
    private final SuppressionList suppressions;
    private final ReportArchive archive;
    private final int maxDestinations;
    private final Clock clock;
    private final Map<LocalDate, DayTotals> closedDays = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param maxDestinations how many recipient domains of a day are read at most (each is one query) */
    public DashboardData(StoredResults results, Ledger ledger, SuppressionList suppressions, ReportArchive archive,
                         int maxDestinations, Clock clock) {
        this.results = Objects.requireNonNull(results, "results");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.archive = Objects.requireNonNull(archive, "archive");
        this.maxDestinations = maxDestinations;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One day's counters in sum: sessions, failures by result type, and per recipient domain and MX host. */
    record DayTotals(LocalDate day, long successful, long failed, Map<String, Long> byResultType,
                     List<TlsResult> results, int destinations, boolean truncated) {
    }

    DayTotals totals(LocalDate day) {
        // A day the daily run took no longer changes (later results are refused as late): read it once.
        if (day.isBefore(LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).minusDays(1))) {
            return closedDays.computeIfAbsent(day, this::read);
        }
        return read(day);
    }

    private DayTotals read(LocalDate day) {
        List<DestinationKey> domains = results.destinations(day).stream()
                .filter(d -> d.kind() == DestinationKind.RECIPIENT_DOMAIN).toList();
        List<TlsResult> all = domains.stream().limit(maxDestinations).flatMap(d -> results.results(d).stream()).toList();
        long successful = all.stream().mapToLong(TlsResult::successCount).sum();
        long failed = all.stream().mapToLong(TlsResult::failureCount).sum();
        Map<String, Long> byType = new TreeMap<>();
        all.forEach(r -> r.details().forEach(d -> byType.merge(d.resultType().wireName(), d.failedSessionCount(), Long::sum)));
        return new DayTotals(day, successful, failed, byType, all, domains.size(), domains.size() > maxDestinations);
    }

    /** The {@code days} days up to {@code to}: sessions per day and failures by result type, for the charts. */
    public ObjectNode summary(LocalDate to, int days) {
        ObjectNode summary = Json.MAPPER.createObjectNode().put("to", to.toString()).put("maxDestinations", maxDestinations);
        ArrayNode list = summary.putArray("days");
        for (int i = days - 1; i >= 0; i--) {
            DayTotals totals = totals(to.minusDays(i));
            ObjectNode day = list.addObject().put("day", totals.day().toString()).put("successful", totals.successful())
                    .put("failed", totals.failed()).put("destinations", totals.destinations()).put("truncated", totals.truncated());
            ObjectNode types = day.putObject("byResultType");
            totals.byResultType().forEach(types::put);
        }
        return summary;
    }

    /** One day: totals, the most failing recipient domains and MX hosts, and every destination with its deliveries. */
    public ObjectNode day(LocalDate day) {
        DayTotals totals = totals(day);
        ObjectNode node = Json.MAPPER.createObjectNode().put("day", day.toString()).put("successful", totals.successful())
                .put("failed", totals.failed()).put("destinations", totals.destinations()).put("truncated", totals.truncated());
        ObjectNode types = node.putObject("byResultType");
        totals.byResultType().forEach(types::put);
        failingDomains(node.putArray("failingDomains"), totals.results());
        failingMxHosts(node.putArray("failingMxHosts"), totals.results());
        destinations(node.putArray("reports"), day);
        return node;
    }

    private static void failingDomains(ArrayNode out, List<TlsResult> all) {
        Map<String, List<TlsResult>> byDomain = all.stream().collect(Collectors.groupingBy(TlsResult::recipientDomain));
        byDomain.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .filter(e -> failed(e.getValue()) > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, List<TlsResult>> e) -> -failed(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP)
                .forEach(e -> {
                    ObjectNode domain = out.addObject().put("domain", e.getKey()).put("failed", failed(e.getValue()))
                            .put("successful", e.getValue().stream().mapToLong(TlsResult::successCount).sum());
                    ArrayNode details = domain.putArray("details");
                    e.getValue().stream().flatMap(r -> r.details().stream().map(d -> Map.entry(r, d)))
                            .sorted(Comparator.comparingLong(x -> -x.getValue().failedSessionCount()))
                            .forEach(x -> detail(details.addObject(), x.getKey(), x.getValue()));
                });
    }

    private static void detail(ObjectNode out, TlsResult result, FailureDetail detail) {
        out.put("policyType", result.policy().type().wireName()).put("resultType", detail.resultType().wireName())
                .put("count", detail.failedSessionCount());
        putIfPresent(out, "mxHost", detail.receivingMxHostname());
        putIfPresent(out, "receivingIp", detail.receivingIp());
        putIfPresent(out, "sendingMtaIp", detail.sendingMtaIp());
        putIfPresent(out, "additionalInformation", detail.additionalInformation());
        putIfPresent(out, "failureReasonCode", detail.failureReasonCode());
    }

    private static void failingMxHosts(ArrayNode out, List<TlsResult> all) {
        Map<String, Map<String, Long>> byHost = new HashMap<>();
        Map<String, Set<String>> domains = new HashMap<>();
        for (TlsResult result : all) {
            for (FailureDetail detail : result.details()) {
                String host = detail.receivingMxHostname() == null ? "(not reported)" : detail.receivingMxHostname();
                byHost.computeIfAbsent(host, h -> new TreeMap<>()).merge(detail.resultType().wireName(), detail.failedSessionCount(), Long::sum);
                domains.computeIfAbsent(host, h -> new java.util.TreeSet<>()).add(result.recipientDomain());
            }
        }
        byHost.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> -sum(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP)
                .forEach(e -> {
                    ObjectNode host = out.addObject().put("mxHost", e.getKey()).put("failed", sum(e.getValue()));
                    ObjectNode types = host.putObject("byResultType");
                    e.getValue().forEach(types::put);
                    ArrayNode names = host.putArray("recipientDomains");
                    domains.get(e.getKey()).forEach(names::add);
                });
    }

    /** As {@code tlsrpt status} shows them, with a link to each archived report and message. */
    private void destinations(ArrayNode out, LocalDate day) {
        Set<String> archived = archive.list(ArchiveKeys.dayPrefix(day)).stream().map(ReportArchive.ArchivedObject::key)
                .collect(Collectors.toSet());
        for (DestinationKey destination : results.destinations(day).stream().limit(maxDestinations).toList()) {
            Optional<JobEntry> entry = ledger.find(destination);
            ObjectNode node = out.addObject().put("kind", destination.kind().tag()).put("domain", destination.domain())
                    .put("state", state(entry));
            entry.ifPresent(e -> node.put("attempts", e.attempts()));
            entry.map(JobEntry::reason).ifPresent(reason -> node.put("reason", reason));
            ArrayNode deliveries = node.putArray("deliveries");
            for (Delivery delivery : entry.isPresent() ? ledger.deliveries(destination) : List.<Delivery>of()) {
                ObjectNode target = deliveries.addObject().put("target", delivery.target())
                        .put("state", delivery.state().name().toLowerCase()).put("at", delivery.at().toString());
                putIfPresent(target, "reason", delivery.reason());
                String key = ArchiveKeys.message(destination, delivery.target());
                if (archived.contains(key)) {
                    target.put("archived", key);
                    // The report JSON is read out of a sent copy (ArchivedReport); the first one names it.
                    if (!node.has("report")) {
                        node.put("report", key);
                    }
                }
            }
        }
    }

    /** Every suppression, active and expired. */
    public ArrayNode suppressions() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Suppression s : suppressions.list()) {
            ObjectNode node = out.addObject().put("address", s.address()).put("active", s.isActive(clock.instant()))
                    .put("source", s.source().name().toLowerCase()).put("until", s.until() == null ? "permanent" : s.until().toString());
            putIfPresent(node, "reason", s.reason());
            putIfPresent(node, "comment", s.comment());
        }
        return out;
    }

    /** The newest day in the window that has results, else the day before {@code today}. */
    public LocalDate latestDayWithResults(LocalDate today, int days) {
        for (int i = 0; i < days; i++) {
            if (!results.destinations(today.minusDays(i)).isEmpty()) {
                return today.minusDays(i);
            }
        }
        return today.minusDays(1);
    }

    Optional<byte[]> archived(String key) {
        return archive.get(key);
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

    private static long failed(List<TlsResult> results) {
        return results.stream().mapToLong(TlsResult::failureCount).sum();
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
