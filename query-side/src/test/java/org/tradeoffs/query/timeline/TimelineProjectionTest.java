package org.tradeoffs.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;
import org.tradeoffs.events.savings.BudgetLineAdded;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.ConstraintRecorded;
import org.tradeoffs.events.savings.CostDriverAdded;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.MilestoneCompleted;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.OwnerAssigned;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;
import org.tradeoffs.events.savings.SavingsCaptured;
import org.tradeoffs.events.savings.SavingsCatalog;
import org.tradeoffs.events.savings.ScreeningDecision;
import org.tradeoffs.events.savings.Trend;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Tally;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.Vote;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.events.tradeoff.VoteChanged;
import org.tradeoffs.events.tradeoff.VotingRulesChanged;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.projection.RecordingLiveUpdates;
import org.tradeoffs.query.projection.Tokens;
import org.tradeoffs.query.projection.WebJson;
import org.tradeoffs.query.timeline.TimelineEntry.ItemKind;

class TimelineProjectionTest {

    static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String OTHER_CYCLE = "5f0e6a2b-8c3d-4e1f-9a7b-2d4c6e8f0a13";
    static final String LITERACY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final Instant EPOCH = Instant.parse("2027-03-01T16:20:00Z");

    static final PriorityDetails LITERACY_DETAILS = new PriorityDetails("K-5 early literacy coaches",
            "Coaches in every K-5 classroom.", "Weekly coaching raises grade-3 reading proficiency.",
            Fundability.ACTION, CostSplit.allUnallocated(new BigDecimal("1250000.00")), null);

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final RecordingLiveUpdates live = new RecordingLiveUpdates();
    private TimelineRepository timeline;
    private TimelineProjection projection;

    @BeforeEach
    void setUp() {
        timeline = new TimelineRepository(MongoViewStore.plain(mongo.database()));
        projection = new TimelineProjection(timeline, live);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void openingACycleStartsItsTimeline() {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);

        assertThat(timeline.page(CYCLE, 0, 100).entries()).containsExactly(new TimelineEntry(7,
                EPOCH.plusSeconds(7), "steering", "PlanningCycleOpened", "steering opened planning cycle \"SY 2027-28\"",
                CYCLE, ItemKind.CYCLE));
    }

    @Test
    void proposalSummaryNamesTheActorTheTitleAndTheYearlyCost() {
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);

