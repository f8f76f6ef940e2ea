package org.tradeoffs.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measured numbers as one markdown table ({@code measure | result | target | met?}) under a header saying when,
 * on what and on which store they were measured. A row without a target is informative: it explains the others.
 */
public final class Results {

    /** @param met null for an informative row */
    public record Row(String measure, String result, String target, Boolean met) {
    }

    private final Map<String, String> header = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    public void header(String name, String value) {
        header.put(name, value);
    }

    public void info(String measure, String result) {
        rows.add(new Row(measure, result, "", null));
    }

    public void target(String measure, String result, String target, boolean met) {
        rows.add(new Row(measure, result, target, met));
    }

    /** Whether every row with a target met it. */
    public boolean allMet() {
        return rows.stream().allMatch(row -> row.met() == null || row.met());
    }

    public void print(PrintStream out) {
        header.forEach((name, value) -> out.println("- " + name + ": " + value));
        out.println();
        out.println("| measure | result | target | met? |");
        out.println("|---|---:|---|---|");
        for (Row row : rows) {
            String met = row.met() == null ? "" : row.met() ? "yes" : "**no**";
            out.println("| " + row.measure() + " | " + row.result() + " | " + row.target() + " | " + met + " |");
        }
    }

    /** 12345.6 -> "12,346". */
    public static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** An events-per-second figure. */
    public static String rate(double eventsPerSecond) {
        return count(eventsPerSecond) + " events/s";
    }

    /** Nanoseconds as milliseconds or seconds, whichever reads better. */
    public static String duration(long nanos) {
        double millis = nanos / 1e6;
        return millis < 10_000 ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : String.format(Locale.ROOT, "%,.1f s", millis / 1000);
    }

    public static double perSecond(long count, long nanos) {
        return count * 1e9 / Math.max(nanos, 1);
    }
}
