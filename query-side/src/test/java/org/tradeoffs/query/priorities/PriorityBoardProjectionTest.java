package org.tradeoffs.query.priorities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.priorities.PriorityView.Decision.Outcome;
import org.tradeoffs.query.priorities.PriorityView.Status;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.projection.RecordingLiveUpdates;
import org.tradeoffs.query.projection.Tokens;
import org.tradeoffs.query.projection.ViewDocuments;
import org.tradeoffs.query.projection.WebJson;

class PriorityBoardProjectionTest {

    static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String OTHER_CYCLE = "5f0e6a2b-8c3d-4e1f-9a7b-2d4c6e8f0a13";
    static final String LITERACY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final String COUNSELORS = "a3b5c7d9-1e2f-4a6b-8c0d-2e4f6a8b0c35";
    static final Instant EPOCH = Instant.parse("2027-03-02T10:00:00.123456Z");

    static final PriorityDetails LITERACY_DETAILS = new PriorityDetails("K-5 early literacy coaches",
            "Coaches in every K-5 classroom.", "Weekly coaching raises grade-3 reading proficiency.",
            Fundability.ACTION, CostSplit.allUnallocated(new BigDecimal("1250000.00")), "Goal 1");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final RecordingLiveUpdates live = new RecordingLiveUpdates();
    private PriorityBoardRepository board;
    private PriorityBoardProjection projection;

    @BeforeEach
    void setUp() {
        board = new PriorityBoardRepository(MongoViewStore.plain(mongo.database()));
        projection = new PriorityBoardProjection(board, live);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void proposedPriorityAppearsOnItsCycleBoardWithItsExactCost() {
        apply(proposed(LITERACY, CYCLE), 12, 0);

        PriorityView view = board.board(CYCLE).get(0);
        assertThat(view.id()).isEqualTo(LITERACY);
        assertThat(view.title()).isEqualTo("K-5 early literacy coaches");
        assertThat(view.cost()).isEqualTo(new PriorityView.Cost("0.00", "0.00", "0.00", "1250000.00"));
        assertThat(view.estimatedAnnualCost()).isEqualTo("1250000.00");
        assertThat(view.status()).isEqualTo(Status.PROPOSED);
        assertThat(view.proposedBy()).isEqualTo("designer");
        assertThat(view.proposedAt()).isEqualTo(EPOCH.plusSeconds(12));
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.position()).isEqualTo(12);
        assertThat(board.board(OTHER_CYCLE)).isEmpty();
    }

