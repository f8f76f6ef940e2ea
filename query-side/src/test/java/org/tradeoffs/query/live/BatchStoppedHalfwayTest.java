package org.tradeoffs.query.live;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.ReplayStatus;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.query.live.CycleTopic.Kind;
import org.tradeoffs.query.priorities.PriorityBoardProjection;
import org.tradeoffs.query.priorities.PriorityBoardRepository;
import org.tradeoffs.query.priorities.PriorityView;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.projection.Tokens;
import org.tradeoffs.query.projection.WebJson;
import org.tradeoffs.query.projection.WriteBatch;

/**
 * A processor's batch whose writes stop halfway (here a write the store refuses; in production the process killed, or
 * the store unreachable, in the middle of writing the batch) is delivered again from the processor's token: it then
 * stores everything its events change, and every change it pushes, once. The batch writes the change log first and
 * the views the projection checks ("applied already") last, so an event whose checked view was not written is
 * applied again.
 */
class BatchStoppedHalfwayTest {

    private static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    private static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    private static final String LITERACY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    private static final String COUNSELORS = "a3b5c7d9-1e2f-4a6b-8c0d-2e4f6a8b0c35";

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final PriorityBoardRepository board = new PriorityBoardRepository(MongoViewStore.plain(mongo.database()));
    private final ChangeLog changes = new ChangeLog(mongo.database());
    private final PriorityBoardProjection projection = new PriorityBoardProjection(board,
            new StoredLiveUpdates(changes, WebJson.mapper()));

    @AfterEach
    void tearDown() {
        WriteBatch.discardOpen();
        mongo.close();
    }

    @Test
    void aBatchStoppedHalfwayDeliveredAgainStoresEveryViewAndPushesEveryChangeOnce() {
        // the boards' write of the first delivery fails: a unique index that an unrelated document holds the second
        // priority's id in
        MongoCollection<Document> boards = mongo.database().getCollection("board_cycles");
        boards.createIndex(Indexes.ascending("priorityIds"), new IndexOptions().unique(true));
        boards.insertOne(new Document("_id", "blocker").append("priorityIds", List.of(COUNSELORS)));

        assertThatThrownBy(this::deliverTheBatch).isInstanceOf(MongoException.class);
        boards.deleteOne(eq("_id", "blocker"));
        deliverTheBatch();

        assertThat(board.board(CYCLE)).extracting(PriorityView::id).containsExactly(LITERACY, COUNSELORS);
        assertThat(changes.read(CYCLE, Set.of(Kind.PRIORITIES), 0, 20, 100)).extracting(ChangeLog.Change::position)
                .containsExactly(12L, 13L);
    }

    private void deliverTheBatch() {
        WriteBatch.open();
        propose(LITERACY, "K-5 early literacy coaches", 12);
        propose(COUNSELORS, "Counselors in every middle school", 13);
        WriteBatch.flushOpen();
    }

    private void propose(String priorityId, String title, long position) {
        PriorityDetails details = new PriorityDetails(title, "", "Because it works.", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal("100000.00")), null);
        projection.on(new PriorityProposed(priorityId, CYCLE, DISTRICT, details, "designer"), Tokens.at(position),
                Instant.parse("2027-03-02T10:00:00Z").plusSeconds(position), 0, ReplayStatus.REGULAR);
    }
}
