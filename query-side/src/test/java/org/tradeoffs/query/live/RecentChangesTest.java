package org.tradeoffs.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tradeoffs.query.live.ChangeLog.Change;
import org.tradeoffs.query.live.CycleTopic.Kind;

class RecentChangesTest {

    private static final CycleTopic SPRING = CycleTopic.priorities("spring");
    private static final CycleTopic FALL = CycleTopic.priorities("fall");
    /** 128 bytes of overhead plus 72 characters: 200 bytes a change. */
    private static final String FRAME = "x".repeat(72);

    private static Change change(CycleTopic topic, long position) {
        return new Change(position, topic.kind(), topic.cycleId(), FRAME);
    }

    private static List<Long> positions(List<Change> changes) {
        return changes.stream().map(Change::position).toList();
    }

    @Test
    void servesOneTopicsChangesInTheAskedRangeInPositionOrder() {
        RecentChanges recent = new RecentChanges(1_000_000);
        recent.startAt(Kind.PRIORITIES, 10);
        recent.startAt(Kind.TIMELINE, 10);
        for (long position = 11; position <= 20; position++) {
            recent.add(change(position % 2 == 0 ? SPRING : FALL, position));
        }

        assertThat(recent.read(SPRING, 10, 20, 100).map(RecentChangesTest::positions))
                .contains(List.of(12L, 14L, 16L, 18L, 20L));
        assertThat(recent.read(SPRING, 13, 18, 100).map(RecentChangesTest::positions))
                .contains(List.of(14L, 16L, 18L));
        assertThat(recent.read(SPRING, 10, 20, 2).map(RecentChangesTest::positions)).contains(List.of(12L, 14L));
        assertThat(recent.read(CycleTopic.timeline("spring"), 10, 20, 100)).contains(List.of());
    }

    @Test
    void aGapFromBeforeWhatItHoldsIsLeftToTheChangeLog() {
        RecentChanges recent = new RecentChanges(1_000_000);
        recent.startAt(Kind.PRIORITIES, 10);
        recent.add(change(SPRING, 11));

        assertThat(recent.read(SPRING, 9, 11, 100)).isEmpty();
        assertThat(recent.read(SPRING, 10, 11, 100).map(RecentChangesTest::positions)).contains(List.of(11L));
        assertThat(recent.read(CycleTopic.timeline("spring"), 10, 11, 100))
                .as("a kind it was never started for").isEmpty();
    }

    @Test
    void pastItsBudgetItDropsTheOldestChangesOfAnyTopicAndNoLongerAnswersForThem() {
        RecentChanges recent = new RecentChanges(1_000);
        recent.startAt(Kind.PRIORITIES, 0);
        recent.startAt(Kind.TIMELINE, 0);
        for (long position = 1; position <= 5; position++) {
            recent.add(change(SPRING, position));
        }
        recent.add(change(CycleTopic.timeline("spring"), 6));
        recent.add(change(FALL, 7));

        // seven changes of 200 bytes in a budget of 1,000: positions 1 and 2 went
        assertThat(recent.read(SPRING, 1, 7, 100)).isEmpty();
        assertThat(recent.read(SPRING, 2, 7, 100).map(RecentChangesTest::positions)).contains(List.of(3L, 4L, 5L));
        assertThat(recent.read(FALL, 2, 7, 100).map(RecentChangesTest::positions)).contains(List.of(7L));
        assertThat(recent.read(CycleTopic.timeline("spring"), 0, 7, 100).map(RecentChangesTest::positions))
                .as("another kind keeps its own floor").contains(List.of(6L));
    }

    @Test
    void withoutABudgetItHoldsNothingYetKnowsThatNothingCameAfterTheLastChange() {
        RecentChanges recent = new RecentChanges(0);
        recent.startAt(Kind.PRIORITIES, 0);
        recent.add(change(SPRING, 1));
        recent.add(change(FALL, 2));

        assertThat(recent.read(SPRING, 0, 2, 100)).isEmpty();
        assertThat(recent.read(SPRING, 2, 2, 100)).contains(List.of());
    }
}
