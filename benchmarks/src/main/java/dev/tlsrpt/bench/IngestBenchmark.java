package dev.tlsrpt.bench;

import dev.tlsrpt.ingest.BatchAggregator;
import dev.tlsrpt.tlsrpt.CounterDelta;
import dev.tlsrpt.ingest.InvalidBatchException;
import dev.tlsrpt.ingest.ResultsRequestParser;
import dev.tlsrpt.testing.SyntheticBatches;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
 * The ingest path's CPU work for one request: parse and validate a 1,000-result body, then aggregate it
 * into counter deltas. Reported per result (operations = results).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBenchmark {
    private static final int RESULTS = 1000;
    private final Instant receivedAt = Instant.parse("2026-11-29T10:00:00Z");
    private byte[] body;

    @Setup
    public void makeBatch() {
        body = SyntheticBatches.realistic(RESULTS, 20, LocalDate.parse("2026-11-28"), 42);
    }

    @Benchmark
    @OperationsPerInvocation(RESULTS)
    public List<CounterDelta> parseValidateAggregate() throws InvalidBatchException {
        return BatchAggregator.aggregate(ResultsRequestParser.parse(body, receivedAt).results());
    }
}
