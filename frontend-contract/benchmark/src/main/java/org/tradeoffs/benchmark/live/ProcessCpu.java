package org.tradeoffs.benchmark.live;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The CPU time this JVM used over a phase (every thread of the product, the store and the clients, the JIT compiler
 * and the garbage collector included), as the operating system counts it: whether a phase was bound by the cores, and
 * how much of it went to system calls. Also how long the JIT compiled and an image of the embedded store was being
 * written meanwhile, two things that take CPU from whatever phase they fall in, and the garbage collector's pauses,
 * which every request and frame in flight waits out.
 */
final class ProcessCpu {

    private final LongSupplier storeImageNanos;
    private final GcPauses gcPauses = GcPauses.listening();
    private final ThreadCpu threads = ThreadCpu.start();
    private final long cpuStart = cpuNanos();
    private final long compilingStart = compilingMillis();
    private final long imageStart;
    private final long[] ticksStart = userAndSystemTicks();
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
        String used = String.format(Locale.ROOT, "%,.0f ms per second (of %,d on %d cores%s)",
                (cpu - cpuStart) / 1e6 / seconds, cores * 1_000, cores, kernelShare());
        long compiling = compilingMillis();
        String jit = compiling < 0 || compilingStart < 0 ? "" : String.format(Locale.ROOT,
                "; the JIT compiled for %,.0f ms per second", (compiling - compilingStart) / seconds);
        long imageMillis = (storeImageNanos.getAsLong() - imageStart) / 1_000_000;
        String image = imageMillis == 0 ? "" : String.format(Locale.ROOT,
                "; an image of the store was being written for %,d ms of it", imageMillis);
        return used + jit + image + "; GC pauses: " + gcPauses.since(wallStart);
    }

    /** The same CPU time by kind of thread, in milliseconds per second since the start (see {@link ThreadCpu}). */
    String byThread() {
        return threads.perSecond();
    }

    /**
     * ", N% of it in the kernel": the share of the process's CPU time since the start that the operating system counted
     * as system time (system calls: sockets, waking threads), or nothing where {@code /proc} does not tell.
     */
    private String kernelShare() {
        long[] ticks = userAndSystemTicks();
        if (ticks == null || ticksStart == null) {
            return "";
        }
        long user = ticks[0] - ticksStart[0];
        long system = ticks[1] - ticksStart[1];
        return user + system <= 0 ? "" : String.format(Locale.ROOT, ", %.0f%% of it in the kernel",
                100.0 * system / (user + system));
    }

    /** This process's user and system CPU time so far, in clock ticks, from {@code /proc/self/stat}; null without. */
    static long[] userAndSystemTicks() {
        try {
            return userAndSystem(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The user and system time (clock ticks) of a {@code /proc} stat line, a process's or a thread's: its 14th and 15th
     * fields. The name (the second field, in parentheses) may hold spaces and parentheses, so the fields are counted
     * from the last ')': the third, the state, comes right after it.
     */
    static long[] userAndSystem(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
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
