package org.tradeoffs.command.common;

import org.axonframework.modelling.command.AggregateLifecycle;

/** Versions as clients see them: the number of events an aggregate has (1 after creation). */
public final class Versions {

    private Versions() {
    }

    /** The aggregate's current version, inside one of its command handlers. */
    public static long current() {
        Long lastSequence = AggregateLifecycle.getVersion();
        return lastSequence == null ? 0 : lastSequence + 1;
    }

    /** Guard: when the client named a version ({@code If-Match}), it must be the current one. */
    public static void require(Long expected) {
        long current = current();
        if (expected != null && expected != current) {
            throw new StaleVersion(expected, current);
        }
    }
}
