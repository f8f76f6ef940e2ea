package org.tradeoffs.benchmark.live;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The CPU time this JVM used over a phase (every thread of the product, the store and the clients, the JIT compiler
 * and the garbage collector included), as the operating system counts it: whether a phase was bound by the cores. Also
 * how long the JIT compiled and an image of the embedded store was being written meanwhile, two things that take CPU
 * from whatever phase they fall in.
 */
final class ProcessCpu {

    private final LongSupplier storeImageNanos;
    private final long cpuStart = cpuNanos();
    private final long compilingStart = compilingMillis();
    private final long imageStart;
    private final long wallStart = System.nanoTime();

    private ProcessCpu(LongSupplier storeImageNanos) {
        this.storeImageNanos = storeImageNanos;
        this.imageStart = storeImageNanos.getAsLong();
    }

    /** Starts measuring now; {@code storeImageNanos} tells how long images of the store have been written so far. */
    static ProcessCpu start(LongSupplier storeImageNanos) {
        return new ProcessCpu(storeImageNanos);
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
        String jit = compiling < 0 || compilingStart < 0 ? "" : String.format(Locale.ROOT,
                "; the JIT compiled for %,.0f ms per second", (compiling - compilingStart) / seconds);
        long imageMillis = (storeImageNanos.getAsLong() - imageStart) / 1_000_000;
        String image = imageMillis == 0 ? "" : String.format(Locale.ROOT,
                "; an image of the store was being written for %,d ms of it", imageMillis);
        return used + jit + image;
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
