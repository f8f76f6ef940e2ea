package org.tradeoffs.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void handsOverEveryItemInOrder() {
        List<Integer> read = new ArrayList<>();
        try (ReadAhead<Integer> ahead = ReadAhead.start(executor, 7, sink -> {
            for (int i = 0; i < 1_000; i++) {
                sink.accept(i);
            }
        })) {
            ahead.forEachRemaining(read::add);
        }

        assertThat(read).hasSize(1_000).isSorted().startsWith(0).endsWith(999);
    }

    @Test
    void aProducerWithNothingToProduceEndsAtOnce() {
        try (ReadAhead<Integer> ahead = ReadAhead.start(executor, 7, sink -> { })) {
            assertThat(ahead.hasNext()).isFalse();
        }
    }

    @Test
    void closingEarlyStopsTheProducer() {
        AtomicLong produced = new AtomicLong();
        AtomicBoolean returned = new AtomicBoolean();
        try (ReadAhead<Long> ahead = ReadAhead.start(executor, 10, sink -> {
            try {
                for (long i = 0; i < Long.MAX_VALUE; i++) {
                    sink.accept(i);
                    produced.incrementAndGet();
                }
            } finally {
                returned.set(true);
            }
        })) {
            assertThat(ahead.next()).isZero();
        }

        await().atMost(Duration.ofSeconds(5)).untilTrue(returned);
        assertThat(produced.get()).as("at most the chunks the queue holds, and the one being filled").isLessThan(100);
    }

    @Test
    void aFailureReachesTheConsumerAfterWhatWasProducedBeforeIt() {
        List<Integer> read = new ArrayList<>();
        try (ReadAhead<Integer> ahead = ReadAhead.start(executor, 4, sink -> {
            for (int i = 0; i < 10; i++) {
                sink.accept(i);
            }
            throw new IllegalStateException("the store went away");
        })) {
            assertThatThrownBy(() -> ahead.forEachRemaining(read::add))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the store went away");
        }

        assertThat(read).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
