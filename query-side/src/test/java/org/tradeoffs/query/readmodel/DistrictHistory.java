package org.tradeoffs.query.readmodel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;
import org.tradeoffs.events.input.Stance;
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
import org.tradeoffs.events.savings.DriverAdjustment;
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

/**
 * A district's planning year as stored events, appended straight to the event store the way the command side stores
 * them: one commit per command (opening a cycle lists the savings catalog in the same commit; the deciding vote, the
 * decision and the funding it commits are one commit). Every kind of event each read model handles occurs. Each step
 * answers the global position of its last event. Appends come from one thread at a time.
 */
public final class DistrictHistory {

    /** One command's commit. */
    public record Step(String name, LongSupplier append) {
    }

    /** An event appended by {@link #busyWork()}, at its global position. */
    public record Appended(long position, Object event) {
    }

    private final EventStore store;
    private final String district = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<String> catalog = new ArrayList<>();
    private final List<String> priorities = new ArrayList<>();
    private final List<String> opportunities = new ArrayList<>();
    private final List<String> tradeoffs = new ArrayList<>();
    private final List<String> inputs = new ArrayList<>();
    private int busy;
    private int draftVersion;

    public DistrictHistory(EventStore store) {
        this.store = store;
        SavingsCatalog.ENTRIES.forEach(entry -> catalog.add(UUID.randomUUID().toString()));
    }

    public String district() {
        return district;
    }

    public String cycle() {
        return cycle;
    }

    /** The priorities proposed so far. */
    public List<String> priorities() {
        return List.copyOf(priorities);
    }

    /** The opportunities analysed so far (screened or added by the district), not the whole catalog. */
    public List<String> opportunities() {
        return List.copyOf(opportunities);
    }

    public List<String> tradeoffs() {
        return List.copyOf(tradeoffs);
    }

    public List<String> inputs() {
        return List.copyOf(inputs);
    }

