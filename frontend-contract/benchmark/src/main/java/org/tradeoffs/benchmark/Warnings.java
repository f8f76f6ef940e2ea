package org.tradeoffs.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts the warnings the product's own code logs while a benchmark runs. A projection that meets an event it
 * cannot place (an unknown item, a handler that failed and was skipped as in service) only logs a warning, so a
 * benchmark that fed it invalid history would measure nonsense without this check.
 */
public final class Warnings extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final AtomicLong count = new AtomicLong();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private Warnings() {
    }

    /** Starts counting the warnings of every {@code org.tradeoffs} logger. */
    public static Warnings count() {
        Warnings warnings = new Warnings();
        warnings.setContext(warnings.root.getLoggerContext());
        warnings.setName("benchmark-warnings");
        warnings.start();
        warnings.root.addAppender(warnings);
        return warnings;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN) && event.getLoggerName().startsWith("org.tradeoffs")) {
            count.incrementAndGet();
        }
    }

    /** @throws IllegalStateException when anything warned so far, naming what was being done */
    public void requireNone(String during) {
        long warned = count.get();
        if (warned > 0) {
            throw new IllegalStateException(warned + " warning(s) from the product's code during " + during
                    + " (see the log above): the generated history is not valid for it, so the numbers would not be"
                    + " either");
        }
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
