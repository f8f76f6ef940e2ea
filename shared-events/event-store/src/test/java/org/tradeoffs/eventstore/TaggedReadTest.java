package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.PriorityWithdrawn;

/**
 * Reads scoped by tag: one cycle's events and the directory's, up to a position, and nothing of another cycle, also
 * inside a commit that holds events of both; commits stored before events carried tags are tagged at start. And the
 * replays' read by ranges of positions.
 */
class TaggedReadTest {

    private static final List<String> CYCLE_ONE = List.of(EventTags.DIRECTORY, EventTags.cycle("c1"));

    private final TestStore store = new TestStore();
    private final OrderedMongoEventStorageEngine engine = store.engine(100);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void finds_the_cycle_and_the_directory_up_to_the_position() {
        appendHistory();

        assertThat(positions(engine.readTagged(CYCLE_ONE, 5))).containsExactly(1L, 2L, 4L);
        assertThat(positions(engine.readTagged(CYCLE_ONE, 6))).containsExactly(1L, 2L, 4L, 6L);
        assertThat(positions(engine.readTagged(List.of(EventTags.cycle("c2")), 6))).containsExactly(3L, 5L);
        assertThat(engine.readTagged(CYCLE_ONE, 6).<Object>map(TrackedEventMessage::getPayload).toList())
                .containsExactly(granted(), withdrawn("p1", "c1"), withdrawn("p3", "c1"), withdrawn("p5", "c1"));
        assertThat(engine.readTagged(List.of(EventTags.cycle("c3")), 6)).isEmpty();
        assertThat(positions(engine.readTagged(List.of(EventTags.district("d1")), 6)))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(engine.readTagged(List.of(EventTags.district("d2")), 6)).isEmpty();
    }

    @Test
    void reads_every_stored_position_in_order_up_to_the_position() {
        appendHistory();

        assertThat(positions(engine.readContiguous(0, 6))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(positions(engine.readContiguous(2, 5))).containsExactly(3L, 4L, 5L);
        // the commit of 4 and 5 reaches past 4: left to the tracking read
        assertThat(positions(engine.readContiguous(3, 4))).isEmpty();
        assertThat(positions(engine.readContiguous(6, 6))).isEmpty();
        assertThat(positions(engine.readContiguous(4, 9))).containsExactly(5L, 6L);
        assertThat(engine.readContiguous(0, 6).<Object>map(TrackedEventMessage::getPayload).toList())
                .startsWith(granted(), withdrawn("p1", "c1"));
    }

    @Test
    void tags_commits_stored_before_events_carried_tags_once() {
        appendHistory();
        // As an older version stored them: no tags on the commits or their events, and no marker.
        for (Document commit : store.database.getCollection("events").find()) {
            List<Document> untagged = commit.getList("events", Document.class).stream()
                    .map(entry -> { Document copy = new Document(entry); copy.remove("tags"); return copy; })
                    .toList();
            store.database.getCollection("events").updateOne(Filters.eq("_id", commit.get("_id")),
                    Updates.combine(Updates.unset("tags"), Updates.set("events", untagged)));
        }
        store.database.getCollection("counters").deleteOne(Filters.eq("_id", "events-tagged"));
        assertThat(engine.readTagged(CYCLE_ONE, 6)).isEmpty();

        assertThat(engine.tagUntaggedCommits()).isEqualTo(5);

        assertThat(positions(engine.readTagged(CYCLE_ONE, 6))).containsExactly(1L, 2L, 4L, 6L);
        assertThat(positions(engine.readTagged(List.of(EventTags.cycle("c2")), 6))).containsExactly(3L, 5L);
        assertThat(engine.tagUntaggedCommits()).isZero();
    }

    /** 1 directory, 2 cycle c1, 3 cycle c2, 4-5 one commit of c1 and c2, 6 cycle c1. */
    private void appendHistory() {
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("District", "d1", 0, granted())));
        engine.appendEvents(List.of(priority(withdrawn("p1", "c1"))));
        engine.appendEvents(List.of(priority(withdrawn("p2", "c2"))));
        engine.appendEvents(List.of(priority(withdrawn("p3", "c1")), priority(withdrawn("p4", "c2"))));
        engine.appendEvents(List.of(priority(withdrawn("p5", "c1"))));
    }

    private static MemberRoleGranted granted() {
        return new MemberRoleGranted("d1", "ana", Role.DESIGN_TEAM, "admin");
    }

    private static PriorityWithdrawn withdrawn(String priorityId, String cycleId) {
        return new PriorityWithdrawn(priorityId, cycleId, "d1", "superseded", "ana");
    }

    private static DomainEventMessage<PriorityWithdrawn> priority(PriorityWithdrawn event) {
        return new GenericDomainEventMessage<>("Priority", event.priorityId(), 0, event);
    }

    private static List<Long> positions(Stream<TrackedEventMessage<?>> events) {
        return events.map(TestStore::positionOf).toList();
    }
}
