package org.tradeoffs.benchmark;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tradeoffs.benchmark.audit.AuditReplayBenchmark;
import org.tradeoffs.benchmark.live.LiveCollaborationBenchmark;

/**
 * Runs benchmark sections and prints each one's results as a markdown table. Not a test: nothing here runs during
 * {@code mvn verify}; {@code ./run.sh benchmark [section ...] [options]} builds and runs it.
 *
 * <pre>
 * ./run.sh benchmark                      the default section (audit) on 100,000 generated events
 * ./run.sh benchmark audit --events 20000 a smaller store
 * </pre>
 *
 * Exit status: 0 when the sections ran (a missed target is reported in the table, not as a failure), 1 when one
 * failed (for example a chain that does not verify intact), 2 for a usage error.
 */
public final class Benchmark {

    private static final Map<String, Section> SECTIONS = new LinkedHashMap<>();
    private static final String DEFAULT_SECTION = "audit";

    static {
        for (Section section : List.<Section>of(new AuditReplayBenchmark(), new LiveCollaborationBenchmark())) {
            SECTIONS.put(section.name(), section);
        }
    }

    private Benchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            usage();
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
            options.sections().forEach(name -> {
                if (!SECTIONS.containsKey(name)) {
                    throw new IllegalArgumentException("unknown section " + name);
                }
            });
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        List<String> names = options.sections().isEmpty() ? List.of(DEFAULT_SECTION) : options.sections();
        Machine machine = Machine.current();
        try {
            for (String name : names) {
                Section section = SECTIONS.get(name);
                Results results = new Results();
                results.header("section", section.name() + ": " + section.description());
                results.header("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                        "uuuu-MM-dd HH:mm 'UTC'")));
                results.header("machine", machine.describe());
                results.header("JVM", machine.jvm());
                results.header("load average at start (1, 5, 15 min)", machine.loadAverage());
                section.run(options, results);
                results.header("load average at end (what else ran meanwhile)", Machine.current().loadAverage());
                System.out.println();
                results.print(System.out);
                System.out.println();
            }
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: ./run.sh benchmark [section ...] [--events N] [--districts N] [--batch-size N]"
                + " [--seed N]");
        System.err.println("sections (default " + DEFAULT_SECTION + "):");
        SECTIONS.values().forEach(section -> System.err.println("  " + section.name() + "  " + section.description()));
        System.err.println("  --events N      events in the generated store (default " + Options.DEFAULT_EVENTS + ")");
        System.err.println("  --districts N   districts they are spread over (default " + Options.DEFAULT_DISTRICTS
                + ")");
        System.err.println("  --batch-size N  event storage engine batch size (default: measure several, use the"
                + " fastest)");
        System.err.println("  --seed N        seed of the generated history (default 6)");
        System.err.println("  --sessions N    live: STOMP sessions while latency is measured (default 1000)");
        System.err.println("  --max-sessions N  live: the most sessions tried when looking for the limit"
                + " (default 4000)");
        System.err.println("  --seconds N     live: length of each load (default 10)");
        System.err.println("  --warm-up N     live: seconds of commands (8 threads) before anything is measured, so the"
                + " JIT has compiled the hot code (default 150)");
    }
}
