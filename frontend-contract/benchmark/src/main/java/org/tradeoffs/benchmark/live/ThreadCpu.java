package org.tradeoffs.benchmark.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time each kind of thread of a JVM (this one, or the query side's) used over a phase, as Linux counts it per
 * thread in {@code /proc/<pid>/task}: which part of the product (or of the benchmark) a phase's CPU went to. They vary
 * from run to run too (about a tenth), but far less than the latency percentiles, so they show better what a change
 * costs or saves. Threads are told apart by their names as the kernel keeps them (the first 15 characters); the threads
 * that ended during the phase (in this JVM the benchmark's command clients, whose pool ends with the phase) are counted
 * together, as what the process's total has beyond the living threads'.
 */
final class ThreadCpu {

    private static final String OTHER = "other threads";
    /** Linux's USER_HZ, the unit of the times in {@code /proc/.../stat}: 100 on every mainstream architecture. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    /** {@code /proc/self} or {@code /proc/<pid>}. */
    private final Path process;
    /** The kinds of threads, by the start of their names, in the order printed. */
    private final Map<String, List<String>> kinds;
    private final String ended;
    /** Per thread ("id name"): its user plus system time in clock ticks at the start; null without /proc. */
    private final Map<String, Long> ticksAtStart;
    /** The whole process's, which keeps the time of threads that ended; -1 without /proc. */
    private final long processTicksAtStart;
    private final long wallStart = System.nanoTime();

    private ThreadCpu(Path process, Map<String, List<String>> kinds, String ended) {
        this.process = process;
        this.kinds = kinds;
        this.ended = ended;
        this.processTicksAtStart = processTicks();
        this.ticksAtStart = ticksByThread();
    }

    /** This JVM's threads: the command side's, the embedded store's and the benchmark's clients. */
    static ThreadCpu start() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("the benchmark's STOMP reader", List.of("stomp-sessions-"));
        kinds.put("the command side's request threads and Tomcat's pollers", List.of("http-nio-"));
        kinds.put("the embedded store", List.of("mongo-server-", "embedded-store-"));
        kinds.put("the command side's tracking reader", List.of("EventProcessor[", "EmbeddedEventSt"));
        kinds.put("garbage collector", List.of("GC Thread", "G1 "));
        kinds.put("JIT compilers", List.of("C1 CompilerThre", "C2 CompilerThre"));
        return new ThreadCpu(Path.of("/proc/self"), kinds,
                "threads that ended meanwhile (the benchmark's command clients)");
    }

    /** The query side's threads, in its own JVM. */
    static ThreadCpu ofQuerySide(long pid) {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("writing frames (clientOutboundChannel)", List.of("clientOutboundC"));
        kinds.put("the live feed", List.of("live-change-fee"));
        kinds.put("request threads and Tomcat's pollers", List.of("http-exec-", "http-nio-"));
        kinds.put("projections", List.of("EventProcessor[", "EmbeddedEventSt"));
        kinds.put("garbage collector", List.of("GC Thread", "G1 "));
        kinds.put("JIT compilers", List.of("C1 CompilerThre", "C2 CompilerThre"));
        return new ThreadCpu(Path.of("/proc/" + pid), kinds, "threads that ended meanwhile");
    }

    /**
     * "kind X; kind Y; ...; other threads Z; threads that ended meanwhile W", each in CPU milliseconds per second since
     * the start, the kinds in the order listed, or "not available" where {@code /proc} does not tell.
     */
    String perSecond() {
        Map<String, Long> now = ticksByThread();
        long processTicks = processTicks();
        if (now == null || ticksAtStart == null || processTicks < 0 || processTicksAtStart < 0) {
            return "not available";
        }
        Map<String, Long> byKind = new HashMap<>();
        now.forEach((thread, ticks) -> byKind.merge(kindOf(thread), ticks - ticksAtStart.getOrDefault(thread, 0L),
                Long::sum));
        long living = byKind.values().stream().mapToLong(Long::longValue).sum();
        byKind.put(ended, Math.max(0, processTicks - processTicksAtStart - living));
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        double millisPerTick = 1000.0 / CLOCK_TICKS_PER_SECOND;
        return Stream.concat(kinds.keySet().stream(), Stream.of(OTHER, ended))
                .map(kind -> String.format(Locale.ROOT, "%s %,.0f", kind,
                        byKind.getOrDefault(kind, 0L) * millisPerTick / seconds))
                .collect(Collectors.joining("; "));
    }

    private String kindOf(String thread) {
        String name = thread.substring(thread.indexOf(' ') + 1);
        for (Map.Entry<String, List<String>> kind : kinds.entrySet()) {
            if (kind.getValue().stream().anyMatch(name::startsWith)) {
                return kind.getKey();
            }
        }
        return OTHER;
    }

    /** The process's user plus system time in clock ticks, its ended threads' included; -1 without /proc. */
    private long processTicks() {
        long[] times = ProcessCpu.userAndSystemTicks(process);
        return times == null ? -1 : times[0] + times[1];
    }

    private static long userPlusSystem(String stat) {
        long[] times = ProcessCpu.userAndSystem(stat);
        return times[0] + times[1];
    }

    /** A {@code stat} line's name: what is between its first '(' and its last ')'. */
    private static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /**
     * Every thread's user plus system time in clock ticks, keyed by "id name" (an id the kernel reuses for a thread of
     * another name counts as another thread); null where {@code /proc/<pid>/task} cannot be read.
     */
    private Map<String, Long> ticksByThread() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    ticks.put(task.getFileName() + " " + name(stat), userPlusSystem(stat));
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return ticks;
    }
}
