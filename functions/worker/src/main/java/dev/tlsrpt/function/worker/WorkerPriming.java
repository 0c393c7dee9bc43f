package dev.tlsrpt.function.worker;

import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.send.DestinationRules;
import dev.tlsrpt.send.Ledger;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.store.StoredResults;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.suppression.SuppressionList;
import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.DestinationKind;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.ReportParts;
import dev.tlsrpt.tlsrpt.TlsResult;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The worker's priming before the SnapStart snapshot (docs/design.md 8): a job's reads for a destination that
 * cannot exist (1970-01-01, {@code priming.invalid}: its results, its ledger entry, its {@code _smtp._tls} TXT
 * record, which the reserved name {@code .invalid} does not have, a suppression entry, the destination rules),
 * and in memory a sample day's results decoded as a stored counter is and one report built, gzipped, put into a
 * message and DKIM-signed. The ledger's writes are primed by {@code DynamoDbPriming} (refused), SES, S3 and
 * EventBridge by {@code ClientPriming} in {@code DeliveryAdapters}. Nothing is written, claimed, archived or
 * sent; an HTTPS POST makes its first connection in the first job.
 */
final class WorkerPriming {
    private static final String DOMAIN = "priming.invalid";
    private static final String SAMPLE = """
            {"results": [{"time": "1970-01-01T00:00:00Z", "recipient-domain": "priming.invalid",
              "policy": {"policy-type": "sts", "policy-domain": "priming.invalid",
                "policy-string": ["version: STSv1", "mode: enforce", "mx: mx.priming.invalid", "max_age: 86400"],
                "mx-host": ["mx.priming.invalid"]},
              "successful-sessions": 10, "failed-sessions": 1,
              "failure-details": [{"result-type": "certificate-expired", "sending-mta-ip": "192.0.2.1",
                "receiving-mx-hostname": "mx.priming.invalid", "receiving-ip": "192.0.2.2", "failed-session-count": 1}]}]}
            """;

    private WorkerPriming() {
    }

    static void run(StoredResults results, Ledger ledger, TlsrptRecordLookup records, SuppressionList suppressions,
                    DestinationRules rules, ReportBuilder reports, MessageSigning signing) {
        DestinationKey job = ReportJobs.fromJson(
                "{\"day\":\"" + LocalDate.EPOCH + "\",\"kind\":\"RECIPIENT_DOMAIN\",\"domain\":\"" + DOMAIN + "\"}");
        results.results(job);
        ledger.find(job);
        records.lookup(DOMAIN);
        suppressions.find("tlsrpt@" + DOMAIN);
        rules.list();
        List<TlsResult> sample;
        try {
            sample = ResultsRequestParser.parse(SAMPLE.getBytes(StandardCharsets.UTF_8), Instant.EPOCH).results();
        } catch (InvalidBatchException e) {
            throw new IllegalStateException("the priming sample is not a valid batch", e);
        }
        sample.forEach(DynamoDbResultStore::primeDecoding);
        Destination destination = new Destination(job.day(), DestinationKind.RECIPIENT_DOMAIN, DOMAIN, sample);
        for (ReportParts.Part part : reports.buildParts(destination)) {
            if (signing.current() instanceof MessageSigning.Ready ready) {
                ready.messages().build(part.report(), part.gzip(), DOMAIN, reports.filename(destination),
                        List.of("tlsrpt@" + DOMAIN));
            }
        }
    }
}
