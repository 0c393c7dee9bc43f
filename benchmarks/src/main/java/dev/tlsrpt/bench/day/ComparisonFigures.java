package dev.tlsrpt.bench.day;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The figures scripts/bench-vs-sys4 sets beside the peer's, from "day closed" (the planner starts) to the
 * last report handed over (the worker's last job): wall time, the planner thread's CPU, the JVM process's
 * CPU (JIT, GC and the in-process https receiver included) and the process's peak resident set over that
 * span (VmHWM, reset at day close through /proc/self/clear_refs). Work left out of the span (the worker's
 * rehearsal, which runs before its snapshot, once per version) counts in none of them. The worker threads'
 * CPU, their time waiting for the emulator and the https receiver, and the report counts come from
 * {@link WorkerFigures}. Written as {@code key=value} lines.
 */
final class ComparisonFigures {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private boolean peakReset;
    private long leftOutWall;
    private long leftOutProcessCpu;
    private final long start;
    private final long processCpuStart;
    private final long plannerCpuStart;
    private long plannerCpu;

    private ComparisonFigures() {
        peakReset = resetPeakRss();
        start = System.nanoTime();
        processCpuStart = os.getProcessCpuTime();
        plannerCpuStart = threads.getCurrentThreadCpuTime();
    }

    /** Starts the span; call on the thread that runs the planner. */
    static ComparisonFigures dayClosed() {
        return new ComparisonFigures();
    }

    /** The planner has enqueued the day's jobs. */
    void planned() {
        plannerCpu = threads.getCurrentThreadCpuTime() - plannerCpuStart;
    }

    /**
     * Runs {@code work} outside the span: its wall time and the process's CPU meanwhile are left out, and the
     * peak resident set is measured again from its end.
     */
    void leaveOut(Runnable work) {
        long wallAtStart = System.nanoTime();
        long cpuAtStart = os.getProcessCpuTime();
        work.run();
        leftOutWall += System.nanoTime() - wallAtStart;
        leftOutProcessCpu += os.getProcessCpuTime() - cpuAtStart;
        peakReset = resetPeakRss() && peakReset;
    }

    /** The worker has handed over every report; writes the figures to {@code file}. */
    void write(Path file, WorkerFigures worker, long plannedJobs) {
        long wall = System.nanoTime() - start - leftOutWall;
        long processCpu = os.getProcessCpuTime() - processCpuStart - leftOutProcessCpu;
        String figures = "wall_ns=" + wall + "\n"
                + "planner_cpu_ns=" + plannerCpu + "\n"
                + "worker_cpu_ns=" + worker.cpuNanos + "\n"
                + "process_cpu_ns=" + processCpu + "\n"
                + "emulator_ns=" + worker.emulatorNanos + "\n"
                + "receiver_ns=" + worker.receiverNanos + "\n"
                + "peak_rss_kb=" + peakRssKb() + "\n"
                + "peak_rss_since_day_closed=" + peakReset + "\n"
                + "jobs_planned=" + plannedJobs + "\n"
                + "jobs=" + worker.jobs + "\n"
                + "reports_sent=" + worker.sent() + "\n"
                + "errors=" + worker.errors + "\n"
                + "outcomes=" + worker.outcomes + "\n";
        try {
            Files.writeString(file, figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Linux: writing 5 to clear_refs sets the peak RSS (VmHWM) to the current RSS. */
    private static boolean resetPeakRss() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
