package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reads spaced by the pacer: the first at once, each next one only once the interval has passed since the last. */
class PacerTest {

    private static final long INTERVAL = Duration.ofMillis(5).toNanos();

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Long> pauses = new ArrayList<>();
    private final Pacer pacer = new Pacer(Duration.ofNanos(INTERVAL), now::get, nanos -> {
        pauses.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void readsRightAfterEachOtherAreSpacedByTheInterval() {
        pacer.pace();
        assertThat(pauses).isEmpty();

        now.addAndGet(2_000_000);
        pacer.pace();
        assertThat(pauses).containsExactly(INTERVAL - 2_000_000);

        pacer.pace();
        assertThat(pauses).containsExactly(INTERVAL - 2_000_000, INTERVAL);
    }

    @Test
    void aReadLongAfterTheLastGoesAtOnce() {
        pacer.pace();
        now.addAndGet(Duration.ofMillis(20).toNanos());
        pacer.pace();
        now.addAndGet(INTERVAL);
        pacer.pace();
        assertThat(pauses).isEmpty();
    }
}
