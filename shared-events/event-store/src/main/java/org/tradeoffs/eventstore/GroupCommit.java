package org.tradeoffs.eventstore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit: every writer that needs its write in the file before it answers calls {@link #afterWrite()}, which
 * returns once a commit (a journal flush) that started after the write has finished. Writers that arrive while a
 * commit runs share the next one, instead of each committing in turn: under load the store writes to its journal
 * once per group of writes, not once per write.
 */
final class GroupCommit {

    private final Runnable commit;
    private final AtomicLong writes = new AtomicLong();
    /** Every write whose ticket is at most this was in the store when a finished commit started. */
    private long committedThrough;
    private boolean committing;

    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /** Call after the write is applied; returns once a commit covering it has finished (or throws what it threw). */
    void afterWrite() {
        long ticket = writes.incrementAndGet();
        long through;
        synchronized (this) {
            while (committing && committedThrough < ticket) {
                awaitCommit();
            }
            if (committedThrough >= ticket) {
                return;
            }
            committing = true;
            // every ticket up to here was taken after its write was applied, so this commit covers them all
            through = writes.get();
        }
        boolean committed = false;
        try {
            commit.run();
            committed = true;
        } finally {
            synchronized (this) {
                committing = false;
                if (committed) {
                    committedThrough = through;
                }
                notifyAll();
            }
        }
    }

    private void awaitCommit() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store to commit", e);
        }
    }
}
