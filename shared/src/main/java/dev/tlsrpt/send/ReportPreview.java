package dev.tlsrpt.send;

import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportDecision;
import dev.tlsrpt.tlsrpt.ReportRules;
import dev.tlsrpt.tlsrpt.ReportUri;
import dev.tlsrpt.tlsrpt.SendCaps;
import dev.tlsrpt.tlsrpt.TargetPlan;
import dev.tlsrpt.tlsrpt.TlsrptRecord;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
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
    private final TlsrptRecordLookup records;
    private final ReportBuilder reports;
    private final ReportRules rules;
    private final SendCaps caps;
    private final DestinationRules destinationRules;

    public ReportPreview(StoredResults results, TlsrptRecordLookup records, ReportBuilder reports) {
        this(results, records, reports, SendCaps.DEFAULTS, DestinationRules.NONE);
    }

    /** With the stack's caps and destination rules, as its worker applies them. */
    public ReportPreview(StoredResults results, TlsrptRecordLookup records, ReportBuilder reports, SendCaps caps,
                         DestinationRules destinationRules) {
        this.results = Objects.requireNonNull(results, "results");
        this.records = Objects.requireNonNull(records, "records");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.rules = new ReportRules(reports.settings());
        this.caps = Objects.requireNonNull(caps, "caps");
        this.destinationRules = Objects.requireNonNull(destinationRules, "destinationRules");
    }

    /** The preview of one destination. */
    public sealed interface Preview {
        /**
         * A report would be sent where {@code plan} says (the record's URIs, duplicates merged, after the rules
         * and the URI cap). The daily caps and suppression depend on the run itself and are not previewed.
         */
        record WouldSend(Report report, TlsrptRecord record, TargetPlan plan) implements Preview {
        }

        /** No report, and why: the reason the worker records ({@link ReportDecision}). */
        record NoReport(String reason) implements Preview {
        }
    }

    public Preview preview(DestinationKey key) {
        Destination destination = key.with(results.results(key));
        return switch (rules.decide(destination, records::lookup)) {
            case ReportDecision.Skip skip -> new Preview.NoReport(skip.reason());
            case ReportDecision.RetryLater later -> new Preview.NoReport(later.reason());
            case ReportDecision.Send send -> key.kind() == DestinationKind.MX_HOST
                    ? dedupe(destination, send)
                    : new Preview.WouldSend(reports.build(destination), send.record(), plan(send));
        };
    }

    private TargetPlan plan(ReportDecision.Send send) {
        return TargetPlan.of(send.targets(), destinationRules.list(), caps);
    }

    private Preview dedupe(Destination mxHost, ReportDecision.Send send) {
        Map<String, List<ReportUri>> sent = new HashMap<>();
        for (String recipientDomain : mxHost.recipientDomains()) {
            DestinationKey own = new DestinationKey(mxHost.day(), DestinationKind.RECIPIENT_DOMAIN, recipientDomain);
            if (rules.decide(own.with(results.results(own)), records::lookup) instanceof ReportDecision.Send ownSend) {
                sent.put(recipientDomain, ownSend.record().rua());
            }
        }
        Optional<Destination> left = rules.dedupe(mxHost, send.record().rua(), sent);
        return left.<Preview>map(d -> new Preview.WouldSend(reports.build(d), send.record(), plan(send)))
                .orElseGet(() -> new Preview.NoReport(ReportDecision.DEDUPED));
    }
}
