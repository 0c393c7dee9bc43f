package dev.tlsrpt.bench.day;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/** Used heap, now and at its peak since the last reset, summed over the JVM's heap pools. */
final class HeapPeak {
    private HeapPeak() {
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /** Collects what setup left behind, then starts a new peak from there. */
    static void collectAndReset() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /**
     * The sum of the pools' peaks. The pools peak at different moments (eden just before a collection, the
     * old generation later), so this is an upper bound of the heap ever in use at once.
     */
    static long peakUsedBytes() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static long usedBytes() {
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /** What is still reachable: used heap right after a full collection. */
    static long liveBytes() {
        System.gc();
        return usedBytes();
    }

    static String describePools() {
        StringBuilder pools = new StringBuilder();
        for (MemoryPoolMXBean pool : heapPools()) {
            pools.append(String.format("%s peak %.1f MB; ", pool.getName(), pool.getPeakUsage().getUsed() / 1048576.0));
        }
        return pools.toString();
    }
}
