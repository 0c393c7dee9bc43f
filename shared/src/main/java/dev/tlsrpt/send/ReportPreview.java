package dev.tlsrpt.send;

import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.DestinationPlanner;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportUri;
import dev.tlsrpt.tlsrpt.TlsrptDiscovery;
import dev.tlsrpt.tlsrpt.TlsrptLookup;
import dev.tlsrpt.tlsrpt.TlsrptRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the daily run would send for one destination, without sending or recording anything: the same
 * results, rules, record lookup and {@link ReportBuilder} as {@link ReportSender}, so the report is the
 * one the worker sends. For an MX host, the recipient-domain reports it is deduplicated against are
 * assumed to go out as their records ask (the worker asks the ledger what actually went out).
 */
public final class ReportPreview {
    private final StoredResults results;
    private final TlsrptDiscovery discovery;
    private final ReportBuilder reports;
    private final DestinationPlanner planner;

    public ReportPreview(StoredResults results, TlsrptDiscovery discovery, ReportBuilder reports) {
        this.results = Objects.requireNonNull(results, "results");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.planner = new DestinationPlanner(reports.settings());
    }

    /** The preview of one destination. */
    public sealed interface Preview {
        /** A report would be sent to these URIs. */
        record WouldSend(Report report, TlsrptRecord record) implements Preview {
        }

        /** No report, and why (the same reasons the worker records). */
        record NoReport(String reason) implements Preview {
        }
    }

    public Preview preview(DestinationKey key) {
        Destination destination = key.with(results.results(key));
        if (destination.results().isEmpty()) {
            return new Preview.NoReport("no results for this destination on " + key.day());
        }
        if (!planner.shouldReport(destination)) {
            return new Preview.NoReport("nothing to report: no failure, or no result that may trigger a report");
        }
        return switch (discovery.lookup(destination.domain())) {
            case TlsrptLookup.TemporaryFailure t -> new Preview.NoReport("TLSRPT record lookup failed for now: " + t.reason());
            case TlsrptLookup.NoRecord n -> new Preview.NoReport("no TLSRPT record: " + n.reason());
            case TlsrptLookup.SeveralRecords s -> new Preview.NoReport("several TLSRPT records");
            case TlsrptLookup.Found found -> key.kind() == DestinationKind.MX_HOST
                    ? dedupe(destination, found.record())
                    : new Preview.WouldSend(reports.build(destination), found.record());
        };
    }

    private Preview dedupe(Destination mxHost, TlsrptRecord record) {
        Map<String, List<ReportUri>> sent = new HashMap<>();
        for (String recipientDomain : mxHost.recipientDomains()) {
            DestinationKey own = new DestinationKey(mxHost.day(), DestinationKind.RECIPIENT_DOMAIN, recipientDomain);
            if (planner.shouldReport(own.with(results.results(own)))
                    && discovery.lookup(recipientDomain) instanceof TlsrptLookup.Found found) {
                sent.put(recipientDomain, found.record().rua());
            }
        }
        Optional<Destination> left = planner.dedupe(mxHost, record.rua(), sent);
        return left.<Preview>map(d -> new Preview.WouldSend(reports.build(d), record))
                .orElseGet(() -> new Preview.NoReport("the affected recipient domains' own reports go to the same URIs"));
    }
}
