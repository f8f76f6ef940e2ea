package org.tradeoffs.benchmark.live;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * How many methods wait for HotSpot's optimizing compiler (C2), read from the JVM's own {@code Compiler.queue}
 * diagnostic command: while it is long, much of the hot code still runs as the first tier's profiling code, several
 * times slower, and a phase measures the JIT as much as the product.
 */
final class JitQueue {

    private JitQueue() {
    }

    /** The C2 queue's length as a table cell; "not available" where the JVM does not answer. */
    static String c2Waiting() {
        try {
            Object queue = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                    new Object[] {null}, new String[] {String[].class.getName()});
            long waiting = count((String) queue);
            return String.format(Locale.ROOT, "%,d method%s", waiting, waiting == 1 ? "" : "s");
        } catch (JMException | RuntimeException e) {
            return "not available";
        }
    }

    /** Lines of a task (they start with its compile id) after the "C2 compile queue:" line. */
    private static long count(String queue) {
        int from = queue.indexOf("C2 compile queue:");
        if (from < 0) {
            return 0;
        }
        return queue.substring(from).lines().filter(line -> !line.isEmpty() && Character.isDigit(line.charAt(0)))
                .count();
    }
}
