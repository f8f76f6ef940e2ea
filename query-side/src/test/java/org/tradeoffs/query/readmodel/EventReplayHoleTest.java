package org.tradeoffs.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.eventstore.EventVersionRevisionResolver;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.events.priority.PriorityWithdrawn;
import org.tradeoffs.query.projection.InMemoryMongo;

/**
 * A replay up to a processor's token (a read-model rebuild) applies every event the processor handled, also across
 * positions that were allocated and never stored (a writer that died between the two), which the processor passed
 * after the hole timeout: the replay's reader is new, and would otherwise stop there as at a commit still on its way.
 */
class EventReplayHoleTest {

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final OrderedMongoEventStorageEngine engine = OrderedMongoEventStorageEngine.builder()
            .database(mongo.database())
            .eventSerializer(serializer())
            .snapshotSerializer(serializer())
            .build();

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aReplayUpToATokenPastAHoleAppliesEveryEventOnBothSidesOfIt() {
        engine.ensureIndexes();
        append(0, 1, 2);                      // positions 1-3
        allocateWithoutStoring(2);            // 4 and 5 allocated, never stored
        append(3, 4);                         // 6 and 7
        Recorder recorder = new Recorder();

        long applied = new EventReplay(engine).replay(List.of(recorder), null,
                GapAwareTrackingToken.newInstance(7, Set.of()), position -> {
                });

        assertThat(recorder.positions).containsExactly(1L, 2L, 3L, 6L, 7L);
        assertThat(applied).isEqualTo(5);
    }

    /** Two holes with the burned position of a failed append between them: the replay still gets past both. */
    @Test
    void aReplayGetsPastHolesOnBothSidesOfABurnedPosition() {
        engine.ensureIndexes();
        append(0, 1, 2);                      // positions 1-3
        allocateWithoutStoring(2);            // 4 and 5
        assertThatThrownBy(() -> append(1)).as("sequence 1 is taken").isNotNull();   // 6, burned
        allocateWithoutStoring(1);            // 7
        append(3);                            // 8
        Recorder recorder = new Recorder();

        new EventReplay(engine).replay(List.of(recorder), null, GapAwareTrackingToken.newInstance(8, Set.of()),
                position -> {
                });

        assertThat(recorder.positions).containsExactly(1L, 2L, 3L, 8L);
    }

    private void allocateWithoutStoring(long positions) {
        mongo.database().getCollection("counters").updateOne(Filters.eq("_id", "events"),
                Updates.inc("position", positions));
    }

    private void append(long... sequences) {
        for (long sequence : sequences) {
            engine.appendEvents(List.of(new GenericDomainEventMessage<>("Priority", "p-1", sequence,
                    new PriorityWithdrawn("p-1", "c-1", "d-1", "reason " + sequence, "designer"))));
        }
    }

    private static JacksonSerializer serializer() {
        return JacksonSerializer.builder().revisionResolver(new EventVersionRevisionResolver()).build();
    }

    /** Records the position of every event it is given. */
    static final class Recorder {

        final List<Long> positions = new ArrayList<>();

        @EventHandler
        void on(PriorityWithdrawn event, TrackingToken token) {
            positions.add(token.position().orElseThrow());
        }
    }
}
