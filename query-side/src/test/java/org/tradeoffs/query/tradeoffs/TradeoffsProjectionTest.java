package org.tradeoffs.query.tradeoffs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputEvent;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.SavingsCaptured;
import org.tradeoffs.events.savings.SavingsCatalog;
import org.tradeoffs.events.savings.ScreeningDecision;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Tally;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffEvent;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.Vote;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.events.tradeoff.VoteChanged;
import org.tradeoffs.events.tradeoff.VotingRulesChanged;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.projection.RecordingLiveUpdates;
import org.tradeoffs.query.projection.Tokens;
import org.tradeoffs.query.projection.WebJson;
import org.tradeoffs.query.tradeoffs.Balance.FocusAreaBalance;
import org.tradeoffs.query.tradeoffs.Balance.OverCommitted;
import org.tradeoffs.query.tradeoffs.Balance.UnfundedPriority;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.PriorityEntry;
import org.tradeoffs.query.tradeoffs.TradeoffView.ConsideredInput;
import org.tradeoffs.query.tradeoffs.TradeoffView.Decision;
import org.tradeoffs.query.tradeoffs.TradeoffView.FundingLine;
import org.tradeoffs.query.tradeoffs.TradeoffView.InvestmentLine;
import org.tradeoffs.query.tradeoffs.TradeoffView.Rules;
import org.tradeoffs.query.tradeoffs.TradeoffView.Status;
import org.tradeoffs.query.tradeoffs.TradeoffView.TallyView;
import org.tradeoffs.query.tradeoffs.TradeoffView.Totals;
import org.tradeoffs.query.tradeoffs.TradeoffView.Version;
import org.tradeoffs.query.tradeoffs.TradeoffView.VoteChange;
import org.tradeoffs.query.tradeoffs.TradeoffView.VoteView;

class TradeoffsProjectionTest {

    static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String OTHER_CYCLE = "5f0e6a2b-8c3d-4e1f-9a7b-2d4c6e8f0a13";
    static final Instant EPOCH = Instant.parse("2027-05-06T18:00:00.123456Z");

    static final String LITERACY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final String COUNSELORS = "d2b8f4a0-3c5e-4f7b-9a1d-0e2c4f6b8d35";
    static final String ARTS = "e3c9a5b1-4d6f-4a8c-8b2e-1f3d5a7c9e46";
    static final String MUSIC = "f4d0b6c2-5e7a-4b9d-9c3f-2a4e6b8d0f57";

    /** #1 general education transportation (reducing operational costs). */
    static final String TRANSPORT = "5e9a1c37-4b2d-4f8e-a6c1-3d7b9e2f4a68";
    /** #16 Medicaid reimbursement (maximizing revenue). */
    static final String MEDICAID = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c25";
    /** #20 instructional coaching positions (professional development). */
    static final String COACHING = "e1d5b3a9-8c7f-4e2a-b6d4-2a9c5e7f1b36";

    static final String PARENT_SURVEY = "b7e3d9a1-5c2f-4a8e-8d6b-1f4c7e2a9d58";
    static final String TEACHER_TOWN_HALL = "c8f4e0b2-6d3a-4b9f-9e7c-2a5d8f3b0e69";

    static final String LITERACY_PACKAGE = "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93";
    static final String ROUTES_PACKAGE = "b5e3d9f7-2c4e-4f6a-8b8d-3e9c7f5a2d04";
    static final String ARTS_PACKAGE = "c6f4e0a8-3d5f-4a7b-9c9e-4f0d8a6b3e15";

    static final String TITLE_I = "Title I carryover";

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final RecordingLiveUpdates live = new RecordingLiveUpdates();
    private final List<Applied> history = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private long nextPosition = 10;
    private TradeoffsRepository tradeoffs;
    private TradeoffsProjection projection;

