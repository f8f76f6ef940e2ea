package org.tradeoffs.benchmark.audit;

import static org.tradeoffs.benchmark.audit.DistrictHistory.OPPORTUNITY;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
 * One planning cycle's work after it was opened, as a random walk through what the command side allows: each
 * step is a command that would succeed at that moment (its guard clauses are mirrored here), stored as the events
 * that command stores. The mix shifts over the cycle: priorities and screening early; budget lines, drivers,
 * constraints and sizings in the middle; packages, votes, milestones and captured savings late. Stakeholder input
 * comes in throughout. It also keeps what the read models should show at the end, to check the rebuild against.
 */
final class CycleHistory {

    static final String PRIORITY = "Priority";
    static final String INPUT = "StakeholderInput";
    static final String TRADEOFF = "TradeoffPackage";

    private static final List<String> PRIORITY_TITLES = List.of("K-5 early literacy coaches",
            "English-learner newcomer support", "Middle-school math intervention", "Ninth-grade on-track advisors",
            "Chronic absence outreach", "Dual enrollment expansion", "Special education inclusion coaches",
            "Career pathways in health sciences", "Summer bridge for rising sixth graders",
            "Social-emotional learning curriculum", "High-dosage tutoring", "Counselors for college advising",
            "Restorative practices training", "Preschool expansion", "Science lab modernization");
    private static final List<String> LCAP_GOALS = List.of("LCAP Goal 1: every student reads at grade level",
            "LCAP Goal 2: English learners progress one level a year", "LCAP Goal 3: safe and engaging schools",
            "LCAP Goal 4: college and career ready graduates");
    private static final List<String> THEMES = List.of("early literacy", "transportation", "bell schedule",
            "class size", "custodial", "counseling", "special education", "technology", "food services",
            "teacher retention", "math", "attendance", "safety", "arts", "facilities");
    private static final List<String> DRIVERS = List.of("Buses|bus", "Diesel|gallon", "Electricity|kWh",
            "Contracted custodial hours|hour", "Paraprofessional positions|FTE", "Software licenses|seat",
            "Substitute days|day", "Meals served|meal", "Coaching positions|FTE", "Copier leases|device");
    private static final int MAX_PRIORITIES = 45;
    private static final int MAX_INPUTS = 260;
    private static final int MAX_PACKAGES = 15;

    private enum PriorityStatus { PROPOSED, WITHDRAWN, APPROVED, REJECTED }

    private enum PackageStatus { DRAFT, VOTING, DECIDED }

    private static final class PriorityState {
        final String id;
        PriorityDetails details;
        PriorityStatus status = PriorityStatus.PROPOSED;

        PriorityState(String id, PriorityDetails details) {
            this.id = id;
            this.details = details;
        }
    }

    private record Driver(BigDecimal quantity, BigDecimal unitCost) {
    }

    private static final class MilestoneState {
        final String id;
        final LocalDate due;
        boolean done;
        boolean overdue;

        MilestoneState(String id, LocalDate due) {
            this.id = id;
            this.due = due;
        }
    }

    private static final class ConstraintState {
        final String id;
        final LocalDate renegotiation;
        boolean opened;

        ConstraintState(String id, LocalDate renegotiation) {
            this.id = id;
            this.renegotiation = renegotiation;
        }
    }

    private static final class OpportunityState {
        final String id;
        final int number;
        ScreeningDecision status;
        final List<String> budgetLines = new ArrayList<>();
        final Map<String, Driver> drivers = new LinkedHashMap<>();
        final List<ConstraintState> constraints = new ArrayList<>();
        final List<MilestoneState> milestones = new ArrayList<>();
        int sizings;
        BigDecimal high;
        BigDecimal committed = BigDecimal.ZERO;
        String owner;
        int owners;
        int captures;

        OpportunityState(String id, int number) {
            this.id = id;
            this.number = number;
        }

        boolean inAnalysis() {
            return status == ScreeningDecision.SHALLOW_DIVE || status == ScreeningDecision.DEEP_DIVE;
        }

        BigDecimal available() {
            return high == null ? BigDecimal.ZERO : high.subtract(committed);
        }
    }

    private static final class InputState {
        final String id;
        InputContent content;
        final Set<String> themes = new HashSet<>();
        int corrections;

        InputState(String id, InputContent content) {
            this.id = id;
            this.content = content;
        }
    }

    private static final class PackageState {
        final String id;
        final boolean leansApprove;
        PackageStatus status = PackageStatus.DRAFT;
        PackageContent content;
        int contentVersion = 1;
        int quorum;
        Majority majority;
        List<String> eligible = List.of();
        final Map<String, Vote> votes = new LinkedHashMap<>();

