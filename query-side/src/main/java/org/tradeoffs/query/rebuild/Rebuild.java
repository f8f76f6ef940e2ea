package org.tradeoffs.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.tradeoffs.query.readmodel.ReadModel;

/**
 * One rebuild of a read model and how far it got. Written by the rebuild's own thread, read by anyone: every field
 * that changes is volatile and {@link #status()} takes a consistent enough picture for a progress report.
 */
final class Rebuild {

    enum State {
        /** Waiting for an earlier rebuild to finish. */
        QUEUED,
        /** Applying the stored events to the new generation, in memory. */
        REPLAYING,
        /** Writing the new generation into its collections. */
        WRITING,
        /** Applying the events stored since, while the current generation still serves. */
        CATCHING_UP,
        /** The processor paused for the last few events, then the new generation serves. */
        SWITCHING,
        COMPLETED,
        FAILED
    }

    private final String id = UUID.randomUUID().toString();
    private final ReadModel readModel;
    private final Instant requestedAt;
    private volatile State state = State.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile long applied;
    private volatile long lastPosition;
    private volatile long targetPosition;
    private volatile int fromGeneration;
    private volatile int toGeneration;
    private volatile String failure;

    Rebuild(ReadModel readModel, Instant requestedAt) {
        this.readModel = readModel;
        this.requestedAt = requestedAt;
    }

    String id() {
        return id;
    }

    ReadModel readModel() {
        return readModel;
    }

    boolean finished() {
        return state == State.COMPLETED || state == State.FAILED;
    }

    void started(int fromGeneration, Instant now) {
        this.fromGeneration = fromGeneration;
        this.toGeneration = fromGeneration + 1;
        this.startedAt = now;
    }

    void moveTo(State next, long target) {
        this.targetPosition = Math.max(targetPosition, target);
        this.state = next;
    }

    /** One event applied at this position. */
    void applied(long position) {
        applied++;
        lastPosition = position;
    }

    void completed(Instant now) {
        finishedAt = now;
        state = State.COMPLETED;
    }

    void failed(String reason, Instant now) {
        failure = reason;
        finishedAt = now;
        state = State.FAILED;
    }

    RebuildStatus status(Instant now) {
        double seconds = startedAt == null ? 0
                : Duration.between(startedAt, finishedAt == null ? now : finishedAt).toNanos() / 1e9;
        long rate = seconds <= 0 ? 0 : Math.round(applied / seconds);
        long remaining = Math.max(0, targetPosition - lastPosition);
        Long eta = finished() ? Long.valueOf(0) : rate == 0 ? null : Long.valueOf((remaining + rate - 1) / rate);
        return new RebuildStatus(id, readModel.id(), state.name(), lastPosition, targetPosition, applied, rate, eta,
                fromGeneration, toGeneration, requestedAt, startedAt, finishedAt, failure);
    }
}
