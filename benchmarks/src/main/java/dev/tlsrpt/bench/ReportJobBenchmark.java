package dev.tlsrpt.bench;

import dev.tlsrpt.rehearsal.ReportJobRehearsal;
import dev.tlsrpt.send.MessageSigning;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import dev.tlsrpt.tlsrpt.SendCaps;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Report jobs per second, the network left out: the worker's whole path for a report of one address (the
 * results query, the ledger's begin with the claim, the report built, gzipped, put in a message and
 * DKIM-signed, the message and report archived, SES, the send's record, the outcomes ten to a PutEvents)
 * through the production adapters and SDK clients, each call answered in memory ({@link ReportJobRehearsal}).
 * What it leaves out is the HTTP exchange with the services, which the synthetic day measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReportJobBenchmark {
    private static final int JOBS = 10;
    private ReportJobRehearsal rehearsal;

    @Setup
    public void setUp() {
        // The clients' region and credentials as Lambda would give them; no call leaves the process.
        System.setProperty("aws.region", System.getProperty("aws.region", "us-east-1"));
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "benchmark"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "benchmark"));
        rehearsal = ReportJobRehearsal.prepare(TypicalDay.SETTINGS, new MessageSigning.Unavailable("a key of the benchmark's own"),
                SendCaps.DEFAULTS, ReportBuilder.DEFAULT_MAX_REPORT_BYTES);
    }

    /** Ten jobs, as the worker runs a batch of ten messages: their outcomes go in one PutEvents. */
    @Benchmark
    @OperationsPerInvocation(JOBS)
    public Object reportJob() {
        return rehearsal.run(JOBS, Duration.ofMinutes(1));
    }
}