        PackageState(String id, PackageContent content, boolean leansApprove) {
            this.id = id;
            this.content = content;
            this.leansApprove = leansApprove;
        }

        Tally tally() {
            int approve = 0;
            int reject = 0;
            int abstain = 0;
            for (Vote vote : votes.values()) {
                switch (vote) {
                    case APPROVE -> approve++;
                    case REJECT -> reject++;
                    case ABSTAIN -> abstain++;
                }
            }
            return new Tally(approve, reject, abstain);
        }

        List<Funding> opportunityLines() {
            return content.funding().stream().filter(line -> line.opportunityId() != null).toList();
        }
    }

    /** What the read models should show of this cycle once every event was applied. */
    record Expected(String cycleId, int priorities, int opportunities, int inputs, int packages, int timeline,
                    BigDecimal committed, BigDecimal captured) {
    }

    private record Step(double weight, int largestCommit, Supplier<Story.Commit> command) {
    }

    private final Story story;
    private final DistrictHistory district;
    private final String cycleId;
    private final String districtId;
    private final int year;
    private final int length;
    private final List<PriorityState> priorities = new ArrayList<>();
    private final List<OpportunityState> opportunities = new ArrayList<>();
    private final Map<String, OpportunityState> opportunitiesById = new HashMap<>();
    private final List<InputState> inputs = new ArrayList<>();
    private final List<PackageState> packages = new ArrayList<>();
    private int events;
    private boolean finished;
    private BigDecimal committed = BigDecimal.ZERO;
    private BigDecimal captured = BigDecimal.ZERO;

    CycleHistory(Story story, DistrictHistory district, String cycleId, int year, List<OpportunityListed> listed) {
        this.story = story;
        this.district = district;
        this.cycleId = cycleId;
        this.districtId = district.districtId();
        this.year = year;
        this.length = story.between(1_700, 2_500);
        this.events = 1 + listed.size();
        for (OpportunityListed opportunity : listed) {
            OpportunityState state = new OpportunityState(opportunity.opportunityId(), opportunity.number());
            opportunities.add(state);
            opportunitiesById.put(state.id, state);
        }
    }