    @BeforeEach
    void setUp() {
        tradeoffs = new TradeoffsRepository(MongoViewStore.plain(mongo.database()));
        projection = new TradeoffsProjection(tradeoffs, live);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void draftedPackageShowsItsLinesWithTitlesNumbersConsideredInputsAndTotals() {
        setting();
        long drafted = nextPosition;
        record(new TradeoffDrafted(LITERACY_PACKAGE, CYCLE, DISTRICT, literacyContent("700000"), "designer"));

        TradeoffView view = tradeoffs.tradeoff(LITERACY_PACKAGE).orElseThrow();
        assertThat(view.title()).isEqualTo("Fund early-literacy coaches");
        assertThat(view.narrative()).isEqualTo("Coaches in every K-3 classroom, paid by routes and Medicaid.");
        assertThat(view.status()).isEqualTo(Status.DRAFT);
        assertThat(view.contentVersion()).isEqualTo(1);
        assertThat(view.investments()).containsExactly(
                new InvestmentLine(LITERACY, "K-5 early literacy coaches", "1000000.00"),
                new InvestmentLine(COUNSELORS, "Middle-school counselors", "200000.00"));
        assertThat(view.funding()).containsExactly(
                new FundingLine(TRANSPORT, 1, null, "700000.00"),
                new FundingLine(MEDICAID, 16, null, "90000.00"),
                new FundingLine(null, null, TITLE_I, "300000.00"));
        assertThat(view.totals()).isEqualTo(new Totals("1200000.00", "1090000.00", "-110000.00"));
        assertThat(view.consideredInputs()).containsExactly(new ConsideredInput(PARENT_SURVEY,
                "Parents want earlier reading support.", StakeholderGroup.PARENTS, 689));
        assertThat(view.rules()).isNull();
        assertThat(view.votes()).isEmpty();
        assertThat(view.decision()).isNull();
        assertThat(view.versions()).containsExactly(new Version(1, view.title(), view.narrative(), view.investments(),
                view.funding(), "designer", EPOCH.plusSeconds(drafted)));
        assertThat(view.draftedBy()).isEqualTo("designer");
        assertThat(view.draftedAt()).isEqualTo(EPOCH.plusSeconds(drafted));
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.position()).isEqualTo(drafted);
    }

