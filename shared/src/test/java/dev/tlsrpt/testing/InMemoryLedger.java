package dev.tlsrpt.testing;

import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.ReportOutcome;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ledger's rules in memory, for unit tests; DynamoDbLedgerIT checks the same rules on the emulator. */
public final class InMemoryLedger implements Ledger {
    private final Map<DestinationKey, JobEntry> jobs = new HashMap<>();
    private final Map<DestinationKey, Map<String, Delivery>> deliveries = new HashMap<>();
    private final Set<String> admitted = new HashSet<>();
    private final Map<String, Integer> sentPerDay = new HashMap<>();

    @Override
    public synchronized JobEntry begin(DestinationKey job, Instant now) {
        JobEntry entry = jobs.get(job);
        JobEntry next = entry == null
                ? new JobEntry(job, JobState.PENDING, now, 1, null, null, Set.of())
                : new JobEntry(job, entry.state(), entry.firstAttempt(), entry.attempts() + 1, entry.outcome(),
                entry.reason(), entry.reportUris());
        jobs.put(job, next);
        return next;
    }

    @Override
    public synchronized Optional<JobEntry> find(DestinationKey job) {
        return Optional.ofNullable(jobs.get(job));
    }

    @Override
    public synchronized void finish(DestinationKey job, ReportOutcome.Status outcome, String reason, Set<String> reportUris,
                                    Instant now) {
        JobEntry entry = jobs.get(job);
        if (entry != null && !entry.isDone()) {
            jobs.put(job, new JobEntry(job, JobState.DONE, entry.firstAttempt(), entry.attempts(), outcome, reason, reportUris));
        }
    }

    @Override
    public synchronized Optional<JobEntry> finishAtOnce(DestinationKey job, ReportOutcome.Status outcome, String reason,
                                                       Instant now) {
        JobEntry entry = jobs.get(job);
        if (entry != null && entry.isDone()) {
            return Optional.of(entry);
        }
        jobs.put(job, new JobEntry(job, JobState.DONE, entry == null ? now : entry.firstAttempt(),
                entry == null ? 1 : entry.attempts() + 1, outcome, reason, Set.of()));
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Delivery> claim(DestinationKey job, String target, Instant now) {
        return putIfAbsent(job, new Delivery(target, DeliveryState.SENDING, null, now, null));
    }

    @Override
    public synchronized Optional<Delivery> recordIfAbsent(DestinationKey job, String target, DeliveryState state,
                                                          String reason, Instant now) {
        return putIfAbsent(job, new Delivery(target, state, reason, now, null));
    }

    private Optional<Delivery> putIfAbsent(DestinationKey job, Delivery delivery) {
        Map<String, Delivery> ofJob = deliveries.computeIfAbsent(job, k -> new HashMap<>());
        Delivery earlier = ofJob.putIfAbsent(delivery.target(), delivery);
        return Optional.ofNullable(earlier);
    }

    @Override
    public synchronized boolean complete(DestinationKey job, String target, DeliveryState state, String reason,
                                         String messageId, Instant now) {
        Map<String, Delivery> ofJob = deliveries.getOrDefault(job, Map.of());
        Delivery claimed = ofJob.get(target);
        if (claimed == null || claimed.state() != DeliveryState.SENDING) {
            return false;
        }
        ofJob.put(target, new Delivery(target, state, reason, now, messageId));
        return true;
    }

    @Override
    public synchronized Optional<SendCaps.Cap> admit(DestinationKey job, String target, String reportingDomain,
                                                     SendCaps caps, Instant now) {
        if (admitted.contains(job + " " + target)) {
            return Optional.empty();
        }
        String address = job.day() + " address " + target;
        String domain = job.day() + " domain " + reportingDomain;
        if (sentPerDay.getOrDefault(address, 0) >= caps.reportsPerAddressPerDay()) {
            return Optional.of(SendCaps.Cap.REPORTS_PER_ADDRESS);
        }
        if (sentPerDay.getOrDefault(domain, 0) >= caps.reportsPerDomainPerDay()) {
            return Optional.of(SendCaps.Cap.REPORTS_PER_DOMAIN);
        }
        admitted.add(job + " " + target);
        sentPerDay.merge(address, 1, Integer::sum);
        sentPerDay.merge(domain, 1, Integer::sum);
        return Optional.empty();
    }

    @Override
    public synchronized void release(DestinationKey job, String target) {
        Map<String, Delivery> ofJob = deliveries.getOrDefault(job, Map.of());
        Delivery claimed = ofJob.get(target);
        if (claimed != null && claimed.state() == DeliveryState.SENDING) {
            ofJob.remove(target);
        }
    }

    @Override
    public synchronized List<Delivery> deliveries(DestinationKey job) {
        List<Delivery> list = new ArrayList<>(deliveries.getOrDefault(job, Map.of()).values());
        list.sort(Comparator.comparing(Delivery::target));
        return list;
    }
}
