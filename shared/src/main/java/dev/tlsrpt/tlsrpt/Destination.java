package dev.tlsrpt.tlsrpt;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where one report of one UTC day goes, with the results it is made of (docs/design.md 2.2). The constructor
 * keeps only the results that belong to the destination, so a caller that loaded a little too much
 * cannot leak another domain's data into a report.
 *
 * @param day     the UTC day of the data
 * @param kind    recipient domain or MX host
 * @param domain  the domain whose {@code _smtp._tls} record is looked up, A-label
 * @param results the results of that day for this destination
 */
public record Destination(LocalDate day, DestinationKind kind, String domain, List<TlsResult> results) {

    public Destination {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(kind, "kind");
        domain = DomainNames.toALabel(domain);
        String d = domain;
        results = results == null ? List.of() : results.stream()
                .filter(r -> r.day().equals(day))
                .filter(kind == DestinationKind.RECIPIENT_DOMAIN ? r -> r.recipientDomain().equals(d) : r -> belongsToMxHost(r, d))
                .toList();
    }

    /**
     * Whether a result goes into the MX-host report of {@code host}: results evaluated against the
     * host's own policy (tlsa, or no-policy-found with policy-domain = the host) rather than the
     * recipient domain's. docs/design.md 2.2.
     */
    public static boolean belongsToMxHost(TlsResult result, String host) {
        Policy policy = result.policy();
        return policy.domain().equals(host)
                && (policy.type() == PolicyType.TLSA
                || policy.type() == PolicyType.NO_POLICY_FOUND && !result.recipientDomain().equals(host));
    }

    /** Whether the results of this destination call for a report (docs/design.md 2.2, 2.1 trigger flag). */
    public boolean shouldReport(boolean reportAllSuccess) {
        if (kind == DestinationKind.MX_HOST && results.stream().noneMatch(r -> r.policy().type() == PolicyType.TLSA)) {
            return false; // MX-host reports exist for hosts with DANE results only
        }
        return callsForReport(results.stream().anyMatch(TlsResult::trigger), results.stream().anyMatch(TlsResult::hasFailure),
                reportAllSuccess);
    }

    /**
     * The trigger rule and the failure gate on what a destination's results hold: whether any may trigger a
     * report, and whether any failed. The planner applies it to the day's index, the worker to the results.
     */
    public static boolean callsForReport(boolean anyTrigger, boolean anyFailure, boolean reportAllSuccess) {
        if (!anyTrigger) {
            return false; // e.g. only deliveries of TLS reports: reporting them would loop
        }
        // The failure gate looks at all results: a failed report delivery is reported along with triggering traffic.
        return reportAllSuccess || anyFailure;
    }

    /** The affected recipient domains of an MX-host destination (or this domain for a recipient domain). */
    public Set<String> recipientDomains() {
        return results.stream().map(TlsResult::recipientDomain).collect(Collectors.toCollection(TreeSet::new));
    }

    /** This destination without the results of the given recipient domains. */
    public Destination withoutRecipientDomains(Set<String> recipientDomains) {
        Predicate<TlsResult> keep = r -> !recipientDomains.contains(r.recipientDomain());
        return new Destination(day, kind, domain, results.stream().filter(keep).toList());
    }
}
