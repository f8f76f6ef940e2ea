package org.tradeoffs.eventstore;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    /** A store whose writes are numbered as they are applied; a commit makes durable those applied when it started. */
    private static final class Store {
        final AtomicLong applied = new AtomicLong();
        final AtomicLong durable = new AtomicLong();
        final AtomicInteger commits = new AtomicInteger();

        void commit() {
            long covered = applied.get();
            commits.incrementAndGet();
            sleep(2);
            durable.accumulateAndGet(covered, Math::max);
        }
    }

    @Test
    void aLoneWriterGetsACommitForEachWrite() {
        Store store = new Store();
        GroupCommit groupCommit = new GroupCommit(store::commit);
        for (int i = 0; i < 5; i++) {
            long write = store.applied.incrementAndGet();
            groupCommit.afterWrite();
            assertThat(store.durable.get()).isGreaterThanOrEqualTo(write);
        }
        assertThat(store.commits.get()).isEqualTo(5);
    }

    @Test
    void concurrentWritersEachReturnOnlyOnceTheirWriteIsCommittedAndShareCommits() throws Exception {
        Store store = new Store();
        GroupCommit groupCommit = new GroupCommit(store::commit);
        int writers = 8;
        int writesEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            results.add(pool.submit(() -> {
                int uncovered = 0;
                for (int i = 0; i < writesEach; i++) {
                    long write = store.applied.incrementAndGet();
                    groupCommit.afterWrite();
                    if (store.durable.get() < write) {
                        uncovered++;
                    }
                }
                return uncovered;
            }));
        }
        for (Future<Integer> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isZero();
        }
        pool.shutdown();
        assertThat(store.applied.get()).isEqualTo(writers * writesEach);
        assertThat(store.commits.get()).isLessThan(writers * writesEach / 2);
    }

    @Test
    void aFailedCommitFailsItsWritersAndTheNextWriteCommitsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit groupCommit = new GroupCommit(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });
        assertThatThrownBy(groupCommit::afterWrite).hasMessage("disk full");
        groupCommit.afterWrite();
        assertThat(attempts.get()).isEqualTo(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
