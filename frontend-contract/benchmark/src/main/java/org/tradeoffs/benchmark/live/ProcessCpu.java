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
 * The CPU time the product used over a phase, as the operating system counts it: this JVM (the command side, the
 * embedded store and the benchmark's clients) and the query side's, every thread of each, the JIT compilers and the
 * garbage collectors included: whether a phase was bound by the cores, and how much of it went to system calls. Also
 * how long this JVM's JIT compiled and an image of the embedded store was being written meanwhile, two things that take
 * CPU from whatever phase they fall in, and both JVMs' garbage collection pauses, which every request and frame in
 * flight through that JVM waits out.
 */
final class ProcessCpu {

    private final LongSupplier storeImageNanos;
    private final QuerySideProcess querySide;
    private final GcPauses gcPauses = GcPauses.listening();
    private final ThreadCpu threads = ThreadCpu.start();
    private final ThreadCpu queryThreads;
    private final long cpuStart = cpuNanos();
    private final long queryCpuStart;
    private final long compilingStart = compilingMillis();
    private final long imageStart;
    private final long[] ticksStart;
    private final long wallStart = System.nanoTime();
    private final long wallStartMillis = System.currentTimeMillis();

    private ProcessCpu(LongSupplier storeImageNanos, QuerySideProcess querySide) {
        this.storeImageNanos = storeImageNanos;
        this.querySide = querySide;
        this.imageStart = storeImageNanos.getAsLong();
        this.queryThreads = ThreadCpu.ofQuerySide(querySide.pid());
        this.queryCpuStart = queryCpuNanos();
        this.ticksStart = userAndSystemTicks();
    }

    /**
     * Starts measuring now: this JVM and the query side's process; {@code storeImageNanos} tells how long images of
     * the store have been written so far.
     */
    static ProcessCpu start(LongSupplier storeImageNanos, QuerySideProcess querySide) {
        return new ProcessCpu(storeImageNanos, querySide);
    }

    /** CPU milliseconds per wall-clock second since the start, out of the cores' total; "not available" without it. */
    String perSecond() {
        long cpu = cpuNanos();
        long queryCpu = queryCpuNanos();
        if (cpu < 0 || cpuStart < 0 || queryCpu < 0 || queryCpuStart < 0) {
            return "not available";
        }
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double querySideMillis = (queryCpu - queryCpuStart) / 1e6 / seconds;
        String used = String.format(Locale.ROOT, "%,.0f ms per second (of %,d on %d cores%s), the query side's JVM "
                        + "%,.0f of it", (cpu - cpuStart) / 1e6 / seconds + querySideMillis, cores * 1_000, cores,
                kernelShare(), querySideMillis);
        long compiling = compilingMillis();
        String jit = compiling < 0 || compilingStart < 0 ? "" : String.format(Locale.ROOT,
                "; the command side's JIT compiled for %,.0f ms per second", (compiling - compilingStart) / seconds);
        long imageMillis = (storeImageNanos.getAsLong() - imageStart) / 1_000_000;
        String image = imageMillis == 0 ? "" : String.format(Locale.ROOT,
                "; an image of the store was being written for %,d ms of it", imageMillis);
        return used + jit + image + "; GC pauses: the command side's JVM " + gcPauses.since(wallStart)
                + ", the query side's " + querySide.gcLog().since(wallStartMillis);
    }

    /**
     * The same CPU time by kind of thread, in milliseconds per second since the start (see {@link ThreadCpu}): the
     * command side's JVM (with the store and the clients), then the query side's.
     */
    String byThread() {
        return "the command side's JVM: " + threads.perSecond() + "; the query side's JVM: "
                + queryThreads.perSecond();
    }

    /**
     * ", N% of it in the kernel": the share of both processes' CPU time since the start that the operating system
     * counted as system time (system calls: sockets, waking threads), or nothing where {@code /proc} does not tell.
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

    /** Both processes' user and system CPU time so far, in clock ticks; null where {@code /proc} does not tell. */
    private long[] userAndSystemTicks() {
        long[] self = userAndSystemTicks(Path.of("/proc/self"));
        long[] query = userAndSystemTicks(Path.of("/proc/" + querySide.pid()));
        return self == null || query == null ? null : new long[] {self[0] + query[0], self[1] + query[1]};
    }

    /** A process's user and system CPU time so far, in clock ticks, from {@code /proc/<pid>/stat}; null without. */
    static long[] userAndSystemTicks(Path process) {
        try {
            return userAndSystem(Files.readString(process.resolve("stat")));
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

    /** CPU milliseconds of both processes per unit (a command) since the start, for that many units. */
    String per(double units) {
        long cpu = cpuNanos();
        long queryCpu = queryCpuNanos();
        return cpu < 0 || cpuStart < 0 || queryCpu < 0 || queryCpuStart < 0 || units <= 0 ? "not available"
                : String.format(Locale.ROOT, "%.1f ms", (cpu - cpuStart + queryCpu - queryCpuStart) / 1e6 / units);
    }

    /**
     * The time the JIT's compiler threads have spent compiling so far (elapsed, so it counts waiting for a core too), -1
     * where the JVM does not tell: a phase during which it was high still ran partly on code not yet optimized.
     */
    private static long compilingMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** The query side's CPU time so far, as the operating system tells it; -1 where it does not. */
    private long queryCpuNanos() {
        return ProcessHandle.of(querySide.pid()).flatMap(process -> process.info().totalCpuDuration())
                .map(java.time.Duration::toNanos).orElse(-1L);
    }

    private static long cpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : -1;
    }
}
