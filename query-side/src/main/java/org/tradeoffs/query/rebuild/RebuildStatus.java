package org.tradeoffs.query.rebuild;

import java.time.Instant;

/**
 * How a rebuild stands.
 *
 * @param state           QUEUED, REPLAYING, WRITING, CATCHING_UP, SWITCHING, COMPLETED or FAILED
 * @param done            the global position reached: of the last event applied
 * @param total           the position to reach: where the read model in service was when the rebuild last looked
 *                        (it grows while events arrive)
 * @param applied         events applied so far (a position burned by a failed append holds none)
 * @param eventsPerSecond events applied per second since the start
 * @param etaSeconds      seconds to reach {@code total} at that rate; null before the first event
 * @param fromGeneration  the generation serving before the switch
 * @param toGeneration    the generation being built, serving after the switch
 * @param failure         why it failed; null unless FAILED
 */
public record RebuildStatus(String id, String readModel, String state, long done, long total, long applied,
        long eventsPerSecond, Long etaSeconds, int fromGeneration, int toGeneration, Instant requestedAt,
        Instant startedAt, Instant finishedAt, String failure) {
}
