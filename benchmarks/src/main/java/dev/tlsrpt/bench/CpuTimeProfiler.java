package dev.tlsrpt.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per CPU-second of the benchmark's JVM (every thread: the benchmark's, the JIT compilers', the
 * collector's). On a machine shared with other work, JMH's operations per wall-clock second say how much of
 * a core the fork got; this says what one core does. Use with {@code -prof dev.tlsrpt.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the whole JVM, and the share of a core it got";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        // JMH counts operations as @OperationsPerInvocation says (here: results, not requests).
        long ops = result.getMetadata().getMeasuredOps();
        return List.of(
                new ScalarResult("ops/cpu-s", ops / cpuSeconds, "ops/cpu-s", AggregationPolicy.AVG),
                new ScalarResult("cpu-share", cpuSeconds / wallSeconds, "cores", AggregationPolicy.AVG));
    }
}
