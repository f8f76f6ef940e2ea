package org.tradeoffs.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a measurement ran on, read from {@code /proc} where there is one: the CPU model and how many processors
 * the JVM may use, the RAM, the JVM and its options, and the load average when the run started (what else was
 * running).
 */
public record Machine(String cpu, int processors, String memory, String jvm, String loadAverage) {

    public static Machine current() {
        List<String> cpuinfo = lines("/proc/cpuinfo");
        String cpu = cpuinfo.stream().filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
        String memory = lines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> String.format(Locale.ROOT, "%.1f GiB RAM",
                        Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("RAM unknown");
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB" + options();
        String load = lines("/proc/loadavg").stream().findFirst()
                .map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3))).orElse("unknown");
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, jvm, load);
    }

    /** One line for the results' header. */
    public String describe() {
        return cpu + ", " + processors + " cores, " + memory;
    }

    /** The JVM's -X and -XX options as given (heap, JIT, garbage collector), which the measures depend on. */
    private static String options() {
        String options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-X"))
                .collect(Collectors.joining(" "));
        return options.isEmpty() ? "" : ", options " + options;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
