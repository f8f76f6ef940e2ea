package org.tradeoffs.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The command line: {@code [section ...] [--events N] [--districts N] [--batch-size N] [--seed N] [--sessions N]
 * [--max-sessions N] [--seconds N] [--warm-up N]}.
 *
 * @param sections  the sections to run, in order; empty for the default
 * @param events    how many events the generated store holds
 * @param districts how many districts (tenants, hash chains) the events are spread over
 * @param batchSize the event storage engine's batch size; empty to measure several and use the fastest
 * @param seed      the seed of the generated history, so two runs measure the same store
 * @param sessions    STOMP sessions subscribed while the latency is measured (live section)
 * @param maxSessions the most sessions the live section tries when it looks for the limit
 * @param seconds     how long each load of the live section lasts
 * @param warmUp      seconds of commands the live section applies, unmeasured, before it measures anything
 */
public record Options(List<String> sections, int events, int districts, OptionalInt batchSize, long seed,
        int sessions, int maxSessions, int seconds, int warmUp) {

    public static final int DEFAULT_EVENTS = 100_000;
    public static final int DEFAULT_DISTRICTS = 5;

    /** @throws IllegalArgumentException with the message to show next to the usage text */
    public static Options parse(String... args) {
        List<String> sections = new ArrayList<>();
        int events = DEFAULT_EVENTS;
        int districts = DEFAULT_DISTRICTS;
        OptionalInt batchSize = OptionalInt.empty();
        long seed = 6;
        int sessions = 1_000;
        int maxSessions = 4_000;
        int seconds = 10;
        int warmUp = 150;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--events" -> events = positive(arg, value(args, ++i, arg));
                case "--districts" -> districts = positive(arg, value(args, ++i, arg));
                case "--batch-size" -> batchSize = OptionalInt.of(positive(arg, value(args, ++i, arg)));
                case "--seed" -> seed = number(arg, value(args, ++i, arg));
                case "--sessions" -> sessions = positive(arg, value(args, ++i, arg));
                case "--max-sessions" -> maxSessions = positive(arg, value(args, ++i, arg));
                case "--seconds" -> seconds = positive(arg, value(args, ++i, arg));
                case "--warm-up" -> warmUp = positive(arg, value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    sections.add(arg);
                }
            }
        }
        if (events < 200 * districts) {
            throw new IllegalArgumentException("--events must be at least 200 per district (" + 200 * districts + ")");
        }
        return new Options(List.copyOf(sections), events, districts, batchSize, seed, sessions, maxSessions,
                seconds, warmUp);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String value) {
        long number = number(option, value);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be a whole number from 1 to " + Integer.MAX_VALUE
                    + ", not " + value);
        }
        return (int) number;
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, not " + value);
        }
    }
}
