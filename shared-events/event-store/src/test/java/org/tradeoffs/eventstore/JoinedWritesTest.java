package org.tradeoffs.eventstore;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class JoinedWritesTest {

    /** An item that knows who wrote it, in which group, and how it failed. */
    private static final class Item extends JoinedWrites.Item {
        final String name;
        volatile String writtenBy;
        volatile RuntimeException failure;

        Item(String name) {
            this.name = name;
        }

        @Override
        void failed(RuntimeException failure) {
            this.failure = failure;
        }
    }

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final List<List<String>> groups = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        callers.shutdownNow();
    }

    private Consumer<List<Item>> recording(Consumer<List<Item>> then) {
        return group -> {
            groups.add(group.stream().map(item -> item.name).toList());
            group.forEach(item -> item.writtenBy = Thread.currentThread().getName());
            then.accept(group);
        };
    }

    @Test
    void aLoneCallerWritesItsItemAtOnceInItsOwnThread() {
        JoinedWrites<Item> writes = new JoinedWrites<>(recording(group -> { }), 64);
        for (int i = 0; i < 3; i++) {
            Item item = new Item("item-" + i);
            writes.write(item);
            assertThat(item.writtenBy).isEqualTo(Thread.currentThread().getName());
        }
        assertThat(groups).containsExactly(List.of("item-0"), List.of("item-1"), List.of("item-2"));
    }

    @Test
    void itemsArrivingWhileAGroupIsWrittenAreWrittenTogetherInTheOrderTheyArrived() throws Exception {
        List<Future<Item>> written = fiveQueuedBehindAFirstGroup(64);

        for (Future<Item> each : written) {
            Item item = each.get(5, TimeUnit.SECONDS);
            assertThat(item.writtenBy).isNotNull();
            assertThat(item.failure).isNull();
        }
        assertThat(groups).containsExactly(List.of("first"),
                List.of("waiting-0", "waiting-1", "waiting-2", "waiting-3", "waiting-4"));
        // the second group was written by one of its own callers, not by the first caller
        assertThat(written.get(1).get().writtenBy).isNotEqualTo(written.get(0).get().writtenBy);
    }

    @Test
    void aGroupIsAtMostTheLargestSizeAndTheRestFollowInOrder() throws Exception {
        List<Future<Item>> written = fiveQueuedBehindAFirstGroup(2);

        for (Future<Item> each : written) {
            assertThat(each.get(5, TimeUnit.SECONDS).writtenBy).isNotNull();
        }
        assertThat(groups).containsExactly(List.of("first"), List.of("waiting-0", "waiting-1"),
                List.of("waiting-2", "waiting-3"), List.of("waiting-4"));
    }

    /**
     * A caller's item "first" is being written, held there until five more callers queue one after the other
     * ("waiting-0" to "waiting-4", none of them returning meanwhile); then its write ends. Answers the six calls.
     */
    private List<Future<Item>> fiveQueuedBehindAFirstGroup(int maxGroup) {
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstGroup = new CountDownLatch(1);
        JoinedWrites<Item> writes = new JoinedWrites<>(recording(group -> {
            if (group.get(0).name.equals("first")) {
                firstGroupStarted.countDown();
                awaitLatch(releaseFirstGroup);
            }
        }), maxGroup);
        List<Future<Item>> written = new ArrayList<>();
        written.add(callers.submit(() -> write(writes, "first")));
        awaitLatch(firstGroupStarted);
        for (int i = 0; i < 5; i++) {
            String name = "waiting-" + i;
            written.add(callers.submit(() -> write(writes, name)));
            int queued = i + 1;
            Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> queuedCallers(queued));
        }
        assertThat(written).noneMatch(Future::isDone);
        releaseFirstGroup.countDown();
        return written;
    }

    @Test
    void whatTheWriterThrowsIsEveryItemsFailureAndTheNextGroupIsWrittenAgain() {
        JoinedWrites<Item> writes = new JoinedWrites<>(recording(group -> {
            if (group.get(0).name.equals("doomed")) {
                throw new IllegalStateException("store unreachable");
            }
        }), 64);
        Item doomed = new Item("doomed");
        Item next = new Item("next");

        writes.write(doomed);
        writes.write(next);

        assertThat(doomed.failure).hasMessage("store unreachable");
        assertThat(next.failure).isNull();
        assertThat(groups).containsExactly(List.of("doomed"), List.of("next"));
    }

    private static Item write(JoinedWrites<Item> writes, String name) {
        Item item = new Item(name);
        writes.write(item);
        return item;
    }

    /** Whether that many callers are blocked in {@code write}, waiting for their turn. */
    private boolean queuedCallers(int count) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getState() == Thread.State.WAITING)
                .filter(entry -> Arrays.stream(entry.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(JoinedWrites.class.getName())
                                && frame.getMethodName().equals("write")))
                .count() == count;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
