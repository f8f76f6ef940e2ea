package org.tradeoffs.benchmark.live;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * The CPU time this JVM used over a phase (every thread of the product, the store and the clients, the JIT compiler
 * and the garbage collector included), as the operating system counts it: whether a phase was bound by the cores.
 */
final class ProcessCpu {

    private final long cpuStart = cpuNanos();
    private final long compilingStart = compilingMillis();
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
        String used = String.format(Locale.ROOT, "%,.0f ms per second (of %,d on %d cores)",
                (cpu - cpuStart) / 1e6 / seconds, cores * 1_000, cores);
        long compiling = compilingMillis();
        return compiling < 0 || compilingStart < 0 ? used : used + String.format(Locale.ROOT,
                "; the JIT compiled for %,.0f ms per second", (compiling - compilingStart) / seconds);
    }

    /** CPU milliseconds per unit (a command) since the start, for that many units. */
    String per(double units) {
        long cpu = cpuNanos();
        return cpu < 0 || cpuStart < 0 || units <= 0 ? "not available"
                : String.format(Locale.ROOT, "%.1f ms", (cpu - cpuStart) / 1e6 / units);
    }

    /**
     * The time the JIT's compiler threads have spent compiling so far (elapsed, so it counts waiting for a core too), -1
     * where the JVM does not tell: a phase during which it was high still ran partly on code not yet optimized.
     */
    private static long compilingMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private static long cpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : -1;
    }
}
