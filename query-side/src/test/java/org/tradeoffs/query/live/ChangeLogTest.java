package org.tradeoffs.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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

    /** {@code GET /changes?after=9223372036854775807} is a valid request: it must answer at once, with nothing. */
    @Test
    void nothingComesAfterTheLargestPositionAndTheAnswerIsImmediate() {
        log.record(CycleTopic.priorities("c-1"), 5, "{}");

        Object found = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> log.read("c-1", Set.of(Kind.PRIORITIES), Long.MAX_VALUE, 10, 100));

        assertThat(found).asList().isEmpty();
    }
}
