package org.tradeoffs.query.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.ReplayStatus;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.savings.BudgetLineAdded;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.ConstraintRecorded;
import org.tradeoffs.events.savings.CostDriverAdded;
import org.tradeoffs.events.savings.DriverAdjustment;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.MilestoneCompleted;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.OwnerAssigned;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;
import org.tradeoffs.events.savings.SavingsCaptured;
import org.tradeoffs.events.savings.SavingsCatalog;
import org.tradeoffs.events.savings.ScreeningDecision;
import org.tradeoffs.events.savings.Trend;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.projection.RecordingLiveUpdates;
import org.tradeoffs.query.projection.Tokens;
import org.tradeoffs.query.projection.WebJson;
import org.tradeoffs.query.savings.OpportunityDetail.BudgetNode;
import org.tradeoffs.query.savings.OpportunityDetail.Milestone;
import org.tradeoffs.query.savings.OpportunityDetail.Sizing;
import org.tradeoffs.query.savings.SavingsPipeline.FocusAreaSavings;
import org.tradeoffs.query.savings.SavingsPipeline.Funnel;
import org.tradeoffs.query.savings.SavingsPipeline.OverdueMilestone;
import org.tradeoffs.query.savings.SavingsPipeline.Owner;
import org.tradeoffs.query.savings.SavingsPipeline.Ranked;

class SavingsProjectionTest {

    static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String OTHER_CYCLE = "5f0e6a2b-8c3d-4e1f-9a7b-2d4c6e8f0a13";
    static final Instant EPOCH = Instant.parse("2027-03-02T10:00:00.123456Z");

    /** #1 general education transportation (reducing operational costs). */
    static final String TRANSPORT = "5e9a1c37-4b2d-4f8e-a6c1-3d7b9e2f4a68";
    /** #4 custodial services (reducing operational costs). */
    static final String CUSTODIAL = "a3b5c7d9-1e2f-4a6b-8c0d-2e4f6a8b0c35";
    /** #16 Medicaid reimbursement (maximizing revenue). */
    static final String MEDICAID = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    /** #20 instructional coaching positions (professional development). */
    static final String COACHES = "e1d5b3a9-8c7f-4e2a-b6d4-2a9c5e7f1b36";
    /** #32 the district's own: renting out gyms (maximizing revenue). */
    static final String GYMS = "f2c4e6a8-0b1d-4f3a-9c5e-7a9b1d3f5e80";

    static final String LITERACY_PACKAGE = "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93";
    static final String COUNSELORS_PACKAGE = "b5e3d9f7-2c4e-4f6a-8b8d-3e9c7f5a2d04";

    static final String BUSES = "2a7d4e96-1c3b-4f5a-8e72-9b6c1d3f5e47";
    static final String ROUTES_LINE = "8c3f5a71-2d6e-4b9a-9f14-6e2a8d4c1b35";

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final RecordingLiveUpdates live = new RecordingLiveUpdates();
    private final List<Applied> history = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private long nextPosition = 10;
    private int nextId = 1;
    private SavingsRepository savings;
    private SavingsProjection projection;