        TimelineEntry entry = timeline.page(CYCLE, 0, 100).entries().get(0);
        assertThat(entry.summary())
                .isEqualTo("designer proposed priority \"K-5 early literacy coaches\" ($1,250,000.00/yr)");
        assertThat(entry.type()).isEqualTo("PriorityProposed");
        assertThat(entry.actor()).isEqualTo("designer");
        assertThat(entry.itemId()).isEqualTo(LITERACY);
        assertThat(entry.itemKind()).isEqualTo(ItemKind.PRIORITY);
    }

    @Test
    void laterEventsNameThePriorityByItsLatestTitle() {
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);
        PriorityDetails narrower = new PriorityDetails("K-3 literacy coaches", "", "Theory", Fundability.ACTION,
                new CostSplit(new BigDecimal("600000"), new BigDecimal("250000"), new BigDecimal("50000"),
                        BigDecimal.ZERO), null);
        apply(new PriorityRevised(LITERACY, CYCLE, DISTRICT, narrower, "designer"), 13);
        apply(new PriorityRejected(LITERACY, CYCLE, DISTRICT, "Too costly\nfor now.", "steering"), 14);
        apply(new PriorityReopened(LITERACY, CYCLE, DISTRICT, "Funding found.", "steering"), 15);
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Best evidence.", "steering"), 16);
        apply(new PriorityWithdrawn(LITERACY, CYCLE, DISTRICT, "Merged.", "designer"), 17);

        assertThat(timeline.page(CYCLE, 0, 100).entries()).extracting(TimelineEntry::summary).containsExactly(
                "designer proposed priority \"K-5 early literacy coaches\" ($1,250,000.00/yr)",
                "designer revised priority \"K-3 literacy coaches\" ($900,000.00/yr)",
                "steering rejected priority \"K-3 literacy coaches\": Too costly for now.",
                "steering reopened priority \"K-3 literacy coaches\": Funding found.",
                "steering approved priority \"K-3 literacy coaches\": Best evidence.",
                "designer withdrew priority \"K-3 literacy coaches\": Merged.");
    }

    @Test
    void longReasonsAreShortenedToOneLine() {
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);
        apply(new PriorityWithdrawn(LITERACY, CYCLE, DISTRICT, "word\n".repeat(500), "designer"), 13);

        String summary = timeline.page(CYCLE, 0, 100).entries().get(1).summary();
        assertThat(summary).doesNotContain("\n").endsWith("…").hasSizeLessThan(250);
    }

    @Test
    void pageHoldsOnlyEntriesAfterTheGivenPositionAndTellsWhetherMoreFollow() {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Best evidence.", "steering"), 19);

        TimelinePage first = timeline.page(CYCLE, 0, 2);
        assertThat(first.entries()).extracting(TimelineEntry::position).containsExactly(7L, 12L);
        assertThat(first.hasMore()).isTrue();
        TimelinePage second = timeline.page(CYCLE, 12, 2);
        assertThat(second.entries()).extracting(TimelineEntry::position).containsExactly(19L);
        assertThat(second.hasMore()).isFalse();
        assertThat(timeline.page(CYCLE, 19, 2).entries()).isEmpty();
    }

    @Test
    void aCyclesTimelineShowsNoOtherCyclesEvents() {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);
        apply(new PlanningCycleOpened(OTHER_CYCLE, DISTRICT, "SY 2028-29", "steering"), 8);

        assertThat(timeline.page(CYCLE, 0, 100).entries()).extracting(TimelineEntry::itemId).containsExactly(CYCLE);
        assertThat(timeline.page("no-such-cycle", 0, 100).entries()).isEmpty();
    }

    @Test
    void everyLiveEntryIsPushedToItsCyclesTimelineTopicAsTheContractDescribes() throws Exception {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);

        assertThat(live.sent()).extracting(RecordingLiveUpdates.Sent::destination)
                .containsOnly("/topic/cycles/" + CYCLE + "/timeline");
        assertThat(live.sent()).extracting(sent -> (Object) sent.frame().view())
                .containsExactlyElementsOf(timeline.page(CYCLE, 0, 100).entries());
        ObjectMapper webJson = WebJson.mapper();
        for (RecordingLiveUpdates.Sent sent : live.sent()) {
            assertThat(Contract.load().validateFrame("/topic/cycles/{cycleId}/timeline",
                    webJson.writeValueAsString(sent.frame()))).isEmpty();
        }
        assertThat(Contract.load().validate("timeline-page",
                webJson.writeValueAsString(timeline.page(CYCLE, 0, 100)))).isEmpty();
    }

    @Test
    void openingACycleWithItsCatalogPutsTheCycleAndEveryListingOnTheTimeline() {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);
        for (SavingsCatalog.Entry entry : SavingsCatalog.ENTRIES) {
            apply(new OpportunityListed(opportunityId(entry.number()), CYCLE, DISTRICT, entry.number(),
                    entry.focusArea(), entry.question(), true, "steering"), 7 + entry.number());
        }

        List<TimelineEntry> entries = timeline.page(CYCLE, 0, 100).entries();
        assertThat(entries).hasSize(32);
        assertThat(entries.get(1)).isEqualTo(new TimelineEntry(8, EPOCH.plusSeconds(8), "steering",
                "OpportunityListed", "steering listed #1 general education transportation (Reducing operational costs)",
                opportunityId(1), ItemKind.OPPORTUNITY));
        assertThat(entries.subList(1, 32)).extracting(TimelineEntry::itemKind).containsOnly(ItemKind.OPPORTUNITY);
        assertThat(entries.get(31).summary()).isEqualTo(
                "steering listed #31 managing class sizes differently at the high schools (Managing class size)");
    }

    @Test
    void opportunityEventsAreSummarizedInOneLineByTheOpportunitysNumber() throws Exception {
        String transport = opportunityId(1);
        String custodial = opportunityId(4);
        String gyms = opportunityId(32);
        String study = "4b8c6e13-9f2a-4d7b-a3e5-8c1f6b2d4a97";
        String contract = "6f1b8d24-3e9c-4a7d-b5e2-1c8a6f4d9b73";
        List<CycleScoped> story = List.of(
                listed(transport, 1),
                listed(custodial, 4),
                new OpportunityListed(gyms, CYCLE, DISTRICT, 32, FocusArea.MAXIMIZING_REVENUE,
                        "Can the district rent out its gyms on weekends?", false, "designer"),
                new OpportunityScreened(transport, CYCLE, DISTRICT, ScreeningDecision.DEEP_DIVE, "Big.", "designer"),
                new OpportunityScreened(custodial, CYCLE, DISTRICT, ScreeningDecision.DEEP_DIVE, "Big.", "designer"),
                new OpportunityScreened(gyms, CYCLE, DISTRICT, ScreeningDecision.SCREENED_OUT, "Small.", "designer"),
                new BudgetLineAdded(transport, CYCLE, DISTRICT, "8c3f5a71-2d6e-4b9a-9f14-6e2a8d4c1b35",
                        List.of("Operations", "Transportation", "General education routes"),
                        new BigDecimal("3800000"), null, "analyst"),
                new CostDriverAdded(transport, CYCLE, DISTRICT, "2a7d4e96-1c3b-4f5a-8e72-9b6c1d3f5e47", "Buses", "bus",
                        new BigDecimal("40.00"), new BigDecimal("95000"), Trend.RISING, null, "analyst"),
                new ConstraintRecorded(custodial, CYCLE, DISTRICT, contract, ConstraintKind.CONTRACT, true,
                        "Custodial contract\nwith CleanCo.", LocalDate.parse("2027-07-01"), "analyst"),
                new OpportunitySized(transport, CYCLE, DISTRICT, "9d4e2b68-7a1f-4c3e-8b96-5f2d7a1c3e84", List.of(),
                        new BigDecimal("380000"), new BigDecimal("760000"), 3, "", "analyst"),
                new OpportunitySized(custodial, CYCLE, DISTRICT, "1d4e2b68-7a1f-4c3e-8b96-5f2d7a1c3e84", List.of(),
                        new BigDecimal("-12500.50"), new BigDecimal("40000"), 2, "", "analyst"),
                new OwnerAssigned(transport, CYCLE, DISTRICT, "designer", "steering"),
                new MilestoneAdded(transport, CYCLE, DISTRICT, study, "Route study", LocalDate.parse("2027-05-01"),
                        "designer"),
                new MilestoneOverdue(transport, CYCLE, DISTRICT, study, LocalDate.parse("2027-05-01"), "system"),
                new MilestoneCompleted(transport, CYCLE, DISTRICT, study, "designer"),
                new SavingsCaptured(transport, CYCLE, DISTRICT, "3c9f7a42-6e1d-4b8c-9a25-7d3e1f6b8c59",
                        new BigDecimal("95000"), LocalDate.parse("2027-09-30"), "", "designer"),
                new RenegotiationWindowOpened(custodial, CYCLE, DISTRICT, contract, LocalDate.parse("2027-07-01"),
                        "system"));
        for (int i = 0; i < story.size(); i++) {
            apply(story.get(i), 20 + i);
        }

        List<TimelineEntry> entries = timeline.page(CYCLE, 0, 100).entries();
        assertThat(entries).extracting(TimelineEntry::summary).containsExactly(
                "steering listed #1 general education transportation (Reducing operational costs)",
                "steering listed #4 custodial services (Reducing operational costs)",
                "designer added #32 rent out its gyms on weekends (Maximizing revenue)",
                "designer screened #1 into DEEP_DIVE",
                "designer screened #4 into DEEP_DIVE",
                "designer screened #32 out",
                "analyst added budget line \"Operations / Transportation / General education routes\" "
                        + "($3,800,000.00/yr) to #1",
                "analyst added cost driver \"Buses\" (40 bus x $95,000.00 = $3,800,000.00/yr) to #1",
                "analyst recorded a rigid contract on #4, renegotiable from 2027-07-01: "
                        + "Custodial contract with CleanCo.",
                "analyst sized #1 general education transportation at $380,000.00–$760,000.00/yr",
                "analyst sized #4 custodial services at -$12,500.50–$40,000.00/yr",
                "steering made designer the owner of #1",
                "designer added milestone \"Route study\" to #1, due 2027-05-01",
                "system marked milestone \"Route study\" of #1 overdue (due 2027-05-01)",
                "designer completed milestone \"Route study\" of #1",
                "designer recorded $95,000.00 captured on #1 (2027-09-30)",
                "system opened the renegotiation window of a contract on #4 (2027-07-01)");
        assertThat(entries).extracting(TimelineEntry::itemKind).containsOnly(ItemKind.OPPORTUNITY);
        assertThat(entries).extracting(TimelineEntry::itemId).containsOnly(transport, custodial, gyms);
        assertThat(entries.get(16).actor()).isEqualTo("system");
        assertThat(entries.get(16).type()).isEqualTo("RenegotiationWindowOpened");
        ObjectMapper webJson = WebJson.mapper();
        for (RecordingLiveUpdates.Sent sent : live.sent()) {
            assertThat(Contract.load().validateFrame("/topic/cycles/{cycleId}/timeline",
                    webJson.writeValueAsString(sent.frame()))).isEmpty();
        }
        assertThat(Contract.load().validate("timeline-page",
                webJson.writeValueAsString(timeline.page(CYCLE, 0, 100)))).isEmpty();
    }

    @Test
    void stakeholderInputIsSummarizedByHowItWasGatheredAndWhoItCameFrom() throws Exception {
        String survey = "b7e3d9a1-5c2f-4a8e-8d6b-1f4c7e2a9d58";
        String board = "c8f4e0b2-6d3a-4b9f-9e7c-2a5d8f3b0e69";
        List<CycleScoped> story = List.of(
                new StakeholderInputRecorded(survey, CYCLE, DISTRICT, input(StakeholderGroup.PARENTS,
                        InputChannel.SURVEY, 689), List.of("class size"), "designer"),
                new StakeholderInputCorrected(survey, CYCLE, DISTRICT, input(StakeholderGroup.PARENTS,
                        InputChannel.SURVEY, 1165), "Paper surveys\ncounted.", "steering"),
                new StakeholderInputTagged(survey, CYCLE, DISTRICT, List.of("transportation", "bus rides"),
                        "designer"),
                new StakeholderInputRecorded(board, CYCLE, DISTRICT, input(StakeholderGroup.BOARD,
                        InputChannel.OTHER, 1), List.of(), "steering"));
        for (int i = 0; i < story.size(); i++) {
            apply(story.get(i), 40 + i);
        }

        List<TimelineEntry> entries = timeline.page(CYCLE, 0, 100).entries();
        assertThat(entries).extracting(TimelineEntry::summary).containsExactly(
                "designer recorded survey input from 689 parents",
                "steering corrected survey input from 1,165 parents: Paper surveys counted.",
                "designer tagged survey input from 1,165 parents with \"transportation\", \"bus rides\"",
                "steering recorded input from 1 board member");
        assertThat(entries).extracting(TimelineEntry::itemKind).containsOnly(ItemKind.INPUT);
        assertThat(entries).extracting(TimelineEntry::itemId).containsExactly(survey, survey, survey, board);
        assertThat(entries).extracting(TimelineEntry::type).containsExactly("StakeholderInputRecorded",
                "StakeholderInputCorrected", "StakeholderInputTagged", "StakeholderInputRecorded");
        assertConformToContract();
    }

    @Test
    void tradeoffPackageEventsAndTheFundingTheyCommitAreSummarizedByThePackagesTitle() throws Exception {
        String transport = opportunityId(1);
        String literacy = "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93";
        String routes = "b5e3d9f7-2c4e-4f6a-8b8d-3e9c7f5a2d04";
        PackageContent content = new PackageContent("Fund early-literacy coaches", "", List.of(
                new Investment(LITERACY, new BigDecimal("1250000"))), List.of(
                new Funding(transport, null, new BigDecimal("300000")),
                new Funding(null, "Title I carryover", new BigDecimal("1000000.50"))), List.of());
        List<CycleScoped> story = List.of(
                listed(transport, 1),
                new TradeoffDrafted(literacy, CYCLE, DISTRICT, new PackageContent("Literacy", "", List.of(
                        new Investment(LITERACY, new BigDecimal("1000000"))), List.of(), List.of()), "designer"),
                new TradeoffRevised(literacy, CYCLE, DISTRICT, 2, content, "designer"),
                new TradeoffSubmitted(literacy, CYCLE, DISTRICT, 3, Majority.SIMPLE,
                        List.of("chair", "member", "steering", "treasurer"), "designer"),
                new VotingRulesChanged(literacy, CYCLE, DISTRICT, 2, Majority.TWO_THIRDS, "chair"),
                new VoteCast(literacy, CYCLE, DISTRICT, Vote.APPROVE, "Reading first.", "steering"),
                new VoteChanged(literacy, CYCLE, DISTRICT, Vote.APPROVE, Vote.ABSTAIN, "", "steering"),
                new VoteCast(literacy, CYCLE, DISTRICT, Vote.APPROVE, "", "chair"),
                new VoteCast(literacy, CYCLE, DISTRICT, Vote.APPROVE, "", "member"),
                new VoteCast(literacy, CYCLE, DISTRICT, Vote.APPROVE, "", "treasurer"),
                new TradeoffDecided(literacy, CYCLE, DISTRICT, Outcome.APPROVED, new Tally(3, 0, 1), "treasurer"),
                new FundingCommitted(transport, CYCLE, DISTRICT, literacy, new BigDecimal("300000"), "treasurer"),
                new TradeoffDrafted(routes, CYCLE, DISTRICT, new PackageContent("Music from routes", "", List.of(
                        new Investment(LITERACY, new BigDecimal("90000"))), List.of(), List.of()), "designer"),
                new TradeoffSubmitted(routes, CYCLE, DISTRICT, 2, Majority.SIMPLE, List.of("chair", "steering"),
                        "designer"),
                new TradeoffClosed(routes, CYCLE, DISTRICT, Outcome.REJECTED, new Tally(0, 1, 0),
                        "No quorum\nbefore the board meeting.", "chair"));
        for (int i = 0; i < story.size(); i++) {
            apply(story.get(i), 60 + i);
        }

        List<TimelineEntry> entries = timeline.page(CYCLE, 0, 100).entries();
        assertThat(entries.subList(1, entries.size())).extracting(TimelineEntry::summary).containsExactly(
                "designer drafted \"Literacy\" (invests $1,000,000.00/yr, funds $0.00/yr)",
                "designer revised \"Fund early-literacy coaches\" to version 2 (invests $1,250,000.00/yr, "
                        + "funds $1,300,000.50/yr)",
                "designer submitted \"Fund early-literacy coaches\" for a vote (quorum 3 of 4 eligible voters, "
                        + "SIMPLE majority)",
                "chair changed the voting rules of \"Fund early-literacy coaches\" (quorum 2, TWO_THIRDS majority)",
                "steering voted APPROVE on \"Fund early-literacy coaches\"",
                "steering changed their vote on \"Fund early-literacy coaches\" from APPROVE to ABSTAIN",
                "chair voted APPROVE on \"Fund early-literacy coaches\"",
                "member voted APPROVE on \"Fund early-literacy coaches\"",
                "treasurer voted APPROVE on \"Fund early-literacy coaches\"",
                "\"Fund early-literacy coaches\" was APPROVED 3-0 (1 abstained)",
                "\"Fund early-literacy coaches\" committed $300,000.00/yr of #1 general education transportation",
                "designer drafted \"Music from routes\" (invests $90,000.00/yr, funds $0.00/yr)",
                "designer submitted \"Music from routes\" for a vote (quorum 2 of 2 eligible voters, SIMPLE majority)",
                "chair closed the vote on \"Music from routes\" as REJECTED 0-1: No quorum before the board meeting.");
        assertThat(entries.subList(1, 11)).extracting(TimelineEntry::itemKind, TimelineEntry::itemId)
                .containsOnly(tuple(ItemKind.TRADEOFF, literacy));
        assertThat(entries.get(11)).extracting(TimelineEntry::itemKind, TimelineEntry::itemId, TimelineEntry::type)
                .containsExactly(ItemKind.OPPORTUNITY, transport, "FundingCommitted");
        assertThat(entries.subList(12, 15)).extracting(TimelineEntry::itemId).containsOnly(routes);
        assertConformToContract();
    }

    @Test
    void replayedTimelineStillNamesOpportunitiesAndMilestones() {
        String transport = opportunityId(1);
        String study = "4b8c6e13-9f2a-4d7b-a3e5-8c1f6b2d4a97";
        List<CycleScoped> history = List.of(
                listed(transport, 1),
                new MilestoneAdded(transport, CYCLE, DISTRICT, study, "Route study", LocalDate.parse("2027-05-01"),
                        "designer"),
                new MilestoneCompleted(transport, CYCLE, DISTRICT, study, "designer"));
        for (int i = 0; i < history.size(); i++) {
            apply(history.get(i), 10 + i);
        }
        TimelinePage before = timeline.page(CYCLE, 0, 100);

        projection.reset();
        for (int i = 0; i < history.size(); i++) {
            projection.on(history.get(i), Tokens.at(10 + i), EPOCH.plusSeconds(10 + i), ReplayStatus.REPLAY);
        }

        assertThat(timeline.page(CYCLE, 0, 100)).isEqualTo(before);
        assertThat(before.entries().get(2).summary()).isEqualTo("designer completed milestone \"Route study\" of #1");
    }

    @Test
    void reapplyingAnAlreadyAppliedPositionAddsNoEntryAndPushesNothing() {
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);
        TimelinePage before = timeline.page(CYCLE, 0, 100);
        live.clear();

        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);

        assertThat(timeline.page(CYCLE, 0, 100)).isEqualTo(before);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void resetAndReplayRebuildTheSameTimelinesWithoutPushing() {
        List<CycleScoped> history = List.of(
                new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"),
                new PlanningCycleOpened(OTHER_CYCLE, DISTRICT, "SY 2028-29", "steering"),
                new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"),
                new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Best evidence.", "steering"));
        for (int i = 0; i < history.size(); i++) {
            apply(history.get(i), 10 + i);
        }
        TimelinePage cycle = timeline.page(CYCLE, 0, 100);
        TimelinePage otherCycle = timeline.page(OTHER_CYCLE, 0, 100);
        live.clear();

        projection.reset();
        assertThat(timeline.page(CYCLE, 0, 100).entries()).isEmpty();
        for (int i = 0; i < history.size(); i++) {
            projection.on(history.get(i), Tokens.at(10 + i), EPOCH.plusSeconds(10 + i), ReplayStatus.REPLAY);
        }

        assertThat(timeline.page(CYCLE, 0, 100)).isEqualTo(cycle);
        assertThat(timeline.page(OTHER_CYCLE, 0, 100)).isEqualTo(otherCycle);
        assertThat(live.sent()).isEmpty();
    }

    private void assertConformToContract() throws Exception {
        ObjectMapper webJson = WebJson.mapper();
        for (RecordingLiveUpdates.Sent sent : live.sent()) {
            String frame = webJson.writeValueAsString(sent.frame());
            assertThat(Contract.load().validateFrame("/topic/cycles/{cycleId}/timeline", frame)).as(frame).isEmpty();
        }
        assertThat(Contract.load().validate("timeline-page",
                webJson.writeValueAsString(timeline.page(CYCLE, 0, 100)))).isEmpty();
    }

    private static InputContent input(StakeholderGroup group, InputChannel channel, int respondents) {
        return new InputContent(group, channel, LocalDate.parse("2027-04-01"), "What they said.", respondents,
                List.of());
    }

    private void apply(CycleScoped event, long position) {
        projection.on(event, Tokens.at(position), EPOCH.plusSeconds(position), ReplayStatus.REGULAR);
    }

    private static OpportunityListed listed(String opportunityId, int number) {
        SavingsCatalog.Entry entry = SavingsCatalog.ENTRIES.get(number - 1);
        return new OpportunityListed(opportunityId, CYCLE, DISTRICT, number, entry.focusArea(), entry.question(),
                true, "steering");
    }

    /** A fixed UUID per opportunity number, e.g. 00000000-0000-4000-8000-000000000001. */
    private static String opportunityId(int number) {
        return String.format("00000000-0000-4000-8000-%012d", number);
    }
}
