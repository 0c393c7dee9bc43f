package dev.tlsrpt.bench;

import dev.tlsrpt.tlsrpt.Destination;
import dev.tlsrpt.tlsrpt.Report;
import dev.tlsrpt.tlsrpt.ReportBuilder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Reports built per second: merge 15 results into 3 policies / 5 details, write JSON, gzip. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReportBenchmark {
    private Destination destination;
    private ReportBuilder builder;

    @Setup
    public void setUp() {
        destination = TypicalDay.destination();
        builder = new ReportBuilder(TypicalDay.SETTINGS);
        Report report = builder.build(destination);
        if (report.policies().size() != 3
                || report.policies().stream().mapToInt(p -> p.failureDetails().size()).sum() != 5) {
            throw new IllegalStateException("not the typical report: " + new String(report.toJson()));
        }
    }

    @Benchmark
    public byte[] buildMergeJsonGzip() {
        return builder.build(destination).toGzip();
    }
}
