package dev.tlsrpt.function.worker;

import dev.tlsrpt.function.logging.LogLine;
import dev.tlsrpt.rehearsal.ReportJobRehearsal;
import dev.tlsrpt.send.DestinationRules;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.suppression.SuppressionList;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.lang.System.Logger.Level;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's priming before the SnapStart snapshot (docs/design.md 8). First a job's reads on the real
 * clients, for a destination that cannot exist (1970-01-01, {@code priming.invalid}: its results, its ledger
 * entry, its {@code _smtp._tls} TXT record, which the reserved name {@code .invalid} does not have, a
 * suppression entry, the destination rules), so that each client has connected and signed. Then the report
 * job's whole path rehearsed a few thousand times on clients that answer in memory, then a thousand times over
 * the loopback address, then a few hundred times POSTed over TLS to receivers on the loopback address
 * ({@link ReportJobRehearsal}), so that the snapshot holds it compiled by the JIT. The
 * ledger's writes are primed on the real client by {@code DynamoDbPriming} (refused), SES, S3 and EventBridge by
 * {@code ClientPriming} in {@code DeliveryAdapters}.
 * Nothing is written, claimed, archived or sent; an HTTPS POST makes its first connection in the first job.
 */
final class WorkerPriming {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPriming.class);
    private static final String DOMAIN = "priming.invalid";

    private WorkerPriming() {
    }

    static void run(StoredResults results, Ledger ledger, TlsrptRecordLookup records, SuppressionList suppressions,
                    DestinationRules rules) {
        DestinationKey job = ReportJobs.fromJson(
                "{\"day\":\"" + LocalDate.EPOCH + "\",\"kind\":\"RECIPIENT_DOMAIN\",\"domain\":\"" + DOMAIN + "\"}");
        results.results(job);
        ledger.find(job);
        records.lookup(DOMAIN);
        suppressions.find("tlsrpt@" + DOMAIN);
        rules.list();
    }

    /**
     * The rehearsal in memory, then over loopback, then over HTTPS, with the worker's settings, key and caps; one
     * log line says what they did.
     */
    static void rehearse(WorkerConfig config, MessageSigning signing) {
        ReportJobRehearsal.Figures inMemory = ReportJobRehearsal.run(config.settings(), signing, config.caps(),
                config.maxReportBytes(), ReportJobRehearsal.JOBS, ReportJobRehearsal.BUDGET);
        ReportJobRehearsal.Figures overLoopback = ReportJobRehearsal.runOverLoopback(config.settings(), signing,
                config.caps(), config.maxReportBytes(), ReportJobRehearsal.LOOPBACK_JOBS, ReportJobRehearsal.LOOPBACK_BUDGET);
        ReportJobRehearsal.Figures overHttps = ReportJobRehearsal.runOverHttps(config.settings(), signing, config.caps(),
                config.maxReportBytes(), ReportJobRehearsal.HTTPS_JOBS, ReportJobRehearsal.HTTPS_BUDGET);
        LogLine.write(LOG, Level.INFO, "report jobs rehearsed before the snapshot", LogLine.fields(
                "jobs", inMemory.jobs(), "duration_ms", inMemory.took().toMillis(), "requests", inMemory.requests().toString(),
                "loopback_jobs", overLoopback.jobs(), "loopback_duration_ms", overLoopback.took().toMillis(),
                "https_jobs", overHttps.jobs(), "https_duration_ms", overHttps.took().toMillis()));
    }
}
