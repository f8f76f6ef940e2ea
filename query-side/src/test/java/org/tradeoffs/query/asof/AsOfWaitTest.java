package org.tradeoffs.query.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.query.problem.NotReadyException;
import org.tradeoffs.query.readmodel.EventReplay;

/** Past states are rebuilt one at a time; a read kept waiting by the others is answered "not ready" in bounded time. */
class AsOfWaitTest {

    @Test
    void aReadKeptWaitingByAnotherReplayIsNotReadyAfterTheMaxWaitThenAnsweredOnceItEnded() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventReplay replay = mock(EventReplay.class);
        doAnswer(call -> {
            started.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return 0L;
        }).doReturn(0L).when(replay).replay(anyList(), any(Stream.class), any());
        OrderedMongoEventStorageEngine storage = mock(OrderedMongoEventStorageEngine.class);
        when(storage.readTagged(any(), anyLong())).thenAnswer(call -> Stream.empty());
        AsOf asOf = new AsOf(replay, storage, 2, Duration.ofMillis(300));

        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> asOf.at(10, AsOf.Scope.cycle("c-1")));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        assertThatThrownBy(() -> asOf.at(20, AsOf.Scope.cycle("c-1")))
                .isInstanceOf(NotReadyException.class)
                .satisfies(e -> assertThat(((NotReadyException) e).retryAfterSeconds()).isPositive());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(asOf.at(20, AsOf.Scope.cycle("c-1"))).as("asked again, once the other replay ended").isNotNull();
    }
}
