package org.tradeoffs.command.common;

/** The client's {@code If-Match} version is not the current one: someone changed the item meanwhile (412). */
public class StaleVersion extends RuleViolation {

    private final long currentVersion;

    public StaleVersion(long expected, long current) {
        super("stale-version", "The item is at version " + current + ", not " + expected
                + "; reload it and apply your change again");
        this.currentVersion = current;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
