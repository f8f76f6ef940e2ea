package org.tradeoffs.benchmark.live;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * The CPU time this JVM used over a phase (every thread of the product, the store and the clients, the JIT compiler
 * and the garbage collector included), as the operating system counts it: whether a phase was bound by the cores.
 */
final class ProcessCpu {

    private final long cpuStart = cpuNanos();
    private final long wallStart = System.nanoTime();

    /** Starts measuring now. */
    static ProcessCpu start() {
        return new ProcessCpu();
    }

    /** CPU milliseconds per wall-clock second since the start, out of the cores' total; "not available" without it. */
    String perSecond() {
        long cpu = cpuNanos();
        if (cpu < 0 || cpuStart < 0) {
            return "not available";
        }
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "%,.0f ms per second (of %,d on %d cores)", (cpu - cpuStart) / 1e6 / seconds,
                cores * 1_000, cores);
    }

    /** CPU milliseconds per unit (a command) since the start, for that many units. */
    String per(double units) {
        long cpu = cpuNanos();
        return cpu < 0 || cpuStart < 0 || units <= 0 ? "not available"
                : String.format(Locale.ROOT, "%.1f ms", (cpu - cpuStart) / 1e6 / units);
    }

    private static long cpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : -1;
    }
}
