package dev.tlsrpt.tlsrpt;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules for which reports one UTC day's data makes and where they go (docs/design.md 2.2): one per
 * recipient domain and one per MX host with DANE results, the open day never; the trigger rule and the
 * failure gate; the {@link ReportDecision} for one destination; and the dedupe of MX-host data that the
 * recipient domain's own report already sent to the same URIs. Pure: no storage, no DNS, no sending.
 */
public final class ReportRules {
    private final boolean reportAllSuccess;

    public ReportRules(boolean reportAllSuccess) {
        this.reportAllSuccess = reportAllSuccess;
    }

    public ReportRules(ReportSettings settings) {
        this(settings.reportAllSuccess());
    }

    /** Whether {@code day} is over in UTC and may be reported: today's open day never is (docs/design.md 2.2). */
    public static boolean isReportable(LocalDate day, Clock clock) {
        return day.isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    /**
     * All destinations of one day's results, recipient domains first (they are decided before the
     * MX hosts of the same day), each kind sorted by domain. Not yet filtered by {@link #shouldReport}.
     */
    public List<Destination> destinations(LocalDate day, Collection<TlsResult> results) {
        List<TlsResult> ofDay = results.stream().filter(r -> r.day().equals(day)).toList();
        Set<String> recipientDomains = ofDay.stream().map(TlsResult::recipientDomain)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> mxHosts = ofDay.stream().filter(r -> r.policy().type() == PolicyType.TLSA)
                .map(r -> r.policy().domain()).collect(Collectors.toCollection(TreeSet::new));
        List<Destination> destinations = new ArrayList<>(recipientDomains.size() + mxHosts.size());
        for (String domain : recipientDomains) {
            destinations.add(new Destination(day, DestinationKind.RECIPIENT_DOMAIN, domain, ofDay));
        }
        for (String host : mxHosts) {
            destinations.add(new Destination(day, DestinationKind.MX_HOST, host, ofDay));
        }
        return List.copyOf(destinations);
    }

    /** Whether and where the destination's report goes: {@link ReportDecision#decide} with this planner's settings. */
    public ReportDecision decide(Destination destination, Function<String, TlsrptLookupResult> lookup) {
        return ReportDecision.decide(destination, reportAllSuccess, lookup);
    }

    /** {@link ReportDecision#fromResults}: the decision the results make without a record lookup, if any. */
    public Optional<ReportDecision.Skip> skipWithoutLookup(Destination destination) {
        return ReportDecision.fromResults(destination, reportAllSuccess);
    }

    /** The trigger rule and the failure gate (docs/design.md 2.2). */
    public boolean shouldReport(Destination destination) {
        return destination.shouldReport(reportAllSuccess);
    }

    /**
     * The MX-host destination without the recipient domains whose own report of the same day already
     * went to the same set of reporting URIs (docs/design.md 2.2); empty when nothing is left to report.
     *
     * @param mxHost                   an MX-host destination
     * @param mxHostUris               the URIs of the MX host's TLSRPT record
     * @param sentRecipientDomainUris  recipient domain → URIs its own report of that day was sent to
     */
    public Optional<Destination> dedupe(Destination mxHost, Collection<ReportUri> mxHostUris,
                                        Map<String, ? extends Collection<ReportUri>> sentRecipientDomainUris) {
        if (mxHost.kind() != DestinationKind.MX_HOST) {
            throw new IllegalArgumentException("only MX-host destinations are deduplicated");
        }
        Set<String> target = ReportUri.normalisedSet(mxHostUris);
        Set<String> alreadySent = new TreeSet<>();
        for (String recipientDomain : mxHost.recipientDomains()) {
            Collection<ReportUri> sent = sentRecipientDomainUris.get(recipientDomain);
            if (sent != null && ReportUri.normalisedSet(sent).equals(target)) {
                alreadySent.add(recipientDomain);
            }
        }
        Destination left = mxHost.withoutRecipientDomains(alreadySent);
        return left.results().isEmpty() || !shouldReport(left) ? Optional.empty() : Optional.of(left);
    }
}
