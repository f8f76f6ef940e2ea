package org.tradeoffs.eventstore;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.tradeoffs.eventstore.TestStore.deposited;

/** Each district's directory version: bumped by what changes the directory, checked by appends that expect one. */
class DirectoryVersionsTest {

    private final TestStore store = new TestStore();
    private final OrderedMongoEventStorageEngine engine = store.engine(100);
    private final EmbeddedEventStore eventStore = store.eventStore(engine);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aChangeOfADistrictsDirectoryBumpsThatDistrictsVersionAndNoOther() {
        assertThat(engine.directoryVersion("d-1")).isZero();

        engine.appendEvents(List.of(granted("d-1", 0, "analyst")));
        engine.appendEvents(List.of(deposited("a", 0)));

        assertThat(engine.directoryVersion("d-1")).isEqualTo(1);
        assertThat(engine.directoryVersion("d-2")).isZero();

        engine.appendEvents(List.of(granted("d-1", 1, "auditor")));
        assertThat(engine.directoryVersion("d-1")).isEqualTo(2);
    }

    @Test
    void anAppendCheckedAtAVersionThatHasMovedStoresNothingAndLeavesNoHole() {
        engine.appendEvents(List.of(granted("d-1", 0, "analyst")));        // position 1, d-1 at version 1

        assertThatThrownBy(() -> append(Map.of("d-1", 0L), deposited("a", 0)))
                .isInstanceOf(DirectoryChanged.class)
                .satisfies(e -> assertThat(((DirectoryChanged) e).districts()).containsExactly("d-1"));
        assertThat(eventStore.readEvents("a").hasNext()).as("the stale append stored nothing").isFalse();

        append(Map.of("d-1", 1L), deposited("a", 0));                     // checked at the current version

        List<TrackedEventMessage<?>> read = TestStore.readFrom(engine, null);
        assertThat(read).extracting(TestStore::aggregateOf).containsExactly("d-1", "a");
        assertThat(TestStore.positionOf(read.get(1))).as("after the stale append's burned position").isEqualTo(3);
    }

    @Test
    void anAppendThatExpectsNoVersionIsNotChecked() {
        engine.appendEvents(List.of(granted("d-1", 0, "analyst")));

        append(Map.of(), deposited("a", 0));

        assertThat(eventStore.readEvents("a").hasNext()).isTrue();
    }

    /**
     * A role revoked and a command of that member checked on the roster before it, stored in one group (both arrived
     * while another append was being stored): the command, placed after the revocation, is not stored.
     */
    @Test
    void aCommandCheckedBeforeAChangeOfItsDirectoryInTheSameGroupIsNotStoredAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean holdNextInsert = new AtomicBoolean(true);
        try (TestStore held = new TestStore(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("insert") && holdNextInsert.getAndSet(false)) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        })) {
            OrderedMongoEventStorageEngine grouped = held.engine(100);
            EmbeddedEventStore events = held.eventStore(grouped);
            ExecutorService writers = Executors.newFixedThreadPool(3);
            try {
                Future<?> first = writers.submit(() -> grouped.appendEvents(List.of(deposited("other", 0))));
                await().atMost(Duration.ofSeconds(5)).until(() -> !holdNextInsert.get());
                Future<?> revocation = writers.submit(() -> append(events, Map.of(), granted("d-1", 0, "analyst")));
                await().atMost(Duration.ofSeconds(5)).until(() -> grouped.appendsWaiting() == 1);
                Future<?> stale = writers.submit(() -> append(events, Map.of("d-1", 0L), deposited("a", 0)));
                await().atMost(Duration.ofSeconds(5)).until(() -> grouped.appendsWaiting() == 2);
                release.countDown();

                first.get(10, TimeUnit.SECONDS);
                revocation.get(10, TimeUnit.SECONDS);
                assertThatThrownBy(() -> stale.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DirectoryChanged.class);
                assertThat(events.readEvents("a").hasNext()).as("the stale command stored nothing").isFalse();
                assertThat(grouped.directoryVersion("d-1")).isEqualTo(1);
            } finally {
                writers.shutdownNow();
            }
        }
    }

    /** Appends the event in a unit of work for a command that carries the expected directory versions. */
    private void append(Map<String, Long> expected, DomainEventMessage<?> event) {
        append(eventStore, expected, event);
    }

    private static void append(EmbeddedEventStore eventStore, Map<String, Long> expected, DomainEventMessage<?> event) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("command")
                .andMetaData(Map.of(DirectoryVersions.EXPECTED, expected)));
        eventStore.publish(event);
        unitOfWork.commit();
    }

    private static GenericDomainEventMessage<MemberRoleGranted> granted(String districtId, long sequence,
                                                                       String username) {
        return new GenericDomainEventMessage<>("District", districtId, sequence,
                new MemberRoleGranted(districtId, username, Role.ROI_ANALYST, "admin"));
    }
}