    /** The command side's id of a cycle's numbered opportunity (see {@code OpportunityNumbers.idOf}). */
    static String opportunityId(String cycleId, int number) {
        return UUID.nameUUIDFromBytes(("tradeoffs:opportunity:" + cycleId + ":" + number)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    String cycleId() {
        return cycleId;
    }

    boolean finished() {
        return finished;
    }

    Expected expected() {
        return new Expected(cycleId, priorities.size(), opportunities.size(), inputs.size(), packages.size(), events,
                committed, captured);
    }

    /**
     * The cycle's next commit, of at most {@code maxEvents} events; null when the cycle is over (it reached its
     * length, or nothing more can happen in it).
     */
    Story.Commit next(int maxEvents) {
        if (events >= length) {
            finished = true;
            return null;
        }
        double phase = (double) events / length;
        List<Step> steps = new ArrayList<>(List.of(
                new Step(phase < 0.45 ? 6 : phase < 0.7 ? 1 : 0, 1, this::proposePriority),
                new Step(phase < 0.75 ? 4 : 0.5, 1, this::revisePriority),
                new Step(phase > 0.2 && phase < 0.9 ? 3 : 0, 1, this::decidePriority),
                new Step(phase < 0.8 ? 0.4 : 0, 1, this::withdrawPriority),
                new Step(phase > 0.4 && phase < 0.85 ? 0.3 : 0, 1, this::reopenPriority),
                new Step(phase < 0.5 ? 4 : 0.3, 1, this::screen),
                new Step(phase > 0.05 && phase < 0.8 ? 3 : 0.3, 1, this::addBudgetLine),
                new Step(phase > 0.08 && phase < 0.85 ? 3 : 0.3, 1, this::addCostDriver),
                new Step(phase > 0.1 ? 1.5 : 0, 1, this::recordConstraint),
                new Step(phase > 0.15 && phase < 0.9 ? 2.5 : 0.2, 1, this::size),
                new Step(phase > 0.3 ? 1.5 : 0, 1, this::assignOwner),
                new Step(phase > 0.35 ? 2 : 0, 1, this::addMilestone),
                new Step(phase > 0.5 ? 2 : 0, 1, this::completeMilestone),
                new Step(phase > 0.55 ? 0.7 : 0, 1, this::milestoneOverdue),
                new Step(phase > 0.6 ? 3 : 0, 1, this::captureSavings),
                new Step(phase > 0.3 ? 0.5 : 0, 1, this::openRenegotiationWindow),
                new Step(phase < 0.9 ? 5 : 1, 1, this::recordInput),
                new Step(2, 1, this::tagInput),
                new Step(1, 1, this::correctInput),
                new Step(phase > 0.45 && phase < 0.9 ? 2 : 0, 1, this::draftPackage),
                new Step(1.5, 1, this::revisePackage),
                new Step(phase > 0.5 ? 2 : 0, 1, this::submitPackage),
                new Step(0.3, 1, this::changeVotingRules),
                new Step(4, DistrictHistory.LARGEST_CYCLE_COMMIT, this::vote),
                new Step(0.3, DistrictHistory.LARGEST_CYCLE_COMMIT, this::closeVote)));
        steps.removeIf(step -> step.weight() <= 0 || step.largestCommit() > maxEvents);
        while (!steps.isEmpty()) {
            double total = steps.stream().mapToDouble(Step::weight).sum();
            double at = story.nextDouble() * total;
            int chosen = 0;
            while (chosen < steps.size() - 1 && at >= steps.get(chosen).weight()) {
                at -= steps.get(chosen).weight();
                chosen++;
            }
            Story.Commit commit = steps.get(chosen).command().get();
            if (commit != null) {
                events += commit.size();
                return commit;
            }
            steps.remove(chosen); // not possible now
        }
        finished = true;
        return null;
    }

    // ---------------------------------------------------------------- priorities

    private Story.Commit proposePriority() {
        if (priorities.size() >= MAX_PRIORITIES) {
            return null;
        }
        PriorityState priority = new PriorityState(story.id(), details(story.pick(PRIORITY_TITLES)));
        priorities.add(priority);
        return story.one(PRIORITY, priority.id, new PriorityProposed(priority.id, cycleId, districtId,
                priority.details, planner()));
    }

    private Story.Commit revisePriority() {
        PriorityState priority = somePriority(PriorityStatus.PROPOSED);
        if (priority == null) {
            return null;
        }
        String title = story.chance(0.2) ? story.pick(PRIORITY_TITLES) : priority.details.title();
        priority.details = details(title);
        return story.one(PRIORITY, priority.id, new PriorityRevised(priority.id, cycleId, districtId,
                priority.details, planner()));
    }

    private Story.Commit decidePriority() {
        PriorityState priority = somePriority(PriorityStatus.PROPOSED);
        if (priority == null) {
            return null;
        }
        String actor = story.pick(district.steering);
        if (story.chance(0.65)) {
            priority.status = PriorityStatus.APPROVED;
            return story.one(PRIORITY, priority.id, new PriorityApproved(priority.id, cycleId, districtId,
                    "Aligned with the LCAP and fundable from identified savings", actor));
        }
        priority.status = PriorityStatus.REJECTED;
        return story.one(PRIORITY, priority.id, new PriorityRejected(priority.id, cycleId, districtId,
                "Weak evidence for the theory of action at this cost", actor));
    }

    private Story.Commit withdrawPriority() {
        PriorityState priority = somePriority(PriorityStatus.PROPOSED);
        if (priority == null) {
            return null;
        }
        priority.status = PriorityStatus.WITHDRAWN;
        return story.one(PRIORITY, priority.id, new PriorityWithdrawn(priority.id, cycleId, districtId,
                "Folded into another priority", planner()));
    }

    private Story.Commit reopenPriority() {
        List<PriorityState> decided = priorities.stream().filter(priority -> priority.status == PriorityStatus.APPROVED
                || priority.status == PriorityStatus.REJECTED).toList();
        if (decided.isEmpty()) {
            return null;
        }
        PriorityState priority = story.pick(decided);
        priority.status = PriorityStatus.PROPOSED;
        return story.one(PRIORITY, priority.id, new PriorityReopened(priority.id, cycleId, districtId,
                "New enrollment projections change the cost", story.pick(district.steering)));
    }

    private PriorityState somePriority(PriorityStatus status) {
        List<PriorityState> candidates = priorities.stream().filter(priority -> priority.status == status).toList();
        return candidates.isEmpty() ? null : story.pick(candidates);
    }

    private PriorityDetails details(String title) {
        BigDecimal staff = story.dollars(0, 900_000);
        BigDecimal services = story.dollars(0, 300_000);
        BigDecimal materials = story.dollars(0, 120_000);
        BigDecimal unallocated = story.chance(0.3) ? story.dollars(0, 200_000) : BigDecimal.ZERO.setScale(2);
        boolean goal = story.chance(0.1);
        return new PriorityDetails(title, "Across " + story.between(2, 30) + " schools, "
                + story.between(1, 40) + " FTE", "If we invest in " + title.toLowerCase(Locale.ROOT)
                + ", then outcomes for the students it serves improve within two years",
                goal ? Fundability.GOAL : Fundability.ACTION, new CostSplit(staff, services, materials, unallocated),
                goal ? null : story.pick(LCAP_GOALS));
    }

    // ---------------------------------------------------------------- savings opportunities

    private Story.Commit screen() {
        List<OpportunityState> unscreened = opportunities.stream().filter(o -> o.status == null).toList();
        OpportunityState opportunity;
        ScreeningDecision decision;
        if (!unscreened.isEmpty()) {
            opportunity = story.pick(unscreened);
            double roll = story.nextDouble();
            decision = roll < 0.25 ? ScreeningDecision.SCREENED_OUT
                    : roll < 0.7 ? ScreeningDecision.SHALLOW_DIVE : ScreeningDecision.DEEP_DIVE;
        } else {
            // a second look at an opportunity that was not sized yet
            List<OpportunityState> unsized = opportunities.stream().filter(o -> o.sizings == 0).toList();
            if (unsized.isEmpty() || !story.chance(0.2)) {
                return null;
            }
            opportunity = story.pick(unsized);
            ScreeningDecision current = opportunity.status;
            List<ScreeningDecision> others = List.of(ScreeningDecision.values()).stream()
                    .filter(other -> other != current).toList();
            decision = story.pick(others);
        }
        opportunity.status = decision;
        return story.one(OPPORTUNITY, opportunity.id, new OpportunityScreened(opportunity.id, cycleId, districtId,
                decision, decision == ScreeningDecision.SCREENED_OUT ? "Fixed by contract or statute for now"
                        : "Spending above peer districts", analystOrPlanner()));
    }

    private Story.Commit addBudgetLine() {
        OpportunityState opportunity = someInAnalysis(o -> o.budgetLines.size() < 4);
        if (opportunity == null) {
            return null;
        }
        String lineId = story.id();
        opportunity.budgetLines.add(lineId);
        return story.one(OPPORTUNITY, opportunity.id, new BudgetLineAdded(opportunity.id, cycleId, districtId,
                lineId, List.of("Operations", "Opportunity " + opportunity.number, "Line "
                        + opportunity.budgetLines.size()), story.dollars(50_000, 5_000_000),
                story.chance(0.4) ? BigDecimal.valueOf(story.between(1, 60)) : null, analystOrDesigner()));
    }

    private Story.Commit addCostDriver() {
        OpportunityState opportunity = someInAnalysis(o -> o.drivers.size() < 4);
        if (opportunity == null) {
            return null;
        }
        String[] driver = story.pick(DRIVERS).split("\\|");
        String driverId = story.id();
        BigDecimal quantity = BigDecimal.valueOf(story.between(20, 200_000));
        BigDecimal unitCost = story.share(BigDecimal.valueOf(story.between(1, 90_000)), 0.5, 1.0);
        opportunity.drivers.put(driverId, new Driver(quantity, unitCost));
        String lineId = opportunity.budgetLines.isEmpty() || story.chance(0.2) ? null
                : story.pick(opportunity.budgetLines);
        return story.one(OPPORTUNITY, opportunity.id, new CostDriverAdded(opportunity.id, cycleId, districtId,
                driverId, driver[0], driver[1], quantity, unitCost, story.pick(Trend.class), lineId,
                analystOrDesigner()));
    }

    private Story.Commit recordConstraint() {
        OpportunityState opportunity = someInAnalysis(o -> o.constraints.size() < 3);
        if (opportunity == null) {
            return null;
        }
        ConstraintKind kind = story.pick(ConstraintKind.class);
        LocalDate renegotiation = kind == ConstraintKind.CONTRACT && story.chance(0.7) ? story.dayOf(year) : null;
        ConstraintState constraint = new ConstraintState(story.id(), renegotiation);
        opportunity.constraints.add(constraint);
        return story.one(OPPORTUNITY, opportunity.id, new ConstraintRecorded(opportunity.id, cycleId, districtId,
                constraint.id, kind, story.chance(0.5), "A " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " limits how fast this can change", renegotiation, analystOrDesigner()));
    }

    /** Sized as the command side sizes: the range follows from the drivers' current figures and the targets. */
    private Story.Commit size() {
        OpportunityState opportunity = someInAnalysis(o -> !o.drivers.isEmpty() && o.sizings < 4);
        if (opportunity == null) {
            return null;
        }
        List<DriverAdjustment> adjustments = new ArrayList<>();
        BigDecimal low = BigDecimal.ZERO;
        BigDecimal high = BigDecimal.ZERO;
        for (String driverId : story.sample(new ArrayList<>(opportunity.drivers.keySet()), story.between(1, 3))) {
            Driver driver = opportunity.drivers.get(driverId);
            long quantity = driver.quantity().longValueExact();
            long conservative = Math.min(quantity - 1, (long) (quantity * story.fraction(0.8, 0.97)));
            long ambitious = Math.min(conservative, (long) (quantity * story.fraction(0.6, 0.8)));
            adjustments.add(new DriverAdjustment(driverId, driver.quantity(), driver.unitCost(),
                    BigDecimal.valueOf(conservative), BigDecimal.valueOf(ambitious), null, null));
            low = low.add(BigDecimal.valueOf(quantity - conservative).multiply(driver.unitCost()));
            high = high.add(BigDecimal.valueOf(quantity - ambitious).multiply(driver.unitCost()));
        }
        opportunity.sizings++;
        opportunity.high = shown(high);
        return story.one(OPPORTUNITY, opportunity.id, new OpportunitySized(opportunity.id, cycleId, districtId,
                story.id(), List.copyOf(adjustments), shown(low), opportunity.high, story.between(1, 5),
                opportunity.sizings == 1 ? "First sizing" : "Re-sized with this year's figures",
                analystOrDesigner()));
    }

    /** As {@code SavingsEstimate.shown}: at least two decimals, no trailing zeros beyond them. */
    private static BigDecimal shown(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped;
    }

    private Story.Commit assignOwner() {
        OpportunityState opportunity = someInAnalysis(o -> o.owners < 2);
        if (opportunity == null) {
            return null;
        }
        List<String> candidates = new ArrayList<>(district.designTeam);
        candidates.addAll(district.analysts);
        candidates.remove(opportunity.owner);
        String owner = story.pick(candidates);
        opportunity.owner = owner;
        opportunity.owners++;
        district.owners.add(owner);
        return story.one(OPPORTUNITY, opportunity.id, new OwnerAssigned(opportunity.id, cycleId, districtId, owner,
                analystOrPlanner()));
    }

    private Story.Commit addMilestone() {
        OpportunityState opportunity = someInAnalysis(o -> o.milestones.size() < 6);
        if (opportunity == null) {
            return null;
        }
        MilestoneState milestone = new MilestoneState(story.id(), story.dayOf(year));
        opportunity.milestones.add(milestone);
        return story.one(OPPORTUNITY, opportunity.id, new MilestoneAdded(opportunity.id, cycleId, districtId,
                milestone.id, "Milestone " + opportunity.milestones.size() + " of opportunity #" + opportunity.number,
                milestone.due, analystOrDesigner()));
    }

    private Story.Commit completeMilestone() {
        OpportunityState opportunity = someInAnalysis(o -> o.milestones.stream().anyMatch(m -> !m.done));
        if (opportunity == null) {
            return null;
        }
        MilestoneState milestone = story.pick(opportunity.milestones.stream().filter(m -> !m.done).toList());
        milestone.done = true;
        return story.one(OPPORTUNITY, opportunity.id, new MilestoneCompleted(opportunity.id, cycleId, districtId,
                milestone.id, ownerOrAnalyst(opportunity)));
    }

    /** The follow-up poller's work (actor {@code system}): it does not ask whether the opportunity is in analysis. */
    private Story.Commit milestoneOverdue() {
        List<OpportunityState> late = opportunities.stream()
                .filter(o -> o.milestones.stream().anyMatch(m -> !m.done && !m.overdue)).toList();
        if (late.isEmpty()) {
            return null;
        }
        OpportunityState opportunity = story.pick(late);
        MilestoneState milestone = story.pick(opportunity.milestones.stream()
                .filter(m -> !m.done && !m.overdue).toList());
        milestone.overdue = true;
        return story.one(OPPORTUNITY, opportunity.id, new MilestoneOverdue(opportunity.id, cycleId, districtId,
                milestone.id, milestone.due, "system"));
    }

    private Story.Commit captureSavings() {
        OpportunityState opportunity = someInAnalysis(o -> o.high != null && o.high.signum() > 0 && o.captures < 12);
        if (opportunity == null) {
            return null;
        }
        opportunity.captures++;
        BigDecimal amount = story.share(opportunity.high, 0.02, 0.1);
        captured = captured.add(amount);
        return story.one(OPPORTUNITY, opportunity.id, new SavingsCaptured(opportunity.id, cycleId, districtId,
                story.id(), amount, story.dayOf(year), "Month " + opportunity.captures + " of the new practice",
                ownerOrAnalyst(opportunity)));
    }

    private Story.Commit openRenegotiationWindow() {
        for (OpportunityState opportunity : story.sample(opportunities, opportunities.size())) {
            for (ConstraintState constraint : opportunity.constraints) {
                if (constraint.renegotiation != null && !constraint.opened) {
                    constraint.opened = true;
                    return story.one(OPPORTUNITY, opportunity.id, new RenegotiationWindowOpened(opportunity.id,
                            cycleId, districtId, constraint.id, constraint.renegotiation, "system"));
                }
            }
        }
        return null;
    }

    private OpportunityState someInAnalysis(Predicate<OpportunityState> also) {
        List<OpportunityState> candidates = opportunities.stream().filter(o -> o.inAnalysis() && also.test(o))
                .toList();
        return candidates.isEmpty() ? null : story.pick(candidates);
    }

    // ---------------------------------------------------------------- stakeholder input

    private Story.Commit recordInput() {
        if (inputs.size() >= MAX_INPUTS) {
            return null;
        }
        InputState input = new InputState(story.id(), inputContent(story.between(5, 900), links()));
        inputs.add(input);
        List<String> themes = story.sample(THEMES, story.between(1, 3));
        themes.forEach(theme -> input.themes.add(theme));
        return story.one(INPUT, input.id, new StakeholderInputRecorded(input.id, cycleId, districtId, input.content,
                themes, planner()));
    }

    private Story.Commit tagInput() {
        if (inputs.isEmpty()) {
            return null;
        }
        InputState input = story.pick(inputs);
        List<String> fresh = THEMES.stream().filter(theme -> !input.themes.contains(theme)).toList();
        if (fresh.isEmpty()) {
            return null;
        }
        List<String> added = story.sample(fresh, story.between(1, 2));
        input.themes.addAll(added);
        return story.one(INPUT, input.id, new StakeholderInputTagged(input.id, cycleId, districtId, added,
                planner()));
    }

    private Story.Commit correctInput() {
        List<InputState> correctable = inputs.stream().filter(input -> input.corrections < 2).toList();
        if (correctable.isEmpty()) {
            return null;
        }
        InputState input = story.pick(correctable);
        input.corrections++;
        input.content = inputContent(input.content.respondents() + story.between(1, 50), input.content.links());
        return story.one(INPUT, input.id, new StakeholderInputCorrected(input.id, cycleId, districtId, input.content,
                "Late survey responses counted", planner()));
    }

    private InputContent inputContent(int respondents, List<InputLink> links) {
        return new InputContent(story.pick(StakeholderGroup.class), story.pick(InputChannel.class),
                story.dayOf(year), "Respondents ask to protect " + story.pick(THEMES) + " and to look at "
                        + story.pick(THEMES) + " for savings", respondents, links);
    }

    /** Up to three links to priorities and opportunities of this cycle. */
    private List<InputLink> links() {
        List<InputLink> links = new ArrayList<>();
        Set<String> linked = new HashSet<>();
        int count = story.between(0, 3);
        for (int i = 0; i < count; i++) {
            boolean priority = !priorities.isEmpty() && story.chance(0.5);
            String id = priority ? story.pick(priorities).id : story.pick(opportunities).id;
            if (linked.add(id)) {
                links.add(new InputLink(priority ? InputLink.Kind.PRIORITY : InputLink.Kind.OPPORTUNITY, id,
                        story.pick(Stance.class)));
            }
        }
        return links;
    }

    // ---------------------------------------------------------------- tradeoff packages

    private Story.Commit draftPackage() {
        if (packages.size() >= MAX_PACKAGES) {
            return null;
        }
        PackageContent content = packageContent("Package " + (packages.size() + 1), 1);
        if (content == null) {
            return null;
        }
        PackageState tradeoff = new PackageState(story.id(), content, story.chance(0.75));
        packages.add(tradeoff);
        return story.one(TRADEOFF, tradeoff.id, new TradeoffDrafted(tradeoff.id, cycleId, districtId, content,
                planner()));
    }

    private Story.Commit revisePackage() {
        List<PackageState> drafts = packages.stream().filter(p -> p.status == PackageStatus.DRAFT).toList();
        if (drafts.isEmpty()) {
            return null;
        }
        PackageState tradeoff = story.pick(drafts);
        PackageContent content = story.chance(0.5)
                ? packageContent(tradeoff.content.title(), tradeoff.contentVersion + 1)
                : new PackageContent(tradeoff.content.title(), "Version " + (tradeoff.contentVersion + 1) + ": "
                        + tradeoff.content.narrative().replaceFirst("^Version \\d+: ", ""), tradeoff.content.investments(),
                        tradeoff.content.funding(), tradeoff.content.consideredInputs());
        if (content == null) {
            return null;
        }
        tradeoff.contentVersion++;
        tradeoff.content = content;
        return story.one(TRADEOFF, tradeoff.id, new TradeoffRevised(tradeoff.id, cycleId, districtId,
                tradeoff.contentVersion, content, planner()));
    }

    /** Invests in approved priorities and takes at most part of what sized opportunities have left. */
    private PackageContent packageContent(String title, int version) {
        List<PriorityState> approved = priorities.stream().filter(p -> p.status == PriorityStatus.APPROVED).toList();
        List<OpportunityState> fundable = opportunities.stream()
                .filter(o -> o.available().compareTo(BigDecimal.ONE) > 0).toList();
        if (approved.isEmpty() || fundable.isEmpty()) {
            return null;
        }
        List<Investment> investments = story.sample(approved, story.between(1, 3)).stream()
                .map(priority -> new Investment(priority.id, story.share(priority.details.cost().total()
                        .max(BigDecimal.valueOf(10_000)), 0.3, 1.0)))
                .toList();
        List<Funding> funding = new ArrayList<>();
        for (OpportunityState opportunity : story.sample(fundable, story.between(1, 3))) {
            funding.add(new Funding(opportunity.id, null, story.share(opportunity.available(), 0.1, 0.5)));
        }
        if (story.chance(0.3)) {
            funding.add(new Funding(null, "Medicaid reimbursement catch-up", story.dollars(10_000, 300_000)));
        }
        List<String> considered = story.sample(inputs, story.between(0, 4)).stream().map(input -> input.id).toList();
        return new PackageContent(title, "Version " + version + ": redirect operations savings to "
                + investments.size() + " approved priorities", investments, List.copyOf(funding), considered);
    }

    private Story.Commit submitPackage() {
        List<PackageState> ready = packages.stream().filter(p -> p.status == PackageStatus.DRAFT
                && p.content.investments().stream().allMatch(this::approved) && fits(p)).toList();
        if (ready.isEmpty()) {
            return null;
        }
        PackageState tradeoff = story.pick(ready);
        tradeoff.status = PackageStatus.VOTING;
        tradeoff.eligible = district.steering.stream().distinct().sorted().toList();
        tradeoff.quorum = story.between(1, tradeoff.eligible.size());
        tradeoff.majority = story.chance(0.7) ? Majority.SIMPLE : Majority.TWO_THIRDS;
        return story.one(TRADEOFF, tradeoff.id, new TradeoffSubmitted(tradeoff.id, cycleId, districtId,
                tradeoff.quorum, tradeoff.majority, tradeoff.eligible, planner()));
    }

    private boolean approved(Investment investment) {
        return priorities.stream().anyMatch(p -> p.id.equals(investment.priorityId())
                && p.status == PriorityStatus.APPROVED);
    }

    /** Whether every opportunity line still fits what its opportunity has left, as submission and approval ask. */
    private boolean fits(PackageState tradeoff) {
        return tradeoff.opportunityLines().stream()
                .allMatch(line -> line.amount().compareTo(opportunitiesById.get(line.opportunityId()).available()) <= 0);
    }

    private Story.Commit changeVotingRules() {
        List<PackageState> unvoted = packages.stream().filter(p -> p.status == PackageStatus.VOTING
                && p.votes.isEmpty()).toList();
        if (unvoted.isEmpty()) {
            return null;
        }
        PackageState tradeoff = story.pick(unvoted);
        int quorum = story.between(1, tradeoff.eligible.size());
        Majority majority = tradeoff.majority == Majority.SIMPLE ? Majority.TWO_THIRDS : Majority.SIMPLE;
        tradeoff.quorum = quorum;
        tradeoff.majority = majority;
        return story.one(TRADEOFF, tradeoff.id, new VotingRulesChanged(tradeoff.id, cycleId, districtId, quorum,
                majority, planner()));
    }

    /**
     * A steering member votes (or changes a vote). When the votes decide the package, the same commit records the
     * decision and, for an approval, commits the funding on its opportunities; a vote that would approve a package
     * whose funding no longer fits is refused by the command side, so the member votes against instead.
     */
    private Story.Commit vote() {
        List<PackageState> voting = packages.stream().filter(p -> p.status == PackageStatus.VOTING).toList();
        if (voting.isEmpty()) {
            return null;
        }
        PackageState tradeoff = story.pick(voting);
        List<String> notVoted = tradeoff.eligible.stream().filter(voter -> !tradeoff.votes.containsKey(voter)).toList();
        boolean change = !tradeoff.votes.isEmpty() && (notVoted.isEmpty() || story.chance(0.1));
        String voter = change ? story.pick(new ArrayList<>(tradeoff.votes.keySet())) : story.pick(notVoted);
        Vote previous = tradeoff.votes.get(voter);
        Vote vote = leaning(tradeoff);
        if (vote == previous) {
            return null;
        }
        Outcome outcome = decided(tradeoff, voter, vote);
        if (outcome == Outcome.APPROVED && !fits(tradeoff)) {
            vote = Vote.REJECT;
            if (vote == previous) {
                return null;
            }
            outcome = decided(tradeoff, voter, vote);
            if (outcome == Outcome.APPROVED) {
                return null;
            }
        }
        tradeoff.votes.put(voter, vote);
        Story.Commit commit = story.commit().add(TRADEOFF, tradeoff.id, previous == null
                ? new VoteCast(tradeoff.id, cycleId, districtId, vote, "As discussed at the board meeting", voter)
                : new VoteChanged(tradeoff.id, cycleId, districtId, previous, vote, "After the public hearing", voter));
        if (outcome != null) {
            tradeoff.status = PackageStatus.DECIDED;
            commit.add(TRADEOFF, tradeoff.id, new TradeoffDecided(tradeoff.id, cycleId, districtId, outcome,
                    tradeoff.tally(), voter));
            if (outcome == Outcome.APPROVED) {
                commitFunding(commit, tradeoff, voter);
            }
        }
        return commit;
    }

    private Story.Commit closeVote() {
        List<PackageState> voting = packages.stream().filter(p -> p.status == PackageStatus.VOTING).toList();
        if (voting.isEmpty()) {
            return null;
        }
        PackageState tradeoff = story.pick(voting);
        Tally tally = tradeoff.tally();
        int cast = tally.approve() + tally.reject() + tally.abstain();
        Outcome outcome = cast < tradeoff.quorum ? Outcome.REJECTED
                : outcome(tradeoff.majority, tally.approve(), tally.reject());
        if (outcome == Outcome.APPROVED && !fits(tradeoff)) {
            return null;
        }
        String actor = story.pick(district.steering);
        tradeoff.status = PackageStatus.DECIDED;
        Story.Commit commit = story.one(TRADEOFF, tradeoff.id, new TradeoffClosed(tradeoff.id, cycleId, districtId,
                outcome, tally, "The budget must be adopted this month", actor));
        if (outcome == Outcome.APPROVED) {
            commitFunding(commit, tradeoff, actor);
        }
        return commit;
    }

    private void commitFunding(Story.Commit commit, PackageState tradeoff, String actor) {
        for (Funding line : tradeoff.opportunityLines()) {
            OpportunityState opportunity = opportunitiesById.get(line.opportunityId());
            opportunity.committed = opportunity.committed.add(line.amount());
            committed = committed.add(line.amount());
            commit.add(OPPORTUNITY, opportunity.id, new FundingCommitted(opportunity.id, cycleId, districtId,
                    tradeoff.id, line.amount(), actor));
        }
    }

    private Vote leaning(PackageState tradeoff) {
        double roll = story.nextDouble();
        if (roll < 0.08) {
            return Vote.ABSTAIN;
        }
        return (roll < 0.8) == tradeoff.leansApprove ? Vote.APPROVE : Vote.REJECT;
    }

    /** As the command side's {@code Ballot.decided}, with the voter's vote counted; null while still open. */
    private static Outcome decided(PackageState tradeoff, String voter, Vote vote) {
        Map<String, Vote> votes = new HashMap<>(tradeoff.votes);
        votes.put(voter, vote);
        int approve = (int) votes.values().stream().filter(v -> v == Vote.APPROVE).count();
        int reject = (int) votes.values().stream().filter(v -> v == Vote.REJECT).count();
        int cast = votes.size();
        int remaining = tradeoff.eligible.size() - cast;
        if (cast < tradeoff.quorum) {
            return remaining <= 0 ? Outcome.REJECTED : null;
        }
        Outcome ifAllApprove = outcome(tradeoff.majority, approve + remaining, reject);
        Outcome ifAllReject = outcome(tradeoff.majority, approve, reject + remaining);
        return ifAllApprove == ifAllReject ? ifAllApprove : null;
    }

    private static Outcome outcome(Majority majority, int approve, int reject) {
        boolean approved = majority == Majority.SIMPLE ? approve > reject
                : approve > 0 && 3 * approve >= 2 * (approve + reject);
        return approved ? Outcome.APPROVED : Outcome.REJECTED;
    }

    // ---------------------------------------------------------------- who does it

    /** The design team or the steering committee: priorities, inputs, packages. */
    private String planner() {
        return story.chance(0.75) ? story.pick(district.designTeam) : story.pick(district.steering);
    }

    private String analystOrDesigner() {
        return story.chance(0.6) ? story.pick(district.analysts) : story.pick(district.designTeam);
    }

    private String analystOrPlanner() {
        return story.chance(0.5) ? story.pick(district.analysts) : planner();
    }

    /** The owner while still a member, else an analyst (the team may act on opportunities they do not own). */
    private String ownerOrAnalyst(OpportunityState opportunity) {
        boolean ownerIsMember = opportunity.owner != null && (district.designTeam.contains(opportunity.owner)
                || district.analysts.contains(opportunity.owner));
        return ownerIsMember && story.chance(0.7) ? opportunity.owner : story.pick(district.analysts);
    }
}
