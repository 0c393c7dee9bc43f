package dev.tlsrpt.function.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tlsrpt.aws.SdkClients;
import dev.tlsrpt.dns.DnsJavaTxtResolver;
import dev.tlsrpt.function.logging.LogLine;
import dev.tlsrpt.function.priming.Priming;
import dev.tlsrpt.mail.DkimSigner;
import dev.tlsrpt.send.JobResult;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.send.ReportJobs;
import dev.tlsrpt.send.DestinationRules;
import dev.tlsrpt.send.ReportSender;
import dev.tlsrpt.send.ReportSpread;
import dev.tlsrpt.send.SendPacer;
import dev.tlsrpt.store.dynamodb.DynamoDbDestinationRules;
import dev.tlsrpt.store.dynamodb.DynamoDbLedger;
import dev.tlsrpt.store.dynamodb.DynamoDbPriming;
import dev.tlsrpt.store.dynamodb.DynamoDbResultStore;
import dev.tlsrpt.store.dynamodb.DynamoDbSuppressionList;
import dev.tlsrpt.tlsrpt.DestinationKey;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.TlsrptRecordLookup;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * ReportWorkerFunction: report jobs from the report queue, one destination each (docs/design.md 2.7). A job that
 * is done is deleted; a job to retry is made invisible for its backoff and reported as a batch item
 * failure, so SQS delivers it again then; a message that is not a job is logged and dropped (retrying
 * cannot fix it). Anything unexpected fails only its own message.
 */
public final class ReportWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWorkerHandler.class);

    /** An operator's change to the destination rules reaches every worker within this time. */
    static final Duration RULES_MAX_AGE = Duration.ofMinutes(1);

    private final ReportSender sender;
    private final RetryScheduler retries;
    private final DkimKeyMetric keyWaits;

    /** What Lambda calls: collaborators from the environment, built once per container (and snapshot). */
    public ReportWorkerHandler() {
        this(WorkerConfig.fromEnvironment());
    }

    private ReportWorkerHandler(WorkerConfig config) {
        this(production(config, DeliveryAdapters.production(config)),
                new SqsRetryScheduler(SdkClients.sqs()));
    }

    ReportWorkerHandler(ReportSender sender, RetryScheduler retries) {
        this(sender, retries, new DkimKeyMetric(System.out, Clock.systemUTC()));
    }

    ReportWorkerHandler(ReportSender sender, RetryScheduler retries, DkimKeyMetric keyWaits) {
        this.sender = sender;
        this.retries = retries;
        this.keyWaits = keyWaits;
    }

    static ReportSender production(WorkerConfig config, DeliveryAdapters delivery) {
        Clock clock = Clock.systemUTC();
        DynamoDbClient dynamo = SdkClients.dynamoDb();
        SsmDkimKey signing = new SsmDkimKey(SdkClients.ssm(),
                SsmDkimKey.MAX_AGE, config.dkimKeyParameter(), config.dkimSelector(), config.settings(), clock);
        // Read at init so that a snapshot starts with the key parsed; jobs read it again after MAX_AGE.
        if (signing.current() instanceof MessageSigning.Unavailable unavailable) {
            LOG.warn("report emails cannot be signed yet (they wait for the key): {}", unavailable.reason());
        }
        if (DkimSigner.nativeSignatures()) {
            LOG.info("DKIM signatures by {}", DkimSigner.signatureProvider());
        } else {
            LOG.warn("DKIM signatures by {}", DkimSigner.signatureProvider());
        }
        DynamoDbResultStore results = new DynamoDbResultStore(dynamo, config.resultsTable(), config.resultShards(), clock);
        DynamoDbLedger ledger = new DynamoDbLedger(dynamo, config.ledgerTable());
        DynamoDbSuppressionList suppressions = new DynamoDbSuppressionList(dynamo, config.suppressionTable());
        DynamoDbDestinationRules rules = new DynamoDbDestinationRules(dynamo, config.rulesTable());
        ReportBuilder reports = new ReportBuilder(config.settings(), config.maxReportBytes());
        TlsrptRecordLookup records = new TlsrptRecordLookup(new DnsJavaTxtResolver());
        // The rules are read uncached here: the snapshot must not start with a cached copy of them.
        Priming.beforeSnapshot(() -> WorkerPriming.run(results, ledger, records, suppressions, rules));
        Priming.beforeSnapshot(() -> DynamoDbPriming.refusedWrites(dynamo, config.ledgerTable()));
        Priming.beforeSnapshot(() -> WorkerPriming.rehearse(config, signing));
        ReportSender.Ports ports = new ReportSender.Ports(results, ledger, records, suppressions,
                delivery.mailer(), delivery.poster(), delivery.outcomes());
        return new ReportSender(ports, reports, signing,
                SendPacer.of(config.sesSendRate(), config.workerConcurrency()), config.caps(),
                DestinationRules.cached(rules, RULES_MAX_AGE, clock), clock);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    private SQSBatchResponse handle(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                if (!handle(message)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        } finally {
            // The batch's outcome events, ten to a call: none may wait for a next invocation that may not come.
            sender.flushOutcomes();
        }
        return new SQSBatchResponse(failures);
    }

    /** True when the message is finished with (done or dropped), false when SQS must deliver it again. */
    private boolean handle(SQSEvent.SQSMessage message) {
        DestinationKey job;
        ReportSpread spread;
        try {
            job = ReportJobs.fromJson(message.getBody());
            spread = ReportJobs.spreadOf(message.getBody());
        } catch (IllegalArgumentException e) {
            LogLine.write(LOG, Level.WARNING, "message dropped: not a report job",
                    LogLine.fields("messageId", message.getMessageId(), "reason", e.getMessage()));
            return true;
        }
        try {
            switch (sender.send(job, spread)) {
                case JobResult.Done done -> {
                    Map<String, Object> fields = fields(job);
                    fields.put("outcome", done.outcome().toString());
                    LogLine.write(LOG, Level.INFO, "job done: " + done.outcome(), fields);
                    return true;
                }
                case JobResult.RetryLater later -> {
                    Map<String, Object> fields = fields(job);
                    fields.put("retryInSeconds", later.delay().toSeconds());
                    fields.put("reason", later.reason());
                    // A planned wait (the day, the spread, an MX-host report's dependencies) is the normal course.
                    LogLine.write(LOG, later.planned() ? Level.INFO : Level.WARNING,
                            "job again in " + later.delay().toSeconds() + " s", fields);
                    if (later.waitingForDkimKey()) {
                        keyWaits.jobWaited(job);
                    }
                    retries.retryAfter(message.getEventSourceArn(), message.getReceiptHandle(), later.delay());
                    return false;
                }
            }
        } catch (RuntimeException e) {
            // The ledger keeps what was sent: the redelivery sends only the rest.
            LogLine.write(LOG, Level.ERROR, "job failed, SQS will deliver it again", fields(job), e);
            return false;
        }
    }

    /** The destination a line is about, as the job names it. */
    private static Map<String, Object> fields(DestinationKey job) {
        return LogLine.fields("day", job.day().toString(), "kind", job.kind().name(), "domain", job.domain());
    }
}
