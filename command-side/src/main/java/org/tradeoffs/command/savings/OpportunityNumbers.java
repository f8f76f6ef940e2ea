package org.tradeoffs.command.savings;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Opportunities are numbered per cycle: 1-31 from the catalog, then the district's own from 32 up. An
 * opportunity's id is derived from its cycle and number, so a number can be listed only once: the event
 * store refuses a second first event for the same aggregate id, even from another process.
 */
public interface OpportunityNumbers {

    static String idOf(String cycleId, int number) {
        return UUID.nameUUIDFromBytes(("tradeoffs:opportunity:" + cycleId + ":" + number)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether the cycle already lists an opportunity with this number. */
    boolean isTaken(String cycleId, int number);
}
