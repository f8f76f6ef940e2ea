package org.tradeoffs.query.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A connection sends 20 presence updates at once, then 10 a second; each connection has its own allowance. */
class PresenceRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PresenceRate rate = new PresenceRate(now::get);

    @Test
    void twentyAtOnceThenTenASecondPerConnection() {
        assertThat(IntStream.range(0, 25).filter(i -> rate.allow("s-1")).count()).isEqualTo(20);
        assertThat(rate.allow("s-2")).as("another connection").isTrue();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(350));
        assertThat(IntStream.range(0, 5).filter(i -> rate.allow("s-1")).count()).as("after 350 ms").isEqualTo(3);

        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertThat(IntStream.range(0, 25).filter(i -> rate.allow("s-1")).count()).as("after a quiet spell")
                .isEqualTo(20);
    }
}