    @Test
    void costInScientificNotationIsShownInPlainNotation() {
        PriorityDetails millions = new PriorityDetails("Coaches", "", "Theory", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal("1.25E+6")), null);
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, millions, "designer"), 12, 0);

        assertThat(board.priority(LITERACY).orElseThrow().estimatedAnnualCost()).isEqualTo("1250000");
    }

    @Test
    void aViewStoredBeforeCostsWereSplitShowsItsAmountAsUnallocated() {
        apply(proposed(LITERACY, CYCLE), 12, 0);
        Document stored = ViewDocuments.toDocument(LITERACY, board.priority(LITERACY).orElseThrow());
        stored.remove("cost");

        PriorityView read = ViewDocuments.fromDocument(stored, PriorityView.class);

        assertThat(read.cost()).isEqualTo(new PriorityView.Cost("0.00", "0.00", "0.00", "1250000.00"));
        assertThat(read.estimatedAnnualCost()).isEqualTo("1250000.00");
    }

    @Test
    void boardListsPrioritiesInProposalOrderEvenAfterEdits() {
        apply(proposed(LITERACY, CYCLE), 12, 0);
        apply(proposed(COUNSELORS, CYCLE), 13, 0);
        apply(new PriorityRevised(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 14, 1);

        assertThat(board.board(CYCLE)).extracting(PriorityView::id).containsExactly(LITERACY, COUNSELORS);
    }

    @Test
    void revisionReplacesTheDetailsAndKeepsTheProposal() {
        apply(proposed(LITERACY, CYCLE), 12, 0);
        PriorityDetails revised = new PriorityDetails("K-3 literacy coaches", "Narrower.", "Same theory.",
                Fundability.ACTION, new CostSplit(new BigDecimal("700000.00"), new BigDecimal("150000.50"),
                        new BigDecimal("0"), new BigDecimal("50000.00")), null);
        apply(new PriorityRevised(LITERACY, CYCLE, DISTRICT, revised, "steering"), 15, 1);

        PriorityView view = board.priority(LITERACY).orElseThrow();
        assertThat(view.title()).isEqualTo("K-3 literacy coaches");
        assertThat(view.cost()).isEqualTo(new PriorityView.Cost("700000.00", "150000.50", "0", "50000.00"));
        assertThat(view.estimatedAnnualCost()).isEqualTo("900000.50");
        assertThat(view.lcapGoal()).isNull();
        assertThat(view.proposedBy()).isEqualTo("designer");
        assertThat(view.proposedAt()).isEqualTo(EPOCH.plusSeconds(12));
        assertThat(view.updatedAt()).isEqualTo(EPOCH.plusSeconds(15));
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.position()).isEqualTo(15);
    }

    @Test
    void approvalRecordsWhoDecidedWhyAndWhen() {
        apply(proposed(LITERACY, CYCLE), 12, 0);
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Strongest evidence.", "steering"), 19, 1);

        PriorityView view = board.priority(LITERACY).orElseThrow();
        assertThat(view.status()).isEqualTo(Status.APPROVED);
        assertThat(view.decision())
                .isEqualTo(new PriorityView.Decision(Outcome.APPROVED, "Strongest evidence.", "steering",
                        EPOCH.plusSeconds(19)));
    }

    @Test
    void reopeningARejectedPriorityClearsTheDecision() {
        apply(proposed(LITERACY, CYCLE), 12, 0);
        apply(new PriorityRejected(LITERACY, CYCLE, DISTRICT, "Too costly.", "steering"), 13, 1);
        assertThat(board.priority(LITERACY).orElseThrow().decision().outcome()).isEqualTo(Outcome.REJECTED);

        apply(new PriorityReopened(LITERACY, CYCLE, DISTRICT, "New funding found.", "steering"), 14, 2);

        PriorityView view = board.priority(LITERACY).orElseThrow();
        assertThat(view.status()).isEqualTo(Status.PROPOSED);
        assertThat(view.decision()).isNull();
        assertThat(view.version()).isEqualTo(3);
    }

    @Test
    void withdrawalKeepsTheReason() {
        apply(proposed(LITERACY, CYCLE), 12, 0);
        apply(new PriorityWithdrawn(LITERACY, CYCLE, DISTRICT, "Merged into another priority.", "designer"), 13, 1);

        PriorityView view = board.priority(LITERACY).orElseThrow();
        assertThat(view.status()).isEqualTo(Status.WITHDRAWN);
        assertThat(view.withdrawalReason()).isEqualTo("Merged into another priority.");
    }

    @Test
    void everyLiveChangeIsPushedToItsCyclesPrioritiesTopicAsTheContractDescribes() throws Exception {
        apply(proposed(LITERACY, CYCLE), 12, 0);
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Strongest evidence.", "steering"), 19, 1);

        assertThat(live.sent()).extracting(RecordingLiveUpdates.Sent::destination)
                .containsExactly("/topic/cycles/" + CYCLE + "/priorities", "/topic/cycles/" + CYCLE + "/priorities");
        LiveFrame<?> approval = live.sent().get(1).frame();
        assertThat(approval.position()).isEqualTo(19);
        assertThat(approval.type()).isEqualTo("PriorityApproved");
        assertThat(approval.view()).isEqualTo(board.priority(LITERACY).orElseThrow());
        ObjectMapper webJson = WebJson.mapper();
        for (RecordingLiveUpdates.Sent sent : live.sent()) {
            assertThat(Contract.load().validateFrame("/topic/cycles/{cycleId}/priorities",
                    webJson.writeValueAsString(sent.frame()))).isEmpty();
        }
    }

    @Test
    void reapplyingAnAlreadyAppliedPositionChangesNothingAndPushesNothing() {
        apply(proposed(LITERACY, CYCLE), 12, 0);
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Strongest evidence.", "steering"), 19, 1);
        PriorityView before = board.priority(LITERACY).orElseThrow();
        live.clear();

        apply(proposed(LITERACY, CYCLE), 12, 0);
        apply(new PriorityRevised(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 15, 1);
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Strongest evidence.", "steering"), 19, 1);

        assertThat(board.priority(LITERACY)).contains(before);
        assertThat(board.board(CYCLE)).hasSize(1);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void resetAndReplayRebuildTheSameBoardsWithoutPushing() {
        List<Applied> history = List.of(
                new Applied(proposed(LITERACY, CYCLE), 12, 0),
                new Applied(proposed(COUNSELORS, OTHER_CYCLE), 13, 0),
                new Applied(new PriorityRejected(LITERACY, CYCLE, DISTRICT, "Too costly.", "steering"), 14, 1),
                new Applied(new PriorityReopened(LITERACY, CYCLE, DISTRICT, "Funding found.", "steering"), 15, 2),
                new Applied(new PriorityWithdrawn(COUNSELORS, OTHER_CYCLE, DISTRICT, "Duplicate.", "designer"), 16, 1));
        history.forEach(applied -> apply(applied.event(), applied.position(), applied.sequence()));
        List<PriorityView> cycle = board.board(CYCLE);
        List<PriorityView> otherCycle = board.board(OTHER_CYCLE);
        live.clear();

        projection.reset();
        assertThat(board.board(CYCLE)).isEmpty();
        history.forEach(applied -> projection.on(applied.event(), Tokens.at(applied.position()),
                EPOCH.plusSeconds(applied.position()), applied.sequence(), ReplayStatus.REPLAY));

        assertThat(board.board(CYCLE)).isEqualTo(cycle);
        assertThat(board.board(OTHER_CYCLE)).isEqualTo(otherCycle);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void eventForAPriorityNeverProposedIsIgnored() {
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Strongest evidence.", "steering"), 19, 1);

        assertThat(board.priority(LITERACY)).isEmpty();
        assertThat(board.board(CYCLE)).isEmpty();
        assertThat(live.sent()).isEmpty();
    }

    private record Applied(PriorityEvent event, long position, long sequence) {
    }

    private void apply(PriorityEvent event, long position, long sequence) {
        projection.on(event, Tokens.at(position), EPOCH.plusSeconds(position), sequence, ReplayStatus.REGULAR);
    }

    private static PriorityProposed proposed(String priorityId, String cycleId) {
        return new PriorityProposed(priorityId, cycleId, DISTRICT, LITERACY_DETAILS, "designer");
    }
}