    @BeforeEach
    void setUp() {
        savings = new SavingsRepository(MongoViewStore.plain(mongo.database()));
        projection = new SavingsProjection(savings, live);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void listingTheCatalogShowsAll31OpportunitiesNotScreenedInNumberOrder() {
        List<SavingsCatalog.Entry> backwards = new ArrayList<>(SavingsCatalog.ENTRIES);
        Collections.reverse(backwards);
        for (SavingsCatalog.Entry entry : backwards) {
            record(new OpportunityListed(id(), CYCLE, DISTRICT, entry.number(), entry.focusArea(), entry.question(),
                    true, "steering"));
        }

        List<OpportunitySummary> list = savings.opportunities(CYCLE);
        assertThat(list).extracting(OpportunitySummary::number)
                .containsExactlyElementsOf(SavingsCatalog.ENTRIES.stream().map(SavingsCatalog.Entry::number).toList());
        OpportunitySummary first = list.get(0);
        assertThat(first.question())
                .isEqualTo("Can the district free up funds from general education transportation ?");
        assertThat(first.focusArea()).isEqualTo(FocusArea.REDUCING_OPERATIONAL_COSTS);
        assertThat(first.focusAreaTitle()).isEqualTo("Reducing operational costs");
        assertThat(first.catalog()).isTrue();
        assertThat(first.status()).isEqualTo(OpportunityStatus.NOT_SCREENED);
        assertThat(first.low()).isNull();
        assertThat(first.high()).isNull();
        assertThat(first.ease()).isNull();
        assertThat(first.owner()).isNull();
        assertThat(first.capturedToDate()).isEqualTo("0.00");
        assertThat(first.version()).isEqualTo(1);
        SavingsPipeline pipeline = savings.pipeline(CYCLE).orElseThrow();
        assertThat(pipeline.funnel()).isEqualTo(new Funnel(31, 31, 0, 0, 0, 0));
        assertThat(pipeline.byFocusArea()).extracting(FocusAreaSavings::focusArea)
                .containsExactly(FocusArea.values());
        assertThat(pipeline.position()).isEqualTo(nextPosition - 1);
        assertThat(savings.opportunities(OTHER_CYCLE)).isEmpty();
        assertThat(savings.pipeline(OTHER_CYCLE)).isEmpty();
    }

    @Test
    void budgetTreeRollsUpTotalsAndFteOfEveryLineBelowEachPathPrefix() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        String generalRoutes =
                line(TRANSPORT, "1200000.00", "30", "Operations", "Transportation", "General education routes");
        String specialRoutes =
                line(TRANSPORT, "800000.50", null, "Operations", "Transportation", "Special education routes");
        String dispatch = line(TRANSPORT, "100000", "2.5", "Operations", "Transportation");
        String facilities = line(TRANSPORT, "50000", "1", "Operations", "Facilities");
        String audit = line(TRANSPORT, "10", null, "administration");

        OpportunityDetail detail = savings.opportunity(TRANSPORT).orElseThrow();
        assertThat(detail.budgetLines()).extracting(OpportunityDetail.BudgetLine::id)
                .containsExactly(generalRoutes, specialRoutes, dispatch, facilities, audit);
        assertThat(detail.budgetLines().get(0).path())
                .containsExactly("Operations", "Transportation", "General education routes");
        assertThat(detail.budgetLines().get(1).fte()).isNull();
        BudgetNode root = detail.budgetTree();
        assertThat(root.name()).isEqualTo("All");
        assertThat(root.total()).isEqualTo("2150010.50");
        assertThat(root.fte()).isEqualTo("33.50");
        assertThat(root.lineIds()).isEmpty();
        assertThat(root.children()).extracting(BudgetNode::name).containsExactly("administration", "Operations");
        BudgetNode administration = root.children().get(0);
        assertThat(administration)
                .isEqualTo(new BudgetNode("administration", "10.00", null, List.of(), List.of(audit)));
        BudgetNode operations = root.children().get(1);
        assertThat(operations.total()).isEqualTo("2150000.50");
        assertThat(operations.fte()).isEqualTo("33.50");
        assertThat(operations.lineIds()).isEmpty();
        assertThat(operations.children()).extracting(BudgetNode::name).containsExactly("Facilities", "Transportation");
        BudgetNode transportation = operations.children().get(1);
        assertThat(transportation.total()).isEqualTo("2100000.50");
        assertThat(transportation.fte()).isEqualTo("32.50");
        assertThat(transportation.lineIds()).containsExactly(dispatch);
        assertThat(transportation.children()).containsExactly(
                new BudgetNode("General education routes", "1200000.00", "30.00", List.of(), List.of(generalRoutes)),
                new BudgetNode("Special education routes", "800000.50", null, List.of(), List.of(specialRoutes)));
    }

    @Test
    void driverShowsItsAnnualCostAndAmountsHaveAtLeastTwoDecimals() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        record(new CostDriverAdded(TRANSPORT, CYCLE, DISTRICT, BUSES, "Buses", "bus", new BigDecimal("40"),
                new BigDecimal("9.5E+4"), Trend.RISING, null, "analyst"));
        String fuel = id();
        record(new CostDriverAdded(TRANSPORT, CYCLE, DISTRICT, fuel, "Fuel", "gallon", new BigDecimal("40.5"),
                new BigDecimal("3.25"), Trend.FALLING, ROUTES_LINE, "analyst"));

