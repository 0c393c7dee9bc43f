package dev.tlsrpt.tlsrpt;

import dev.tlsrpt.mail.ReportMessage;
import dev.tlsrpt.mail.ReportMessageBuilder;
import dev.tlsrpt.testing.TlsrptFixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports and messages of the typical day, built end to end (plan, look up, build, sign), named
 * as checked in under src/test/resources/golden/. Shared by the golden-file test and the IT.
 */
public final class ReportGoldenFiles {
    private ReportGoldenFiles() {
    }

    /** File name → bytes: {@code <report-id>.json} for each report, {@code <report-id>.<n>.eml} for each message. */
    public static Map<String, byte[]> generate() {
        ReportRules planner = new ReportRules(TlsrptFixtures.SETTINGS);
        ReportBuilder builder = new ReportBuilder(TlsrptFixtures.SETTINGS);
        ReportMessageBuilder messages = new ReportMessageBuilder(TlsrptFixtures.SETTINGS, TlsrptFixtures.signer(),
                TlsrptFixtures.CLOCK);
        TlsrptRecordLookup discovery = new TlsrptRecordLookup(TlsrptFixtures.zone());
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, List<ReportUri>> sent = new LinkedHashMap<>();
        for (Destination destination : planner.destinations(TlsrptFixtures.DAY, TlsrptFixtures.typicalDay())) {
            if (!planner.shouldReport(destination)) {
                continue;
            }
            if (!(discovery.lookup(destination.domain()) instanceof TlsrptLookupResult.Found found)) {
                continue;
            }
            Destination toSend = destination;
            if (destination.kind() == DestinationKind.MX_HOST) {
                var left = planner.dedupe(destination, found.record().rua(), sent);
                if (left.isEmpty()) {
                    continue;
                }
                toSend = left.get();
            } else {
                sent.put(destination.domain(), found.record().rua());
            }
            Report report = builder.build(toSend);
            files.put(report.reportId() + ".json", report.toJson());
            List<String> recipients = found.record().rua().stream()
                    .filter(uri -> uri.scheme() == ReportUri.Scheme.MAILTO).map(ReportUri::target).toList();
            List<ReportMessage> built = messages.build(report, report.toGzip(), toSend.domain(),
                    builder.filename(toSend), recipients);
            for (int i = 0; i < built.size(); i++) {
                files.put(report.reportId() + "." + (i + 1) + ".eml", built.get(i).raw());
            }
        }
        return files;
    }
}
