package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.tradeoffs.eventstore.TestStore.deposited;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event store's producer tails the log with blocking reads. Within the busy window after one found events, a read
 * that finds none reads again a busy poll interval later instead of returning (the producer would then wait its whole
 * poll interval); outside it, and once the stream is closed, it returns. The clock stands still unless a test moves
 * it, so "within the window" holds as long as a test needs it to.
 */
class BusyWindowTest {

    private static final Duration WINDOW = Duration.ofMillis(100);

    private final AtomicInteger headReads = new AtomicInteger();
    private final TestStore store = new TestStore(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")
                    && event.getCommand().getString("find").getValue().equals("counters")) {
                headReads.incrementAndGet();
            }
        }
    });
    private final AtomicLong now = new AtomicLong(1_000);
    private final OrderedMongoEventStorageEngine engine = store.engineBuilder(100)
            .busyPollInterval(Duration.ofMillis(5))
            .busyWindow(WINDOW)
            .nanoClock(now::get)
            .build();
    private final AtomicReference<Stream<? extends TrackedEventMessage<?>>> tailing = new AtomicReference<>();

    @AfterEach
    void close() {
        Optional.ofNullable(tailing.get()).ifPresent(Stream::close);
        store.close();
    }

    @Test
    void withinTheWindowAnEmptyReadWaitsForTheNextEventInsteadOfReturning() {
        engine.appendEvents(List.of(deposited("a", 0)));
        TrackingToken afterFirst = firstBlocking(null).orElseThrow().trackingToken();

        CompletableFuture<Optional<TrackedEventMessage<?>>> next = tailFrom(afterFirst);
        int before = headReads.get();
        await().until(() -> headReads.get() >= before + 3); // it read the head again and again
        assertThat(next).isNotDone();

        engine.appendEvents(List.of(deposited("a", 1)));

        assertThat(next.join()).map(TestStore::positionOf).contains(2L);
    }

    @Test
    void pastTheWindowAnEmptyReadReturns() {
        engine.appendEvents(List.of(deposited("a", 0)));
        TrackingToken afterFirst = firstBlocking(null).orElseThrow().trackingToken();
        now.addAndGet(WINDOW.toNanos());

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(firstBlocking(afterFirst)).isEmpty());
    }

    @Test
    void anIdleStoreIsNotReadAgainBeforeTheProducerAsks() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(firstBlocking(null)).isEmpty());
        assertThat(headReads).hasValue(1);
    }

    @Test
    void aReadThatDoesNotBlockNeverWaits() {
        engine.appendEvents(List.of(deposited("a", 0)));
        TrackingToken afterFirst = firstBlocking(null).orElseThrow().trackingToken();

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThat(engine.readEvents(afterFirst, false).findFirst()).isEmpty());
    }

    @Test
    void closingTheStreamEndsTheWait() {
        engine.appendEvents(List.of(deposited("a", 0)));
        TrackingToken afterFirst = firstBlocking(null).orElseThrow().trackingToken();
        CompletableFuture<Optional<TrackedEventMessage<?>>> next = tailFrom(afterFirst);
        int before = headReads.get();
        await().until(() -> headReads.get() >= before + 2);

        tailing.get().close(); // as the event store's producer does when it shuts down

        assertThat(next.join()).isEmpty();
    }

    private Optional<TrackedEventMessage<?>> firstBlocking(TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, true)) {
            return events.findFirst().map(m -> m);
        }
    }

    private CompletableFuture<Optional<TrackedEventMessage<?>>> tailFrom(TrackingToken token) {
        Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, true);
        tailing.set(events);
        return CompletableFuture.supplyAsync(() -> events.findFirst().map(m -> m));
    }
}