    @Test
    void revisionReplacesTheContentAndKeepsEveryVersion() {
        setting();
        record(new TradeoffDrafted(LITERACY_PACKAGE, CYCLE, DISTRICT, literacyContent("700000"), "designer"));
        long revised = nextPosition;
        record(new TradeoffRevised(LITERACY_PACKAGE, CYCLE, DISTRICT, 2, new PackageContent("Fund K-3 coaches", null,
                List.of(new Investment(LITERACY, new BigDecimal("800000"))),
                List.of(new Funding(TRANSPORT, null, new BigDecimal("800000.50"))), List.of(TEACHER_TOWN_HALL)),
                "steering"));

        TradeoffView view = tradeoffs.tradeoff(LITERACY_PACKAGE).orElseThrow();
        assertThat(view.contentVersion()).isEqualTo(2);
        assertThat(view.title()).isEqualTo("Fund K-3 coaches");
        assertThat(view.narrative()).as("no narrative reads as empty").isEmpty();
        assertThat(view.investments()).containsExactly(new InvestmentLine(LITERACY, "K-5 early literacy coaches",
                "800000.00"));
        assertThat(view.totals()).isEqualTo(new Totals("800000.00", "800000.50", "0.50"));
        assertThat(view.consideredInputs()).extracting(ConsideredInput::inputId).containsExactly(TEACHER_TOWN_HALL);
        assertThat(view.versions()).extracting(Version::contentVersion, Version::title, Version::by).containsExactly(
                tuple(1, "Fund early-literacy coaches", "designer"),
                tuple(2, "Fund K-3 coaches", "steering"));
        assertThat(view.versions().get(0).funding()).hasSize(3);
        assertThat(view.versions().get(1).at()).isEqualTo(EPOCH.plusSeconds(revised));
        assertThat(view.draftedBy()).isEqualTo("designer");
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void submissionFixesTheRulesWithTheEligibleVotersSortedAndTheyMayChangeBeforeTheFirstVote() {
        setting();
        record(new TradeoffDrafted(LITERACY_PACKAGE, CYCLE, DISTRICT, literacyContent("700000"), "designer"));
        record(new TradeoffSubmitted(LITERACY_PACKAGE, CYCLE, DISTRICT, 3, Majority.SIMPLE,
                List.of("steering", "chair", "member"), "designer"));

        TradeoffView submitted = tradeoffs.tradeoff(LITERACY_PACKAGE).orElseThrow();
        assertThat(submitted.status()).isEqualTo(Status.VOTING);
        assertThat(submitted.rules()).isEqualTo(new Rules(3, Majority.SIMPLE, List.of("chair", "member", "steering")));

        record(new VotingRulesChanged(LITERACY_PACKAGE, CYCLE, DISTRICT, 2, Majority.TWO_THIRDS, "chair"));

        assertThat(tradeoffs.tradeoff(LITERACY_PACKAGE).orElseThrow().rules())
                .isEqualTo(new Rules(2, Majority.TWO_THIRDS, List.of("chair", "member", "steering")));
    }

    @Test
    void votesShowEachMembersCurrentVoteWithItsChangesAndTheDecisionItsTally() {
        setting();
        record(new TradeoffDrafted(LITERACY_PACKAGE, CYCLE, DISTRICT, literacyContent("700000"), "designer"));
        record(submitted(LITERACY_PACKAGE));
        long chairVoted = nextPosition;
        record(new VoteCast(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.APPROVE, "Reading first.", "chair"));
        record(new VoteCast(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.REJECT, null, "steering"));
        long steeringChanged = nextPosition;
        record(new VoteChanged(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.REJECT, Vote.ABSTAIN, "Conflict of interest.",
                "steering"));
        long steeringChangedAgain = nextPosition;
        record(new VoteChanged(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.ABSTAIN, Vote.APPROVE, null, "steering"));
        long decided = nextPosition;
        record(new TradeoffDecided(LITERACY_PACKAGE, CYCLE, DISTRICT, Outcome.APPROVED, new Tally(2, 0, 0),
                "steering"));

        TradeoffView view = tradeoffs.tradeoff(LITERACY_PACKAGE).orElseThrow();
        assertThat(view.votes()).containsExactly(
                new VoteView("chair", Vote.APPROVE, "Reading first.", EPOCH.plusSeconds(chairVoted), List.of()),
                new VoteView("steering", Vote.APPROVE, "", EPOCH.plusSeconds(steeringChangedAgain), List.of(
                        new VoteChange(Vote.REJECT, Vote.ABSTAIN, "Conflict of interest.",
                                EPOCH.plusSeconds(steeringChanged)),
                        new VoteChange(Vote.ABSTAIN, Vote.APPROVE, "", EPOCH.plusSeconds(steeringChangedAgain)))));
        assertThat(view.status()).isEqualTo(Status.APPROVED);
        assertThat(view.decision()).isEqualTo(new Decision(Outcome.APPROVED, new TallyView(2, 0, 0), null, null,
                EPOCH.plusSeconds(decided)));
        assertThat(view.version()).isEqualTo(7);
    }

    @Test
    void closedPackageCarriesTheClosersRationale() {
        setting();
        record(new TradeoffDrafted(ROUTES_PACKAGE, CYCLE, DISTRICT, routesContent(), "designer"));
        record(submitted(ROUTES_PACKAGE));
        long closed = nextPosition;
        record(new TradeoffClosed(ROUTES_PACKAGE, CYCLE, DISTRICT, Outcome.REJECTED, new Tally(1, 1, 0),
                "No quorum before the board meeting.", "chair"));

        TradeoffView view = tradeoffs.tradeoff(ROUTES_PACKAGE).orElseThrow();
        assertThat(view.status()).isEqualTo(Status.REJECTED);
        assertThat(view.decision()).isEqualTo(new Decision(Outcome.REJECTED, new TallyView(1, 1, 0),
                "No quorum before the board meeting.", "chair", EPOCH.plusSeconds(closed)));
    }

    @Test
    void revisingAPriorityRetitlesEveryVersionOfThePackagesInvestingInItWithoutAFrame() {
        setting();
        record(new TradeoffDrafted(LITERACY_PACKAGE, CYCLE, DISTRICT, literacyContent("700000"), "designer"));
        record(new TradeoffRevised(LITERACY_PACKAGE, CYCLE, DISTRICT, 2, literacyContent("600000"), "designer"));
        live.clear();

        record(new PriorityRevised(LITERACY, CYCLE, DISTRICT, details("K-3 literacy coaches", "1250000"), "designer"));

        TradeoffView view = tradeoffs.tradeoff(LITERACY_PACKAGE).orElseThrow();
        assertThat(view.investments().get(0).title()).isEqualTo("K-3 literacy coaches");
        assertThat(view.versions()).allSatisfy(version ->
                assertThat(version.investments().get(0).title()).isEqualTo("K-3 literacy coaches"));
        assertThat(view.version()).as("a rename is no change of the package").isEqualTo(2);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void theCycleDocumentKeepsOnlyApprovedPrioritiesAndThosePackagesInvestInYetEveryLineIsTitled() {
        setting();
        TradeoffCycle before = tradeoffs.cycle(CYCLE).orElseThrow();
        assertThat(before.priorities()).as("four proposals, none approved or invested in").isEmpty();

        record(new TradeoffDrafted(ARTS_PACKAGE, CYCLE, DISTRICT, new PackageContent("Arts", "", List.of(
                new Investment(ARTS, new BigDecimal("200000"))), List.of(), List.of()), "designer"));
        assertThat(tradeoffs.tradeoff(ARTS_PACKAGE).orElseThrow().investments())
                .containsExactly(new InvestmentLine(ARTS, "Elementary arts", "200000.00"));
        record(new PriorityRevised(ARTS, CYCLE, DISTRICT, details("Arts for every grade", "200000"), "designer"));
        assertThat(tradeoffs.tradeoff(ARTS_PACKAGE).orElseThrow().investments().get(0).title())
                .isEqualTo("Arts for every grade");

        record(new PriorityApproved(MUSIC, CYCLE, DISTRICT, "Yes.", "steering"));
        assertThat(tradeoffs.cycle(CYCLE).orElseThrow().priorities()).extracting(PriorityEntry::priorityId)
                .containsExactly(ARTS, MUSIC);
        assertThat(tradeoffs.balance(CYCLE).orElseThrow().unfundedPriorities())
                .extracting(UnfundedPriority::title).containsExactly("Music for all");

        long reopened = nextPosition;
        record(new PriorityReopened(MUSIC, CYCLE, DISTRICT, "Later.", "steering"));
        assertThat(tradeoffs.cycle(CYCLE).orElseThrow().priorities()).extracting(PriorityEntry::priorityId)
                .containsExactly(ARTS);
        Balance balance = tradeoffs.balance(CYCLE).orElseThrow();
        assertThat(balance.unfundedPriorities()).isEmpty();
        assertThat(balance.position()).isEqualTo(reopened);

        record(new PriorityRevised(COUNSELORS, CYCLE, DISTRICT, details("Counselors", "480000"), "designer"));
        assertThat(tradeoffs.balance(CYCLE)).as("a priority the balance does not count leaves it as it was")
                .contains(balance);
    }

    @Test
    void correctingAConsideredInputShowsTheCorrectedSummaryInThePackagesConsideringIt() {
        setting();
        record(new TradeoffDrafted(LITERACY_PACKAGE, CYCLE, DISTRICT, literacyContent("700000"), "designer"));
        record(new StakeholderInputCorrected(PARENT_SURVEY, CYCLE, DISTRICT, new InputContent(
                StakeholderGroup.PARENTS, InputChannel.SURVEY, LocalDate.parse("2027-04-01"),
                "Parents want earlier reading support and smaller classes.", 698, List.of()), "Late surveys.",
                "designer"));

        assertThat(tradeoffs.tradeoff(LITERACY_PACKAGE).orElseThrow().consideredInputs()).containsExactly(
                new ConsideredInput(PARENT_SURVEY, "Parents want earlier reading support and smaller classes.",
                        StakeholderGroup.PARENTS, 698));
    }

    @Test
    void balanceCountsApprovedInvestmentsCommittedFundingOtherRevenueAndCapturesByFocusArea() {
        fullStory();

        Balance balance = tradeoffs.balance(CYCLE).orElseThrow();
        assertThat(balance.approvedInvestments()).isEqualTo("1200000.00");
        assertThat(balance.committedFunding()).isEqualTo("690000.00");
        assertThat(balance.otherRevenue()).isEqualTo("300000.00");
        assertThat(balance.balance()).isEqualTo("-210000.00");
        assertThat(balance.capturedSavings()).isEqualTo("105000.00");
        assertThat(balance.byFocusArea()).containsExactly(
                new FocusAreaBalance(FocusArea.REDUCING_OPERATIONAL_COSTS, "Reducing operational costs", "600000.00",
                        "95000.00"),
                zero(FocusArea.SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE),
                new FocusAreaBalance(FocusArea.MAXIMIZING_REVENUE, "Maximizing revenue", "90000.00", "0.00"),
                new FocusAreaBalance(FocusArea.PROFESSIONAL_DEVELOPMENT, FocusArea.PROFESSIONAL_DEVELOPMENT.title(),
                        "0.00", "10000.00"),
                zero(FocusArea.NON_INSTRUCTIONAL_STAFFING),
                zero(FocusArea.INSTRUCTIONAL_TIME),
                zero(FocusArea.CLASS_SIZE));
        assertThat(balance.position()).isEqualTo(nextPosition - 1);
    }

    @Test
    void balanceListsApprovedPrioritiesStillShortOfTheirCostIncludingThoseNoApprovedPackageFunds() {
        fullStory();

        assertThat(tradeoffs.balance(CYCLE).orElseThrow().unfundedPriorities()).containsExactly(
                new UnfundedPriority(LITERACY, "K-5 early literacy coaches", "1250000.00", "1000000.00", "250000.00"),
                new UnfundedPriority(COUNSELORS, "Middle-school counselors", "480000.00", "200000.00", "280000.00"),
                new UnfundedPriority(ARTS, "Elementary arts", "200000.00", "0.00", "200000.00"));

        record(new PriorityReopened(ARTS, CYCLE, DISTRICT, "Rethink the scope.", "steering"));
        record(new PriorityRevised(COUNSELORS, CYCLE, DISTRICT, details("Middle-school counselors", "200000"),
                "designer"));

        assertThat(tradeoffs.balance(CYCLE).orElseThrow().unfundedPriorities())
                .as("a reopened priority is not approved; a priority invested in at its cost is funded")
                .extracting(UnfundedPriority::priorityId).containsExactly(LITERACY);
    }

    @Test
    void balanceShowsOpportunitiesCommittedBeyondAHighEstimateLoweredAfterwards() {
        fullStory();
        assertThat(tradeoffs.balance(CYCLE).orElseThrow().overCommitted()).isEmpty();

        record(sized(TRANSPORT, "500000"));

        assertThat(tradeoffs.balance(CYCLE).orElseThrow().overCommitted()).containsExactly(
                new OverCommitted(TRANSPORT, 1, "500000.00", "600000.00", "100000.00"));
    }

    @Test
    void packagesAreListedInDraftOrderAndDecisionsNewestFirstWithoutDrafts() {
        fullStory();

        assertThat(tradeoffs.tradeoffs(CYCLE)).extracting(TradeoffView::id)
                .containsExactly(LITERACY_PACKAGE, ROUTES_PACKAGE, ARTS_PACKAGE);
        assertThat(tradeoffs.decisions(CYCLE)).extracting(TradeoffView::id)
                .containsExactly(ROUTES_PACKAGE, LITERACY_PACKAGE);

        record(submitted(ARTS_PACKAGE));
        assertThat(tradeoffs.decisions(CYCLE)).extracting(TradeoffView::id)
                .as("by the position of their last event").containsExactly(ARTS_PACKAGE, ROUTES_PACKAGE,
                        LITERACY_PACKAGE);
        assertThat(tradeoffs.tradeoffs(OTHER_CYCLE)).isEmpty();
        assertThat(tradeoffs.decisions(OTHER_CYCLE)).isEmpty();
    }

    @Test
    void everyTradeoffEventAndFundingCommittedIsPushedWithThePackageAndTheBalanceAsTheContractDescribes()
            throws Exception {
        fullStory();

        assertThat(live.sent()).extracting(RecordingLiveUpdates.Sent::destination)
                .containsOnly("/topic/cycles/" + CYCLE + "/tradeoffs");
        assertThat(live.sent()).extracting(sent -> sent.frame().type()).containsExactly(
                "TradeoffDrafted", "TradeoffRevised", "TradeoffSubmitted", "VotingRulesChanged", "VoteCast",
                "VoteCast", "VoteChanged", "VoteCast", "TradeoffDecided", "FundingCommitted", "FundingCommitted",
                "TradeoffDrafted", "TradeoffSubmitted", "TradeoffClosed", "TradeoffDrafted");
        LiveFrame<?> committed = live.sent().get(10).frame();
        TradeoffChange change = (TradeoffChange) committed.view();
        assertThat(change.tradeoff().id()).isEqualTo(LITERACY_PACKAGE);
        assertThat(change.tradeoff().status()).isEqualTo(Status.APPROVED);
        assertThat(change.balance().committedFunding()).isEqualTo("690000.00");
        assertThat(change.balance().position()).isEqualTo(committed.position());
        ObjectMapper webJson = WebJson.mapper();
        Contract contract = Contract.load();
        for (RecordingLiveUpdates.Sent sent : live.sent()) {
            String frame = webJson.writeValueAsString(sent.frame());
            assertThat(contract.validateFrame("/topic/cycles/{cycleId}/tradeoffs", frame)).as(frame).isEmpty();
        }
        for (TradeoffView view : tradeoffs.tradeoffs(CYCLE)) {
            assertThat(contract.validate("tradeoff-view", webJson.writeValueAsString(view))).isEmpty();
        }
        assertThat(contract.validate("balance", webJson.writeValueAsString(tradeoffs.balance(CYCLE).orElseThrow())))
                .isEmpty();
    }

    @Test
    void emptyBalanceListsAllSevenFocusAreasAtZeroAsTheContractDescribes() throws Exception {
        Balance empty = Balance.empty(CYCLE);

        assertThat(empty.approvedInvestments()).isEqualTo("0.00");
        assertThat(empty.balance()).isEqualTo("0.00");
        assertThat(empty.byFocusArea()).containsExactlyElementsOf(
                Arrays.stream(FocusArea.values()).map(TradeoffsProjectionTest::zero).toList());
        assertThat(empty.unfundedPriorities()).isEmpty();
        assertThat(empty.overCommitted()).isEmpty();
        assertThat(Contract.load().validate("balance", WebJson.mapper().writeValueAsString(empty))).isEmpty();
    }

    @Test
    void reapplyingAnAlreadyAppliedPositionChangesNothingAndPushesNothing() {
        fullStory();
        List<TradeoffView> list = tradeoffs.tradeoffs(CYCLE);
        Balance balance = tradeoffs.balance(CYCLE).orElseThrow();
        live.clear();

        for (Applied applied : history) {
            apply(applied, ReplayStatus.REGULAR);
        }

        assertThat(tradeoffs.tradeoffs(CYCLE)).isEqualTo(list);
        assertThat(tradeoffs.balance(CYCLE)).contains(balance);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void resetAndReplayRebuildTheSameViewsWithoutPushing() {
        fullStory();
        record(new OpportunityListed("00000000-0000-4000-8000-000000000001", OTHER_CYCLE, DISTRICT, 1,
                FocusArea.REDUCING_OPERATIONAL_COSTS, SavingsCatalog.ENTRIES.get(0).question(), true, "steering"));
        List<TradeoffView> list = tradeoffs.tradeoffs(CYCLE);
        List<TradeoffView> decisions = tradeoffs.decisions(CYCLE);
        Balance balance = tradeoffs.balance(CYCLE).orElseThrow();
        Balance otherBalance = tradeoffs.balance(OTHER_CYCLE).orElseThrow();
        live.clear();

        projection.reset();
        assertThat(tradeoffs.tradeoffs(CYCLE)).isEmpty();
        assertThat(tradeoffs.balance(CYCLE)).isEmpty();
        for (Applied applied : history) {
            apply(applied, ReplayStatus.REPLAY);
        }

        assertThat(tradeoffs.tradeoffs(CYCLE)).isEqualTo(list);
        assertThat(tradeoffs.decisions(CYCLE)).isEqualTo(decisions);
        assertThat(tradeoffs.balance(CYCLE)).contains(balance);
        assertThat(tradeoffs.balance(OTHER_CYCLE)).contains(otherBalance);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void eventsForAPackageOrItemNeverSeenAreIgnored() {
        record(submitted(LITERACY_PACKAGE));
        record(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Yes.", "steering"));
        record(sized(TRANSPORT, "100"));

        assertThat(tradeoffs.tradeoff(LITERACY_PACKAGE)).isEmpty();
        assertThat(tradeoffs.tradeoffs(CYCLE)).isEmpty();
        assertThat(tradeoffs.balance(CYCLE)).isEmpty();
        assertThat(live.sent()).isEmpty();
    }

    // ------------------------------------------------------------------ a story and its steps

    /** The cycle's priorities, opportunities and input, before any package. */
    private void setting() {
        record(new PriorityProposed(LITERACY, CYCLE, DISTRICT, details("K-5 early literacy coaches", "1250000"),
                "designer"));
        record(new PriorityProposed(COUNSELORS, CYCLE, DISTRICT, details("Middle-school counselors", "480000"),
                "designer"));
        record(new PriorityProposed(ARTS, CYCLE, DISTRICT, details("Elementary arts", "200000"), "designer"));
        record(new PriorityProposed(MUSIC, CYCLE, DISTRICT, details("Music for all", "90000"), "designer"));
        listed(TRANSPORT, 1);
        listed(MEDICAID, 16);
        listed(COACHING, 20);
        record(new OpportunityScreened(TRANSPORT, CYCLE, DISTRICT, ScreeningDecision.DEEP_DIVE, "Big.", "designer"));
        record(sized(TRANSPORT, "760000"));
        record(sized(MEDICAID, "90000"));
        record(new StakeholderInputRecorded(PARENT_SURVEY, CYCLE, DISTRICT, new InputContent(StakeholderGroup.PARENTS,
                InputChannel.SURVEY, LocalDate.parse("2027-04-01"), "Parents want earlier reading support.", 689,
                List.of()), List.of(), "designer"));
        record(new StakeholderInputRecorded(TEACHER_TOWN_HALL, CYCLE, DISTRICT, new InputContent(
                StakeholderGroup.TEACHERS, InputChannel.TOWN_HALL, LocalDate.parse("2027-03-28"),
                "Teachers ask for counselors.", 42, List.of()), List.of(), "steering"));
    }

    /** Every kind of event the projection handles, in an order the command side allows. */
    private void fullStory() {
        setting();
        record(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Best evidence.", "steering"));
        record(new PriorityApproved(COUNSELORS, CYCLE, DISTRICT, "Needed.", "steering"));
        record(new PriorityApproved(ARTS, CYCLE, DISTRICT, "Whole child.", "steering"));
        record(new TradeoffDrafted(LITERACY_PACKAGE, CYCLE, DISTRICT, literacyContent("700000"), "designer"));
        record(new TradeoffRevised(LITERACY_PACKAGE, CYCLE, DISTRICT, 2, literacyContent("600000"), "designer"));
        record(submitted(LITERACY_PACKAGE));
        record(new VotingRulesChanged(LITERACY_PACKAGE, CYCLE, DISTRICT, 2, Majority.SIMPLE, "chair"));
        record(new VoteCast(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.APPROVE, "Reading first.", "chair"));
        record(new VoteCast(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.REJECT, "", "steering"));
        record(new VoteChanged(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.REJECT, Vote.APPROVE, "Convinced.",
                "steering"));
        record(new VoteCast(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.ABSTAIN, "", "member"));
        record(new TradeoffDecided(LITERACY_PACKAGE, CYCLE, DISTRICT, Outcome.APPROVED, new Tally(2, 0, 1),
                "member"));
        record(new FundingCommitted(TRANSPORT, CYCLE, DISTRICT, LITERACY_PACKAGE, new BigDecimal("600000"),
                "member"));
        record(new FundingCommitted(MEDICAID, CYCLE, DISTRICT, LITERACY_PACKAGE, new BigDecimal("90000"), "member"));
        record(new SavingsCaptured(TRANSPORT, CYCLE, DISTRICT, "3c9f7a42-6e1d-4b8c-9a25-7d3e1f6b8c59",
                new BigDecimal("95000"), LocalDate.parse("2027-09-30"), "", "designer"));
        record(new SavingsCaptured(COACHING, CYCLE, DISTRICT, "4d0a8b53-7f2e-4c9d-8b36-8e4f2a7c9d60",
                new BigDecimal("10000"), LocalDate.parse("2027-09-30"), "", "designer"));
        record(new TradeoffDrafted(ROUTES_PACKAGE, CYCLE, DISTRICT, routesContent(), "designer"));
        record(submitted(ROUTES_PACKAGE));
        record(new TradeoffClosed(ROUTES_PACKAGE, CYCLE, DISTRICT, Outcome.REJECTED, new Tally(0, 0, 0),
                "No quorum before the board meeting.", "chair"));
        record(new TradeoffDrafted(ARTS_PACKAGE, CYCLE, DISTRICT, new PackageContent("Arts", "", List.of(
                new Investment(ARTS, new BigDecimal("200000"))), List.of(), List.of()), "designer"));
    }

    /** 1,200,000 into literacy and counselors; the routes amount, 90,000 of Medicaid and 300,000 of Title I. */
    private static PackageContent literacyContent(String routes) {
        return new PackageContent("Fund early-literacy coaches",
                "Coaches in every K-3 classroom, paid by routes and Medicaid.", List.of(
                        new Investment(LITERACY, new BigDecimal("1000000")),
                        new Investment(COUNSELORS, new BigDecimal("200000"))), List.of(
                        new Funding(TRANSPORT, null, new BigDecimal(routes)),
                        new Funding(MEDICAID, null, new BigDecimal("90000")),
                        new Funding(null, TITLE_I, new BigDecimal("300000"))),
                List.of(PARENT_SURVEY));
    }

    private static PackageContent routesContent() {
        return new PackageContent("Music from routes", "", List.of(new Investment(MUSIC, new BigDecimal("90000"))),
                List.of(new Funding(TRANSPORT, null, new BigDecimal("90000"))), List.of(TEACHER_TOWN_HALL));
    }

    private static TradeoffSubmitted submitted(String tradeoffId) {
        return new TradeoffSubmitted(tradeoffId, CYCLE, DISTRICT, 3, Majority.SIMPLE,
                List.of("chair", "member", "steering"), "designer");
    }

    private static OpportunitySized sized(String opportunityId, String high) {
        return new OpportunitySized(opportunityId, CYCLE, DISTRICT, "9d4e2b68-7a1f-4c3e-8b96-5f2d7a1c3e84", List.of(),
                BigDecimal.ZERO, new BigDecimal(high), 3, "", "analyst");
    }

    private void listed(String opportunityId, int number) {
        SavingsCatalog.Entry entry = SavingsCatalog.ENTRIES.get(number - 1);
        record(new OpportunityListed(opportunityId, CYCLE, DISTRICT, number, entry.focusArea(), entry.question(), true,
                "steering"));
    }

    private static PriorityDetails details(String title, String cost) {
        return new PriorityDetails(title, "", "Theory.", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal(cost)), null);
    }

    private static FocusAreaBalance zero(FocusArea area) {
        return new FocusAreaBalance(area, area.title(), "0.00", "0.00");
    }

    private record Applied(CycleScoped event, long position, long sequence) {
    }

    /** Applies the event live at the next global position and the next sequence number of its aggregate. */
    private void record(CycleScoped event) {
        long sequence = sequences.merge(aggregateId(event), 0L, (previous, ignored) -> previous + 1);
        Applied applied = new Applied(event, nextPosition++, sequence);
        history.add(applied);
        apply(applied, ReplayStatus.REGULAR);
    }

    private void apply(Applied applied, ReplayStatus status) {
        TrackingToken token = Tokens.at(applied.position());
        Instant time = EPOCH.plusSeconds(applied.position());
        if (applied.event() instanceof TradeoffEvent event) {
            projection.on(event, token, time, applied.sequence(), status);
        } else if (applied.event() instanceof PriorityEvent event) {
            projection.on(event, token);
        } else if (applied.event() instanceof OpportunityEvent event) {
            projection.on(event, token, status);
        } else if (applied.event() instanceof StakeholderInputRecorded event) {
            projection.on(event, token);
        } else if (applied.event() instanceof StakeholderInputCorrected event) {
            projection.on(event, token);
        } else {
            throw new IllegalArgumentException("not an event this projection handles: " + applied.event());
        }
    }

    private static String aggregateId(CycleScoped event) {
        if (event instanceof TradeoffEvent tradeoff) {
            return tradeoff.tradeoffId();
        }
        if (event instanceof PriorityEvent priority) {
            return priority.priorityId();
        }
        if (event instanceof OpportunityEvent opportunity) {
            return opportunity.opportunityId();
        }
        return ((InputEvent) event).inputId();
    }
}
