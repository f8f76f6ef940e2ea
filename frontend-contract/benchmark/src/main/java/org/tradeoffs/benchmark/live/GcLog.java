package org.tradeoffs.benchmark.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses of another JVM, read from the log it writes with {@code -Xlog:gc:file=F:timemillis}: a
 * line per pause, written as it ends, such as
 * {@code [1764650000123ms] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 310M->60M(1024M) 14.532ms}. Every kind of
 * pause counts (with G1 also the short remark and cleanup pauses of its concurrent marking, which the in-process
 * {@link GcPauses} cannot see).
 */
final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("^\\[(\\d+)ms\\] GC\\(\\d+\\) Pause .* (\\d+(?:\\.\\d+)?)ms$");

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /**
     * "N, X ms in all, the longest Y ms" for the pauses that ended after {@code sinceMillis} (System.currentTimeMillis),
     * "none", or "not available" when the log cannot be read.
     */
    String since(long sinceMillis) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return "not available";
        }
        return summary(lines, sinceMillis);
    }

    static String summary(List<String> lines, long sinceMillis) {
        long count = 0;
        double total = 0;
        double longest = 0;
        for (String line : lines) {
            Matcher pause = PAUSE.matcher(line);
            if (pause.matches() && Long.parseLong(pause.group(1)) > sinceMillis) {
                double millis = Double.parseDouble(pause.group(2));
                count++;
                total += millis;
                longest = Math.max(longest, millis);
            }
        }
        return count == 0 ? "none" : String.format(Locale.ROOT, "%,d, %,.0f ms in all, the longest %,.0f ms",
                count, total, longest);
    }
}
