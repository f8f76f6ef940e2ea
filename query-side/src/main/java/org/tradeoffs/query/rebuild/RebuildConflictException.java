package org.tradeoffs.query.rebuild;

/** A rebuild of that read model is already queued or running: answered with 409 and its status. */
public class RebuildConflictException extends RuntimeException {

    private final transient RebuildStatus running;

    public RebuildConflictException(RebuildStatus running) {
        super("Read model " + running.readModel() + " is already being rebuilt (rebuild " + running.id() + ", "
                + running.state() + ")");
        this.running = running;
    }

    public RebuildStatus running() {
        return running;
    }
}
