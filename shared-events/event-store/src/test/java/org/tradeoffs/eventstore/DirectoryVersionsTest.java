package org.tradeoffs.eventstore;

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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    /** Appends the event in a unit of work for a command that carries the expected directory versions. */
    private void append(Map<String, Long> expected, DomainEventMessage<?> event) {
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
