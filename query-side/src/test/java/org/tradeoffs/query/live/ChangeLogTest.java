package org.tradeoffs.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.bson.Document;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.query.live.ChangeLog.Change;
import org.tradeoffs.query.live.CycleTopic.Kind;
import org.tradeoffs.query.projection.InMemoryMongo;

class ChangeLogTest {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ChangeLog log = new ChangeLog(mongo.database());

    @AfterEach
    void close() {
        mongo.close();
    }

    /** A store whose client counts the queries it sends. */
    private static InMemoryMongo countingFinds(AtomicInteger finds) {
        return new InMemoryMongo(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    finds.incrementAndGet();
                }
            }
        });
    }

    @Test
    void readsTheChangesOfTheKindsAndCycleAfterAPositionInPositionOrder() {
        log.record(CycleTopic.priorities("c-1"), 5, "{\"p\":5}");
        log.record(CycleTopic.priorities("c-2"), 6, "{\"p\":6}");
        log.record(new CycleTopic("c-1", Kind.TIMELINE), 5, "{\"t\":5}");
        log.record(CycleTopic.priorities("c-1"), 7, "{\"p\":7}");

        assertThat(log.read("c-1", Set.of(Kind.PRIORITIES, Kind.TIMELINE), 0, 10, 100))
                .extracting(Change::position, Change::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, Kind.PRIORITIES),
                        org.assertj.core.groups.Tuple.tuple(5L, Kind.TIMELINE),
                        org.assertj.core.groups.Tuple.tuple(7L, Kind.PRIORITIES));
        assertThat(log.read("c-1", Set.of(Kind.PRIORITIES), 5, 6, 100)).isEmpty();
    }

    /**
     * The live feed's round: each topic kind's changes of every cycle in its own range, in one query while no range is
     * longer than a window, a kind at a time otherwise, with the same answer.
     */
    @Test
    void readsEachKindsChangesInItsOwnRangeInOneQuery() {
        AtomicInteger finds = new AtomicInteger();
        try (InMemoryMongo counted = countingFinds(finds)) {
            ChangeLog counting = new ChangeLog(counted.database());
            for (long position = 1; position <= 600; position++) {
                counting.record(CycleTopic.priorities(position % 2 == 0 ? "c-1" : "c-2"), position, "{}");
                if (position % 3 == 0) {
                    counting.record(new CycleTopic("c-1", Kind.TIMELINE), position, "{}");
                }
            }

            Map<Kind, List<Change>> near = counting.readEach(Map.of(Kind.PRIORITIES, new ChangeLog.Range(10, 13),
                    Kind.TIMELINE, new ChangeLog.Range(4, 12), Kind.SAVINGS, new ChangeLog.Range(0, 5)), 256);

            assertThat(finds.get()).as("queries").isEqualTo(1);
            assertThat(near.get(Kind.PRIORITIES)).extracting(Change::position, Change::cycleId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(11L, "c-2"),
                            org.assertj.core.groups.Tuple.tuple(12L, "c-1"),
                            org.assertj.core.groups.Tuple.tuple(13L, "c-2"));
            assertThat(near.get(Kind.TIMELINE)).extracting(Change::position).containsExactly(6L, 9L, 12L);
            assertThat(near.get(Kind.SAVINGS)).isEmpty();

            Map<Kind, List<Change>> far = counting.readEach(Map.of(Kind.PRIORITIES, new ChangeLog.Range(0, 600),
                    Kind.TIMELINE, new ChangeLog.Range(590, 600)), 256);

            assertThat(far.get(Kind.PRIORITIES)).extracting(Change::position)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 256).boxed().toList());
            assertThat(far.get(Kind.TIMELINE)).extracting(Change::position).containsExactly(591L, 594L, 597L, 600L);
        }
    }

    /**
     * A catch-up of a quiet cycle in a busy log (since-position 0, its three changes among 20,000 of another cycle):
     * a few queries, not one for every window of positions since.
     */
    @Test
    void aQuietCyclesChangesAmongManyOfAnotherAreReadInAFewQueries() {
        AtomicInteger finds = new AtomicInteger();
        try (InMemoryMongo counted = countingFinds(finds)) {
            ChangeLog busyLog = new ChangeLog(counted.database());
            counted.database().getCollection(ChangeLog.COLLECTION).insertMany(LongStream.rangeClosed(1, 20_000)
                    .mapToObj(position -> new Document("_id", position * 8 + Kind.TIMELINE.ordinal())
                            .append("cycleId", "busy").append("topic", Kind.TIMELINE.path())
                            .append("position", position).append("frame", "{}"))
                    .toList());
            for (long position : new long[] {3, 9_000, 19_999}) {
                busyLog.record(CycleTopic.priorities("quiet"), position, "{\"p\":" + position + "}");
            }

            List<Change> found = busyLog.read("quiet", Set.of(Kind.PRIORITIES), 0, 20_000, 100);

            assertThat(found).extracting(Change::position).containsExactly(3L, 9_000L, 19_999L);
            assertThat(finds.get()).as("queries").isLessThanOrEqualTo(10);
            assertThat(busyLog.read("quiet", Set.of(Kind.PRIORITIES), 3, 20_000, 1)).extracting(Change::position)
                    .containsExactly(9_000L);
        }
    }

    /** {@code GET /changes?after=9223372036854775807} is a valid request: it must answer at once, with nothing. */
    @Test
    void nothingComesAfterTheLargestPositionAndTheAnswerIsImmediate() {
        log.record(CycleTopic.priorities("c-1"), 5, "{}");

        Object found = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> log.read("c-1", Set.of(Kind.PRIORITIES), Long.MAX_VALUE, 10, 100));

        assertThat(found).asList().isEmpty();
    }
}