        List<OpportunityDetail.Driver> drivers = savings.opportunity(TRANSPORT).orElseThrow().drivers();
        assertThat(drivers).containsExactly(
                new OpportunityDetail.Driver(BUSES, "Buses", "bus", "40.00", "95000.00", "3800000.00", Trend.RISING,
                        null),
                new OpportunityDetail.Driver(fuel, "Fuel", "gallon", "40.50", "3.25", "131.625", Trend.FALLING,
                        ROUTES_LINE));
    }

    @Test
    void everySizingStaysInTheHistoryWithItsChangeFromThePreviousOne() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        record(new CostDriverAdded(TRANSPORT, CYCLE, DISTRICT, BUSES, "Buses", "bus", new BigDecimal("40"),
                new BigDecimal("95000"), Trend.RISING, null, "analyst"));
        String first = size(TRANSPORT, "380000", "760000", 3, new DriverAdjustment(BUSES, new BigDecimal("40"),
                new BigDecimal("95000"), new BigDecimal("36"), new BigDecimal("32"), null, null));
        String second = size(TRANSPORT, "475000", "665000.50", 4, new DriverAdjustment(BUSES, new BigDecimal("40"),
                new BigDecimal("95000"), new BigDecimal("35"), new BigDecimal("33"), null, new BigDecimal("94999.50")));

        OpportunityDetail detail = savings.opportunity(TRANSPORT).orElseThrow();
        assertThat(detail.sizingHistory()).extracting(Sizing::id).containsExactly(first, second);
        Sizing original = detail.sizingHistory().get(0);
        assertThat(original.low()).isEqualTo("380000.00");
        assertThat(original.high()).isEqualTo("760000.00");
        assertThat(original.lowChange()).isNull();
        assertThat(original.highChange()).isNull();
        assertThat(original.adjustments()).containsExactly(new OpportunityDetail.Adjustment(BUSES, "Buses", "40.00",
                "95000.00", "36.00", "32.00", null, null));
        Sizing current = detail.currentSizing();
        assertThat(current).isEqualTo(detail.sizingHistory().get(1));
        assertThat(current.lowChange()).isEqualTo("95000.00");
        assertThat(current.highChange()).isEqualTo("-94999.50");
        assertThat(current.ease()).isEqualTo(4);
        assertThat(current.sizedBy()).isEqualTo("analyst");
        assertThat(current.sizedAt()).isEqualTo(EPOCH.plusSeconds(detail.position()));
        assertThat(current.adjustments().get(0).ambitiousUnitCost()).isEqualTo("94999.50");
        assertThat(detail.summary()).extracting(OpportunitySummary::low, OpportunitySummary::high,
                OpportunitySummary::ease).containsExactly("475000.00", "665000.50", 4);
    }

    @Test
    void funnelCountsFollowScreeningInOutAndRevisits() {
        list(TRANSPORT, 1);
        list(CUSTODIAL, 4);
        list(MEDICAID, 16);
        list(COACHES, 20);
        listCustom(GYMS, 32);
        screen(TRANSPORT, ScreeningDecision.DEEP_DIVE);
        screen(CUSTODIAL, ScreeningDecision.SHALLOW_DIVE);
        screen(MEDICAID, ScreeningDecision.SCREENED_OUT);
        assign(TRANSPORT, "designer");
        assign(CUSTODIAL, "analyst");
        assertThat(savings.pipeline(CYCLE).orElseThrow().funnel()).isEqualTo(new Funnel(5, 2, 1, 1, 1, 2));

        screen(MEDICAID, ScreeningDecision.SHALLOW_DIVE);
        screen(CUSTODIAL, ScreeningDecision.SCREENED_OUT);

        assertThat(savings.pipeline(CYCLE).orElseThrow().funnel()).isEqualTo(new Funnel(5, 2, 1, 1, 1, 1));
        OpportunityDetail custodial = savings.opportunity(CUSTODIAL).orElseThrow();
        assertThat(custodial.status()).isEqualTo(OpportunityStatus.SCREENED_OUT);
        assertThat(custodial.screenings()).extracting(OpportunityDetail.Screening::decision)
                .containsExactly(ScreeningDecision.SHALLOW_DIVE, ScreeningDecision.SCREENED_OUT);
        assertThat(custodial.screenings().get(1).reason())
                .isEqualTo("Screened SCREENED_OUT after a look at the budget.");
        assertThat(custodial.screenings().get(1).by()).isEqualTo("designer");
    }

    @Test
    void totalsByFocusAreaAddUpSizingsInAnalysisAndEveryCapture() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        listAndScreen(CUSTODIAL, 4, ScreeningDecision.SHALLOW_DIVE);
        listAndScreen(MEDICAID, 16, ScreeningDecision.SHALLOW_DIVE);
        listAndScreen(COACHES, 20, ScreeningDecision.DEEP_DIVE);
        size(TRANSPORT, "380000", "760000", 3);
        size(CUSTODIAL, "100000", "150000.25", 2);
        size(MEDICAID, "50000", "90000", 5);
        size(COACHES, "200000", "300000", 4);
        capture(TRANSPORT, "120000");
        capture(COACHES, "25000.50");
        screen(COACHES, ScreeningDecision.SCREENED_OUT);

        SavingsPipeline pipeline = savings.pipeline(CYCLE).orElseThrow();
        assertThat(pipeline.byFocusArea()).containsExactly(
                new FocusAreaSavings(FocusArea.REDUCING_OPERATIONAL_COSTS, "Reducing operational costs", 2,
                        "480000.00", "910000.25", "120000.00"),
                zero(FocusArea.SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE),
                new FocusAreaSavings(FocusArea.MAXIMIZING_REVENUE, "Maximizing revenue", 1, "50000.00", "90000.00",
                        "0.00"),
                new FocusAreaSavings(FocusArea.PROFESSIONAL_DEVELOPMENT,
                        FocusArea.PROFESSIONAL_DEVELOPMENT.title(), 0, "0.00", "0.00", "25000.50"),
                zero(FocusArea.NON_INSTRUCTIONAL_STAFFING),
                zero(FocusArea.INSTRUCTIONAL_TIME),
                zero(FocusArea.CLASS_SIZE));
        assertThat(pipeline.totals()).isEqualTo(new SavingsPipeline.Totals("530000.00", "1000000.25", "145000.50",
                "0.00"));
    }

    @Test
    void rankingOrdersSizedOpportunitiesInAnalysisByHighThenEaseThenNumber() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        listAndScreen(CUSTODIAL, 4, ScreeningDecision.SHALLOW_DIVE);
        listAndScreen(MEDICAID, 16, ScreeningDecision.SHALLOW_DIVE);
        listAndScreen(COACHES, 20, ScreeningDecision.DEEP_DIVE);
        listAndScreen(GYMS, 32, ScreeningDecision.DEEP_DIVE);
        size(COACHES, "400000", "500000.00", 4);
        size(CUSTODIAL, "100000", "500000", 2);
        size(MEDICAID, "300000", "500000", 4);
        size(TRANSPORT, "-20000", "760000", 1);

        assertThat(savings.pipeline(CYCLE).orElseThrow().ranking()).containsExactly(
                new Ranked(TRANSPORT, 1, question(1), "-20000.00", "760000.00", 1, 1),
                new Ranked(MEDICAID, 16, question(16), "300000.00", "500000.00", 4, 2),
                new Ranked(COACHES, 20, question(20), "400000.00", "500000.00", 4, 3),
                new Ranked(CUSTODIAL, 4, question(4), "100000.00", "500000.00", 2, 4));

        screen(MEDICAID, ScreeningDecision.SCREENED_OUT);

        assertThat(savings.pipeline(CYCLE).orElseThrow().ranking())
                .extracting(Ranked::opportunityId, Ranked::rank)
                .containsExactly(tuple(TRANSPORT, 1), tuple(COACHES, 2), tuple(CUSTODIAL, 3));
    }

    @Test
    void ownersAreListedByUsernameWithTheirOpportunitiesByNumber() {
        listAndScreen(COACHES, 20, ScreeningDecision.DEEP_DIVE);
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        listAndScreen(CUSTODIAL, 4, ScreeningDecision.SHALLOW_DIVE);
        assign(COACHES, "designer");
        assign(TRANSPORT, "analyst");
        assign(CUSTODIAL, "designer");
        assign(TRANSPORT, "steering");

        assertThat(savings.pipeline(CYCLE).orElseThrow().owners()).containsExactly(
                new Owner("designer", List.of(CUSTODIAL, COACHES)),
                new Owner("steering", List.of(TRANSPORT)));
        assertThat(savings.opportunity(TRANSPORT).orElseThrow().owner()).isEqualTo("steering");
    }

    @Test
    void overdueMilestoneIsListedUntilItIsCompleted() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        listAndScreen(CUSTODIAL, 4, ScreeningDecision.SHALLOW_DIVE);
        assign(TRANSPORT, "analyst");
        String routeStudy = milestone(TRANSPORT, "Route study", "2027-05-01");
        String boardVote = milestone(TRANSPORT, "Board vote", "2027-06-15");
        String bid = milestone(CUSTODIAL, "Custodial bid", "2027-04-01");
        record(new MilestoneOverdue(TRANSPORT, CYCLE, DISTRICT, routeStudy, LocalDate.parse("2027-05-01"), "system"));
        record(new MilestoneOverdue(CUSTODIAL, CYCLE, DISTRICT, bid, LocalDate.parse("2027-04-01"), "system"));

        assertThat(savings.pipeline(CYCLE).orElseThrow().overdueMilestones()).containsExactly(
                new OverdueMilestone(CUSTODIAL, 4, bid, "Custodial bid", LocalDate.parse("2027-04-01"), null),
                new OverdueMilestone(TRANSPORT, 1, routeStudy, "Route study", LocalDate.parse("2027-05-01"),
                        "analyst"));
        assertThat(savings.opportunity(TRANSPORT).orElseThrow().milestones()).containsExactly(
                new Milestone(routeStudy, "Route study", LocalDate.parse("2027-05-01"), false, null, true),
                new Milestone(boardVote, "Board vote", LocalDate.parse("2027-06-15"), false, null, false));

        record(new MilestoneCompleted(TRANSPORT, CYCLE, DISTRICT, routeStudy, "analyst"));

        assertThat(savings.pipeline(CYCLE).orElseThrow().overdueMilestones())
                .extracting(OverdueMilestone::milestoneId).containsExactly(bid);
        Milestone completed = savings.opportunity(TRANSPORT).orElseThrow().milestones().get(0);
        assertThat(completed.done()).isTrue();
        assertThat(completed.doneAt()).isEqualTo(EPOCH.plusSeconds(nextPosition - 1));
        assertThat(completed.overdue()).as("a late completion stays visible on the milestone").isTrue();
    }

    @Test
    void capturedToDateAddsUpCapturesToCompareWithTheEstimate() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        size(TRANSPORT, "380000", "760000", 3);
        long septemberPosition = nextPosition;
        String september = capture(TRANSPORT, "120000.50");
        capture(TRANSPORT, "200000");

        OpportunityDetail detail = savings.opportunity(TRANSPORT).orElseThrow();
        assertThat(detail.capturedToDate()).isEqualTo("320000.50");
        assertThat(detail.low()).isEqualTo("380000.00");
        assertThat(detail.captures()).hasSize(2);
        assertThat(detail.captures().get(0)).isEqualTo(new OpportunityDetail.Capture(september, "120000.50",
                LocalDate.parse("2027-09-30"), "Routes retired.", "designer", EPOCH.plusSeconds(septemberPosition)));
        assertThat(savings.opportunities(CYCLE).get(0).capturedToDate()).isEqualTo("320000.50");
        assertThat(savings.pipeline(CYCLE).orElseThrow().totals().captured()).isEqualTo("320000.50");
    }

    @Test
    void fundingCommittedByApprovedPackagesAddsUpOnTheOpportunityAndInThePipelineTotals() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        listAndScreen(CUSTODIAL, 4, ScreeningDecision.SHALLOW_DIVE);
        size(TRANSPORT, "380000", "760000", 3);
        size(CUSTODIAL, "100000", "150000", 2);
        commit(TRANSPORT, LITERACY_PACKAGE, "300000");
        commit(TRANSPORT, COUNSELORS_PACKAGE, "120000.50");
        commit(CUSTODIAL, COUNSELORS_PACKAGE, "50000");

        OpportunityDetail transport = savings.opportunity(TRANSPORT).orElseThrow();
        assertThat(transport.committed()).isEqualTo("420000.50");
        assertThat(transport.summary().committed()).isEqualTo("420000.50");
        assertThat(transport.high()).as("committing changes no estimate").isEqualTo("760000.00");
        assertThat(transport.version()).isEqualTo(5);
        assertThat(savings.opportunities(CYCLE)).extracting(OpportunitySummary::committed)
                .containsExactly("420000.50", "50000.00");
        assertThat(savings.pipeline(CYCLE).orElseThrow().totals())
                .isEqualTo(new SavingsPipeline.Totals("480000.00", "910000.00", "0.00", "470000.50"));
        assertThat(live.sent()).last().extracting(sent -> sent.frame().type()).isEqualTo("FundingCommitted");
    }

    @Test
    void anOpportunityNotYetCommittedShowsZeroCommitted() {
        list(TRANSPORT, 1);

        assertThat(savings.opportunity(TRANSPORT).orElseThrow().committed()).isEqualTo("0.00");
        assertThat(savings.opportunities(CYCLE).get(0).committed()).isEqualTo("0.00");
        assertThat(savings.pipeline(CYCLE).orElseThrow().totals().committed()).isEqualTo("0.00");
    }

    @Test
    void viewsStoredBeforeFundingCouldBeCommittedReadAsNothingCommitted() {
        list(TRANSPORT, 1);
        mongo.database().getCollection(SavingsRepository.OPPORTUNITIES).updateOne(
                new Document("_id", TRANSPORT), new Document("$unset",
                        new Document("committed", "")));

        assertThat(savings.opportunity(TRANSPORT).orElseThrow().committed()).isEqualTo("0.00");
        commit(TRANSPORT, LITERACY_PACKAGE, "1000");
        assertThat(savings.opportunity(TRANSPORT).orElseThrow().committed()).isEqualTo("1000.00");
    }

    @Test
    void contractConstraintShowsWhenItsRenegotiationWindowOpened() {
        listAndScreen(TRANSPORT, 1, ScreeningDecision.DEEP_DIVE);
        String contract = id();
        record(new ConstraintRecorded(TRANSPORT, CYCLE, DISTRICT, contract, ConstraintKind.CONTRACT, true,
                "Bus contract with Valley Transit.", LocalDate.parse("2027-07-01"), "analyst"));
        String preference = id();
        record(new ConstraintRecorded(TRANSPORT, CYCLE, DISTRICT, preference, ConstraintKind.DISTRICT_PREFERENCE,
                false, "Keep neighborhood stops.", null, "analyst"));
        record(new RenegotiationWindowOpened(TRANSPORT, CYCLE, DISTRICT, contract, LocalDate.parse("2027-07-01"),
                "system"));
        long opened = nextPosition - 1;

        assertThat(savings.opportunity(TRANSPORT).orElseThrow().constraints()).containsExactly(
                new OpportunityDetail.Constraint(contract, ConstraintKind.CONTRACT, true,
                        "Bus contract with Valley Transit.", LocalDate.parse("2027-07-01"), true,
                        EPOCH.plusSeconds(opened)),
                new OpportunityDetail.Constraint(preference, ConstraintKind.DISTRICT_PREFERENCE, false,
                        "Keep neighborhood stops.", null, false, null));
    }

    @Test
    void everyLiveChangeIsPushedToTheCyclesSavingsTopicWithTheOpportunityAndPipelineAsTheContractDescribes()
            throws Exception {
        fullStory();

        assertThat(live.sent()).hasSize(history.size());
        assertThat(live.sent()).extracting(RecordingLiveUpdates.Sent::destination)
                .containsOnly("/topic/cycles/" + CYCLE + "/savings");
        assertThat(live.sent()).extracting(sent -> sent.frame().type()).containsExactlyElementsOf(
                history.stream().map(applied -> applied.event().getClass().getSimpleName()).toList());
        LiveFrame<?> last = live.sent().get(live.sent().size() - 1).frame();
        assertThat(last.position()).isEqualTo(nextPosition - 1);
        assertThat(last.cycleId()).isEqualTo(CYCLE);
        SavingsChange change = (SavingsChange) last.view();
        assertThat(change.opportunity()).isEqualTo(savings.opportunity(TRANSPORT).orElseThrow());
        assertThat(change.pipeline()).isEqualTo(savings.pipeline(CYCLE).orElseThrow());
        assertThat(change.pipeline().position()).isEqualTo(last.position());
        ObjectMapper webJson = WebJson.mapper();
        Contract contract = Contract.load();
        for (RecordingLiveUpdates.Sent sent : live.sent()) {
            String frame = webJson.writeValueAsString(sent.frame());
            assertThat(contract.validateFrame("/topic/cycles/{cycleId}/savings", frame)).as(frame).isEmpty();
        }
        assertThat(contract.validate("savings-pipeline", webJson.writeValueAsString(change.pipeline()))).isEmpty();
        assertThat(contract.validate("opportunity-detail", webJson.writeValueAsString(change.opportunity())))
                .isEmpty();
        for (OpportunitySummary summary : savings.opportunities(CYCLE)) {
            assertThat(contract.validate("opportunity-summary", webJson.writeValueAsString(summary))).isEmpty();
        }
    }

    @Test
    void emptyPipelineListsAllSevenFocusAreasAtZeroAsTheContractDescribes() throws Exception {
        SavingsPipeline empty = SavingsPipeline.empty(CYCLE);

        assertThat(empty.funnel()).isEqualTo(new Funnel(0, 0, 0, 0, 0, 0));
        assertThat(empty.byFocusArea()).containsExactlyElementsOf(
                Arrays.stream(FocusArea.values()).map(SavingsProjectionTest::zero).toList());
        assertThat(empty.totals()).isEqualTo(new SavingsPipeline.Totals("0.00", "0.00", "0.00", "0.00"));
        assertThat(Contract.load().validate("savings-pipeline", WebJson.mapper().writeValueAsString(empty)))
                .isEmpty();
    }

    @Test
    void reapplyingAnAlreadyAppliedPositionChangesNothingAndPushesNothing() {
        fullStory();
        OpportunityDetail transport = savings.opportunity(TRANSPORT).orElseThrow();
        List<OpportunitySummary> list = savings.opportunities(CYCLE);
        SavingsPipeline pipeline = savings.pipeline(CYCLE).orElseThrow();
        live.clear();

        for (Applied applied : history) {
            projection.on(applied.event(), Tokens.at(applied.position()), EPOCH.plusSeconds(applied.position()),
                    applied.sequence(), ReplayStatus.REGULAR);
        }

        assertThat(savings.opportunity(TRANSPORT)).contains(transport);
        assertThat(savings.opportunities(CYCLE)).isEqualTo(list);
        assertThat(savings.pipeline(CYCLE)).contains(pipeline);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void resetAndReplayRebuildTheSameViewsWithoutPushing() {
        fullStory();
        record(new OpportunityListed(id(), OTHER_CYCLE, DISTRICT, 1, FocusArea.REDUCING_OPERATIONAL_COSTS,
                question(1), true, "steering"));
        OpportunityDetail transport = savings.opportunity(TRANSPORT).orElseThrow();
        OpportunityDetail custodial = savings.opportunity(CUSTODIAL).orElseThrow();
        List<OpportunitySummary> list = savings.opportunities(CYCLE);
        SavingsPipeline pipeline = savings.pipeline(CYCLE).orElseThrow();
        SavingsPipeline otherPipeline = savings.pipeline(OTHER_CYCLE).orElseThrow();
        live.clear();

        projection.reset();
        assertThat(savings.opportunities(CYCLE)).isEmpty();
        assertThat(savings.pipeline(CYCLE)).isEmpty();
        assertThat(savings.opportunity(TRANSPORT)).isEmpty();
        for (Applied applied : history) {
            projection.on(applied.event(), Tokens.at(applied.position()), EPOCH.plusSeconds(applied.position()),
                    applied.sequence(), ReplayStatus.REPLAY);
        }

        assertThat(savings.opportunity(TRANSPORT)).contains(transport);
        assertThat(savings.opportunity(CUSTODIAL)).contains(custodial);
        assertThat(savings.opportunities(CYCLE)).isEqualTo(list);
        assertThat(savings.pipeline(CYCLE)).contains(pipeline);
        assertThat(savings.pipeline(OTHER_CYCLE)).contains(otherPipeline);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void eventForAnOpportunityNeverListedIsIgnored() {
        projection.on(new OpportunityScreened(TRANSPORT, CYCLE, DISTRICT, ScreeningDecision.DEEP_DIVE, "Why not.",
                "designer"), Tokens.at(19), EPOCH.plusSeconds(19), 1, ReplayStatus.REGULAR);

        assertThat(savings.opportunity(TRANSPORT)).isEmpty();
        assertThat(savings.opportunities(CYCLE)).isEmpty();
        assertThat(savings.pipeline(CYCLE)).isEmpty();
        assertThat(live.sent()).isEmpty();
    }

    // ------------------------------------------------------------------ a story and its steps

    /** Every kind of opportunity event, in an order the command side allows. */
    private void fullStory() {
        list(TRANSPORT, 1);
        list(CUSTODIAL, 4);
        listCustom(GYMS, 32);
        screen(TRANSPORT, ScreeningDecision.DEEP_DIVE);
        screen(CUSTODIAL, ScreeningDecision.SCREENED_OUT);
        line(TRANSPORT, "3800000", "52", "Operations", "Transportation", "General education routes");
        record(new CostDriverAdded(TRANSPORT, CYCLE, DISTRICT, BUSES, "Buses", "bus", new BigDecimal("40"),
                new BigDecimal("95000"), Trend.RISING, null, "analyst"));
        String contract = id();
        record(new ConstraintRecorded(TRANSPORT, CYCLE, DISTRICT, contract, ConstraintKind.CONTRACT, true,
                "Bus contract.", LocalDate.parse("2027-07-01"), "analyst"));
        size(TRANSPORT, "380000", "760000", 3, new DriverAdjustment(BUSES, new BigDecimal("40"),
                new BigDecimal("95000"), new BigDecimal("36"), new BigDecimal("32"), null, null));
        assign(TRANSPORT, "designer");
        String study = milestone(TRANSPORT, "Route study", "2027-05-01");
        milestone(TRANSPORT, "Board vote", "2027-06-15");
        record(new MilestoneOverdue(TRANSPORT, CYCLE, DISTRICT, study, LocalDate.parse("2027-05-01"), "system"));
        record(new MilestoneCompleted(TRANSPORT, CYCLE, DISTRICT, study, "designer"));
        record(new RenegotiationWindowOpened(TRANSPORT, CYCLE, DISTRICT, contract, LocalDate.parse("2027-07-01"),
                "system"));
        size(TRANSPORT, "400000", "700000", 4, new DriverAdjustment(BUSES, new BigDecimal("40"),
                new BigDecimal("95000"), new BigDecimal("35.79"), new BigDecimal("32.63"), null, null));
        capture(TRANSPORT, "95000");
        commit(TRANSPORT, LITERACY_PACKAGE, "250000");
    }

    private record Applied(OpportunityEvent event, long position, long sequence) {
    }

    /** Applies the event live at the next global position and the next sequence number of its opportunity. */
    private void record(OpportunityEvent event) {
        long sequence = sequences.merge(event.opportunityId(), 0L, (previous, ignored) -> previous + 1);
        Applied applied = new Applied(event, nextPosition++, sequence);
        history.add(applied);
        projection.on(event, Tokens.at(applied.position()), EPOCH.plusSeconds(applied.position()), sequence,
                ReplayStatus.REGULAR);
    }

    private String id() {
        return String.format("00000000-0000-4000-8000-%012d", nextId++);
    }

    private void list(String opportunityId, int number) {
        SavingsCatalog.Entry entry = SavingsCatalog.ENTRIES.get(number - 1);
        record(new OpportunityListed(opportunityId, CYCLE, DISTRICT, number, entry.focusArea(), entry.question(), true,
                "steering"));
    }

    private void listCustom(String opportunityId, int number) {
        record(new OpportunityListed(opportunityId, CYCLE, DISTRICT, number, FocusArea.MAXIMIZING_REVENUE,
                "Can the district rent out its gyms on weekends?", false, "designer"));
    }

    private void listAndScreen(String opportunityId, int number, ScreeningDecision decision) {
        if (number > 31) {
            listCustom(opportunityId, number);
        } else {
            list(opportunityId, number);
        }
        screen(opportunityId, decision);
    }

    private void screen(String opportunityId, ScreeningDecision decision) {
        record(new OpportunityScreened(opportunityId, CYCLE, DISTRICT, decision,
                "Screened " + decision + " after a look at the budget.", "designer"));
    }

    private String line(String opportunityId, String amount, String fte, String... path) {
        String lineId = id();
        record(new BudgetLineAdded(opportunityId, CYCLE, DISTRICT, lineId, List.of(path), new BigDecimal(amount),
                fte == null ? null : new BigDecimal(fte), "analyst"));
        return lineId;
    }

    private String size(String opportunityId, String low, String high, int ease, DriverAdjustment... adjustments) {
        String sizingId = id();
        List<DriverAdjustment> recorded = adjustments.length > 0 ? List.of(adjustments)
                : List.of(new DriverAdjustment(id(), BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE, null, null, null));
        record(new OpportunitySized(opportunityId, CYCLE, DISTRICT, sizingId, recorded, new BigDecimal(low),
                new BigDecimal(high), ease, "Sized from the drivers.", "analyst"));
        return sizingId;
    }

    private void assign(String opportunityId, String owner) {
        record(new OwnerAssigned(opportunityId, CYCLE, DISTRICT, owner, "steering"));
    }

    private String milestone(String opportunityId, String title, String dueDate) {
        String milestoneId = id();
        record(new MilestoneAdded(opportunityId, CYCLE, DISTRICT, milestoneId, title, LocalDate.parse(dueDate),
                "designer"));
        return milestoneId;
    }

    private void commit(String opportunityId, String tradeoffId, String amount) {
        record(new FundingCommitted(opportunityId, CYCLE, DISTRICT, tradeoffId, new BigDecimal(amount), "steering"));
    }

    private String capture(String opportunityId, String amount) {
        String captureId = id();
        record(new SavingsCaptured(opportunityId, CYCLE, DISTRICT, captureId, new BigDecimal(amount),
                LocalDate.parse("2027-09-30"), "Routes retired.", "designer"));
        return captureId;
    }

    private static String question(int number) {
        return SavingsCatalog.ENTRIES.get(number - 1).question();
    }

    private static FocusAreaSavings zero(FocusArea area) {
        return new FocusAreaSavings(area, area.title(), 0, "0.00", "0.00", "0.00");
    }
}
