package org.tradeoffs.benchmark.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The requests the embedded store had over a phase, from both services (and the benchmark's readers of the token
 * store), by command and collection: how many round trips a command costs. It varies less from run to run than the
 * CPU or the latency, though not nothing: how many events a processor's batch holds, and so how many requests an
 * event costs, depends on timing.
 */
final class StoreRequests {

    /** The kinds named one by one; the rest are summed up. */
    private static final int NAMED = 12;

    private final Supplier<Map<String, Long>> counts;
    private final Map<String, Long> start;

    private StoreRequests(Supplier<Map<String, Long>> counts) {
        this.counts = counts;
        this.start = counts.get();
    }

    /** Starts counting now; {@code counts} answers the store's counts so far. */
    static StoreRequests start(Supplier<Map<String, Long>> counts) {
        return new StoreRequests(counts);
    }

    /**
     * The requests since the start per command, in all and by kind, the most frequent first, e.g.
     * {@code "16.07: update trackingtokens 2.05, find counters 1.37, ..., 21 other kinds 5.19"}.
     */
    String per(double commands) {
        if (commands <= 0) {
            return "no commands";
        }
        List<Map.Entry<String, Long>> kinds = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> now : counts.get().entrySet()) {
            long count = now.getValue() - start.getOrDefault(now.getKey(), 0L);
            if (count > 0) {
                kinds.add(Map.entry(now.getKey(), count));
                total += count;
            }
        }
        kinds.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder described = new StringBuilder(format(total / commands) + ":");
        long others = 0;
        for (int i = 0; i < kinds.size(); i++) {
            if (i < NAMED) {
                described.append(i == 0 ? " " : ", ").append(kinds.get(i).getKey()).append(' ')
                        .append(format(kinds.get(i).getValue() / commands));
            } else {
                others += kinds.get(i).getValue();
            }
        }
        if (kinds.size() > NAMED) {
            described.append(", ").append(kinds.size() - NAMED).append(" other kinds ")
                    .append(format(others / commands));
        }
        return described.toString();
    }

    private static String format(double perCommand) {
        return String.format(Locale.ROOT, "%.2f", perCommand);
    }
}
