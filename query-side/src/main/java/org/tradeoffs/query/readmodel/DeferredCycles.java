package org.tradeoffs.query.readmodel;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A repository's record of the cycles whose summary it left stale while its projection's summaries are deferred
 * ({@link DeferrableSummaries}). Used by the one thread that replays.
 */
public final class DeferredCycles {

    /** The cycles touched since {@link #defer()}; null while not deferring. */
    private Set<String> touched;

    public void defer() {
        if (touched == null) {
            touched = new HashSet<>();
        }
    }

    public boolean deferring() {
        return touched != null;
    }

    /** Notes that the cycle's summary is stale, when deferring; does nothing otherwise. */
    public void touched(String cycleId) {
        if (touched != null) {
            touched.add(cycleId);
        }
    }

    /** Stops deferring and hands every cycle touched meanwhile to {@code summarize}. */
    public void complete(Consumer<String> summarize) {
        Set<String> stale = touched;
        touched = null;
        if (stale != null) {
            stale.forEach(summarize);
        }
    }
}