    /** The year, from registering the district to the last package drafted: 54 commits, 87 events. */
    public List<Step> year() {
        String literacy = UUID.randomUUID().toString();
        String math = UUID.randomUUID().toString();
        String arts = UUID.randomUUID().toString();
        String transport = catalog.get(0);
        String energy = catalog.get(1);
        String custodial = catalog.get(3);
        String screenedOut = catalog.get(2);
        String grantWriter = UUID.randomUUID().toString();
        String routesLine = UUID.randomUUID().toString();
        String electricityLine = UUID.randomUUID().toString();
        String buses = UUID.randomUUID().toString();
        String kwh = UUID.randomUUID().toString();
        String contract = UUID.randomUUID().toString();
        String routeStudy = UUID.randomUUID().toString();
        String boardVote = UUID.randomUUID().toString();
        String survey = UUID.randomUUID().toString();
        String townHall = UUID.randomUUID().toString();
        String coaches = UUID.randomUUID().toString();
        String artsPackage = UUID.randomUUID().toString();
        String draft = UUID.randomUUID().toString();
        InputContent surveyContent = new InputContent(StakeholderGroup.PARENTS, InputChannel.SURVEY,
                LocalDate.parse("2027-04-01"), "Parents want earlier reading support and shorter bus rides.", 689,
                List.of(new InputLink(InputLink.Kind.PRIORITY, literacy, Stance.SUPPORT),
                        new InputLink(InputLink.Kind.OPPORTUNITY, transport, Stance.CONCERN)));
        List<Step> steps = new ArrayList<>();
        steps.add(step("register the district", "District", district,
                new DistrictRegistered(district, "Hayward Unified", 22272, "admin")));
        steps.add(grant("steering", Role.STEERING_COMMITTEE));
        steps.add(grant("designer", Role.DESIGN_TEAM));
        steps.add(grant("analyst", Role.ROI_ANALYST));
        steps.add(grant("auditor", Role.AUDITOR));
        steps.add(grant("chair", Role.STEERING_COMMITTEE));
        steps.add(grant("treasurer", Role.ROI_ANALYST));
        steps.add(new Step("open the cycle with the savings catalog", () -> {
            List<GenericDomainEventMessage<?>> commit = new ArrayList<>();
            commit.add(event("Cycle", cycle, new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering")));
            for (SavingsCatalog.Entry entry : SavingsCatalog.ENTRIES) {
                String id = catalog.get(entry.number() - 1);
                commit.add(event("Opportunity", id, new OpportunityListed(id, cycle, district, entry.number(),
                        entry.focusArea(), entry.question(), true, "steering")));
            }
            return commit(commit);
        }));
        steps.add(propose(literacy, details("K-5 early literacy coaches", split("840000.00", "90000.00", "30000.00", "0.00"),
                "LCAP Goal 1")));
        steps.add(propose(math, details("Middle-school math intervention", split("0.00", "0.00", "0.00", "720000.00"), null)));
        steps.add(propose(arts, details("Arts in every school", split("310000.00", "0.00", "45000.50", "0.00"), "LCAP Goal 3")));
        steps.add(step("revise the literacy coaches", "Priority", literacy, new PriorityRevised(literacy, cycle, district,
                details("K-5 early literacy coaches", split("900000.00", "90000.00", "30000.00", "0.00"), "LCAP Goal 1"),
                "designer")));
        steps.add(screen(transport, ScreeningDecision.DEEP_DIVE, "Transportation is 6% of the budget."));
        steps.add(screen(energy, ScreeningDecision.SHALLOW_DIVE, "Utility bills up 18% in two years."));
        steps.add(screen(screenedOut, ScreeningDecision.SCREENED_OUT, "Already renegotiated last year."));
        steps.add(step("add the routes budget line", "Opportunity", transport, new BudgetLineAdded(transport, cycle, district,
                routesLine, List.of("Operations", "Transportation", "General education routes"),
                new BigDecimal("1200000.00"), new BigDecimal("30.00"), "analyst")));
        steps.add(step("add the buses cost driver", "Opportunity", transport, new CostDriverAdded(transport, cycle,
                district, buses, "Buses", "bus", new BigDecimal("40"), new BigDecimal("95000"), Trend.RISING, routesLine,
                "analyst")));
        steps.add(step("record the bus contract", "Opportunity", transport, new ConstraintRecorded(transport, cycle,
                district, contract, ConstraintKind.CONTRACT, true, "Bus contractor agreement",
                LocalDate.parse("2027-07-01"), "analyst")));
        steps.add(step("size the routes", "Opportunity", transport, new OpportunitySized(transport, cycle, district,
                UUID.randomUUID().toString(), List.of(new DriverAdjustment(buses, new BigDecimal("40"),
                        new BigDecimal("95000"), new BigDecimal("36"), new BigDecimal("32"), null, null)),
                new BigDecimal("380000.00"), new BigDecimal("760000.00"), 3, "Consolidate routes", "analyst")));
        steps.add(step("add the electricity budget line", "Opportunity", energy, new BudgetLineAdded(energy, cycle,
                district, electricityLine, List.of("Operations", "Facilities", "Utilities", "Electricity"),
                new BigDecimal("2900000.00"), null, "analyst")));
        steps.add(step("add the kWh cost driver", "Opportunity", energy, new CostDriverAdded(energy, cycle, district,
                kwh, "Electricity", "kWh", new BigDecimal("14500000"), new BigDecimal("0.20"), Trend.RISING,
                electricityLine, "analyst")));
        steps.add(step("size the energy savings", "Opportunity", energy, new OpportunitySized(energy, cycle, district,
                UUID.randomUUID().toString(), List.of(new DriverAdjustment(kwh, new BigDecimal("14500000"),
                        new BigDecimal("0.20"), new BigDecimal("13775000"), new BigDecimal("13050000"), null, null)),
                new BigDecimal("145000.00"), new BigDecimal("290000.00"), 4, "LED retrofit", "analyst")));
        steps.add(step("resize the energy savings", "Opportunity", energy, new OpportunitySized(energy, cycle, district,
                UUID.randomUUID().toString(), List.of(new DriverAdjustment(kwh, new BigDecimal("14500000"),
                        new BigDecimal("0.20"), new BigDecimal("13500000"), new BigDecimal("12900000"), null,
                        new BigDecimal("0.19"))),
                new BigDecimal("200000.00"), new BigDecimal("449000.00"), 4, "LED retrofit and HVAC schedules",
                "analyst")));
        steps.add(screen(custodial, ScreeningDecision.SHALLOW_DIVE, "The custodial contract ends next summer."));
        steps.add(step("assign the routes to the analyst", "Opportunity", transport,
                new OwnerAssigned(transport, cycle, district, "analyst", "steering")));
        steps.add(step("plan the route study", "Opportunity", transport, new MilestoneAdded(transport, cycle, district,
                routeStudy, "Route study", LocalDate.parse("2027-05-01"), "analyst")));
        steps.add(step("plan the board vote", "Opportunity", transport, new MilestoneAdded(transport, cycle, district,
                boardVote, "Board vote", LocalDate.parse("2027-06-15"), "analyst")));
        steps.add(input(survey, new StakeholderInputRecorded(survey, cycle, district, surveyContent,
                List.of("early literacy"), "designer")));
        steps.add(step("tag the survey", "StakeholderInput", survey, new StakeholderInputTagged(survey, cycle, district,
                List.of("early literacy", "transportation"), "designer")));
        steps.add(step("correct the survey", "StakeholderInput", survey, new StakeholderInputCorrected(survey, cycle,
                district, new InputContent(surveyContent.group(), surveyContent.channel(), surveyContent.receivedOn(),
                        surveyContent.summary(), 702, surveyContent.links()),
                "Late responses counted", "designer")));
        steps.add(step("approve the literacy coaches", "Priority", literacy,
                new PriorityApproved(literacy, cycle, district, "Highest need in grades K-3", "steering")));
        steps.add(step("reject the arts", "Priority", arts,
                new PriorityRejected(arts, cycle, district, "No funding source this year", "steering")));
        steps.add(step("reopen the arts", "Priority", arts,
                new PriorityReopened(arts, cycle, district, "The county announced an arts grant", "steering")));
        steps.add(step("approve the arts", "Priority", arts,
                new PriorityApproved(arts, cycle, district, "Funded with the energy savings", "steering")));
        steps.add(tradeoff(coaches, new PackageContent("Literacy coaches from route savings",
                "Route consolidation pays for the coaches", List.of(new Investment(literacy, new BigDecimal("500000"))),
                List.of(new Funding(transport, "Route consolidation", new BigDecimal("500000"))), List.of(survey))));
        steps.add(step("revise the coaches package", "Tradeoff", coaches, new TradeoffRevised(coaches, cycle, district, 2,
                new PackageContent("Literacy coaches from route savings", "Route consolidation pays for the coaches",
                        List.of(new Investment(literacy, new BigDecimal("600000"))),
                        List.of(new Funding(transport, "Route consolidation", new BigDecimal("600000"))),
                        List.of(survey)), "designer")));
        steps.add(step("submit the coaches package", "Tradeoff", coaches, new TradeoffSubmitted(coaches, cycle, district,
                1, Majority.SIMPLE, List.of("chair", "steering"), "designer")));
        steps.add(step("ask both steering votes", "Tradeoff", coaches,
                new VotingRulesChanged(coaches, cycle, district, 2, Majority.SIMPLE, "steering")));
        steps.add(step("first vote on the coaches", "Tradeoff", coaches,
                new VoteCast(coaches, cycle, district, Vote.APPROVE, "Reading first", "steering")));
        steps.add(new Step("deciding vote: approved, the funding committed", () -> commit(List.of(
                event("Tradeoff", coaches, new VoteCast(coaches, cycle, district, Vote.APPROVE, "", "chair")),
                event("Tradeoff", coaches, new TradeoffDecided(coaches, cycle, district, Outcome.APPROVED,
                        new Tally(2, 0, 0), "chair")),
                event("Opportunity", transport, new FundingCommitted(transport, cycle, district, coaches,
                        new BigDecimal("600000"), "chair"))))));
        steps.add(step("capture the first route savings", "Opportunity", transport, new SavingsCaptured(transport, cycle,
                district, UUID.randomUUID().toString(), new BigDecimal("36000.00"), LocalDate.parse("2027-09-01"),
                "First month of consolidated routes", "analyst")));
        steps.add(step("finish the route study", "Opportunity", transport,
                new MilestoneCompleted(transport, cycle, district, routeStudy, "analyst")));
        steps.add(step("the board vote is overdue", "Opportunity", transport, new MilestoneOverdue(transport, cycle,
                district, boardVote, LocalDate.parse("2027-06-15"), "system")));
        steps.add(step("the bus contract opens", "Opportunity", transport, new RenegotiationWindowOpened(transport, cycle,
                district, contract, LocalDate.parse("2027-07-01"), "system")));
        steps.add(input(townHall, new StakeholderInputRecorded(townHall, cycle, district, new InputContent(
                StakeholderGroup.TEACHERS, InputChannel.TOWN_HALL, LocalDate.parse("2027-09-20"),
                "Teachers ask for intervention time in the schedule.", 48,
                List.of(new InputLink(InputLink.Kind.PRIORITY, math, Stance.SUPPORT),
                        new InputLink(InputLink.Kind.PRIORITY, arts, Stance.IDEA))), List.of("math"), "designer")));
        steps.add(tradeoff(artsPackage, new PackageContent("Arts from energy savings", "",
                List.of(new Investment(arts, new BigDecimal("200000"))),
                List.of(new Funding(energy, null, new BigDecimal("200000"))), List.of(townHall))));
        steps.add(step("submit the arts package", "Tradeoff", artsPackage, new TradeoffSubmitted(artsPackage, cycle,
                district, 2, Majority.TWO_THIRDS, List.of("chair", "steering"), "designer")));
        steps.add(step("vote against the arts", "Tradeoff", artsPackage,
                new VoteCast(artsPackage, cycle, district, Vote.REJECT, "Not this year", "steering")));
        steps.add(step("change the vote on the arts", "Tradeoff", artsPackage, new VoteChanged(artsPackage, cycle,
                district, Vote.REJECT, Vote.APPROVE, "The grant covers the rest", "steering")));
        steps.add(step("close the arts package", "Tradeoff", artsPackage, new TradeoffClosed(artsPackage, cycle, district,
                Outcome.REJECTED, new Tally(1, 0, 0), "No quorum before the board meeting", "steering")));
        steps.add(step("revoke the treasurer", "District", district,
                new MemberRoleRevoked(district, "treasurer", Role.ROI_ANALYST, "admin")));
        steps.add(step("withdraw the math intervention", "Priority", math,
                new PriorityWithdrawn(math, cycle, district, "Merged into next year's plan", "designer")));
        steps.add(new Step("add a grant writer of the district's own", () -> {
            opportunities.add(grantWriter);
            return commit(List.of(event("Opportunity", grantWriter, new OpportunityListed(grantWriter, cycle, district,
                    32, FocusArea.MAXIMIZING_REVENUE, "Share a grant writer with the county?", false, "designer"))));
        }));
        steps.add(tradeoff(draft, new PackageContent("Arts from the custodial contract", "To be sized",
                List.of(new Investment(arts, new BigDecimal("100000"))),
                List.of(new Funding(custodial, "Custodial rebid", new BigDecimal("100000"))), List.of())));
        return steps;
    }

    /**
     * One more ordinary change, a different kind each time (a proposal, a revision, stakeholder input, a budget line,
     * a revised draft package, a new member), as one single-event commit. Call after {@link #year()} has run.
     */
    public Appended busyWork() {
        int n = busy++;
        String priority = priorities.get(priorities.size() - 1);
        Object event;
        String type;
        String id;
        switch (n % 6) {
            case 0:
                id = UUID.randomUUID().toString();
                priorities.add(id);
                type = "Priority";
                event = new PriorityProposed(id, cycle, district, details("Proposal " + n,
                        split(n + "000.00", "0.00", "0.00", "0.00"), null), "designer");
                break;
            case 1:
                id = priority;
                type = "Priority";
                event = new PriorityRevised(id, cycle, district, details("Proposal " + (n - 1) + ", revised",
                        split(n + "000.00", "500.00", "0.00", "0.00"), "LCAP Goal 2"), "designer");
                break;
            case 2:
                id = UUID.randomUUID().toString();
                inputs.add(id);
                type = "StakeholderInput";
                event = new StakeholderInputRecorded(id, cycle, district, new InputContent(StakeholderGroup.STUDENTS,
                        InputChannel.FOCUS_GROUP, LocalDate.parse("2027-10-01"), "Student council, session " + n, 12,
                        List.of(new InputLink(InputLink.Kind.PRIORITY, priority, Stance.SUPPORT))), List.of(),
                        "designer");
                break;
            case 3:
                id = catalog.get(List.of(0, 1, 3).get(n / 6 % 3)); // the screened-in ones
                type = "Opportunity";
                event = new BudgetLineAdded(id, cycle, district, UUID.randomUUID().toString(),
                        List.of("Operations", "Facilities", "Site " + n), new BigDecimal(n + "00.00"), null, "analyst");
                break;
            case 4:
                id = tradeoffs.get(tradeoffs.size() - 1);
                type = "Tradeoff";
                event = new TradeoffRevised(id, cycle, district, ++draftVersion + 1, new PackageContent(
                        "Arts from the custodial contract", "Revision " + n,
                        List.of(new Investment(priority, new BigDecimal(n + "00"))), List.of(), List.of()),
                        "designer");
                break;
            default:
                id = district;
                type = "District";
                event = new MemberRoleGranted(district, "volunteer" + n, Role.DESIGN_TEAM, "steering");
                break;
        }
        return new Appended(commit(List.of(event(type, id, event))), event);
    }

    private Step grant(String username, Role role) {
        return step("make " + username + " " + role, "District", district,
                new MemberRoleGranted(district, username, role, "admin"));
    }

    private Step propose(String id, PriorityDetails details) {
        return new Step("propose " + details.title(), () -> {
            priorities.add(id);
            return commit(List.of(event("Priority", id, new PriorityProposed(id, cycle, district, details, "designer"))));
        });
    }

    private Step screen(String id, ScreeningDecision decision, String reason) {
        return new Step("screen #" + (catalog.indexOf(id) + 1) + " " + decision, () -> {
            opportunities.add(id);
            return commit(List.of(event("Opportunity", id,
                    new OpportunityScreened(id, cycle, district, decision, reason, "designer"))));
        });
    }

    private Step input(String id, StakeholderInputRecorded recorded) {
        return new Step("record input from " + recorded.content().group(), () -> {
            inputs.add(id);
            return commit(List.of(event("StakeholderInput", id, recorded)));
        });
    }

    private Step tradeoff(String id, PackageContent content) {
        return new Step("draft " + content.title(), () -> {
            tradeoffs.add(id);
            return commit(List.of(event("Tradeoff", id, new TradeoffDrafted(id, cycle, district, content, "designer"))));
        });
    }

    private Step step(String name, String type, String id, Object payload) {
        return new Step(name, () -> commit(List.of(event(type, id, payload))));
    }

    private GenericDomainEventMessage<?> event(String type, String id, Object payload) {
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(type, id, sequence, payload);
    }

    /** Stores the events as one commit; answers the position of its last event. */
    private long commit(List<GenericDomainEventMessage<?>> events) {
        store.publish(events);
        return store.createHeadToken().position().orElseThrow();
    }

    private static PriorityDetails details(String title, CostSplit cost, String lcapGoal) {
        return new PriorityDetails(title, "Staff and materials for " + title.toLowerCase(),
                "More time with a specialist closes gaps", Fundability.ACTION, cost, lcapGoal);
    }

    private static CostSplit split(String staff, String services, String materials, String unallocated) {
        return new CostSplit(new BigDecimal(staff), new BigDecimal(services), new BigDecimal(materials),
                new BigDecimal(unallocated));
    }
}
