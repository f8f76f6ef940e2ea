package org.tradeoffs.command.tradeoff;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.OtherAggregates;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.StaleVersion;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.command.input.StakeholderInput;
import org.tradeoffs.command.priority.Priority;
import org.tradeoffs.command.savings.Opportunity;
import org.tradeoffs.command.savings.OverCommitted;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.savings.DriverAdjustment;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
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
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.Vote;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.events.tradeoff.VoteChanged;
import org.tradeoffs.events.tradeoff.VotingRulesChanged;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.command.RuleMatchers.breaking;
import static org.tradeoffs.command.RuleMatchers.invalid;
import static org.tradeoffs.command.RuleMatchers.overCommitted;
import static org.tradeoffs.events.tradeoff.Majority.SIMPLE;
import static org.tradeoffs.events.tradeoff.Majority.TWO_THIRDS;
import static org.tradeoffs.events.tradeoff.Vote.ABSTAIN;
import static org.tradeoffs.events.tradeoff.Vote.APPROVE;
import static org.tradeoffs.events.tradeoff.Vote.REJECT;

class TradeoffPackageTest {

    private static final String TRADEOFF = "t-1";
    private static final String CYCLE = "c-1";
    private static final String DISTRICT = "d-1";
    /** approved, of this cycle */
    private static final String COACHES = "p-1";
    /** proposed, not approved */
    private static final String TUTORS = "p-2";
    /** approved, of another cycle */
    private static final String ELSEWHERE = "p-9";
    /** #1, sized at 380,000-760,000 */
    private static final String BUSES = "o-1";
    /** #2, never sized */
    private static final String ENERGY = "o-2";
    /** #4, sized at 150,000-300,000 */
    private static final String CUSTODIAL = "o-4";
    private static final String SURVEY = "i-1";
    private static final String OLD_SURVEY = "i-9";
    private static final Actor DESIGNER = new Actor("designer", false, Set.of(Role.DESIGN_TEAM));
    private static final Actor ANALYST = new Actor("analyst", false, Set.of(Role.ROI_ANALYST));
    private static final Actor AUDITOR = new Actor("auditor", false, Set.of(Role.AUDITOR));
    /** steering members at submission */
    private static final List<String> VOTERS = List.of("ana", "ben", "cy", "dee", "eve");
    /** joined the steering committee after the submission */
    private static final Actor NEWCOMER = steering("zed");

    private final OtherAggregates others = new OtherAggregates();
    private AggregateTestFixture<TradeoffPackage> fixture;

    @BeforeEach
    void setUp() {
        PriorityDetails details = new PriorityDetails("K-5 early literacy coaches", "12 FTE",
                "Coaching raises K-5 reading proficiency", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal("1250000.00")), null);
        others.given(Priority.class, COACHES, new PriorityProposed(COACHES, CYCLE, DISTRICT, details, "designer"),
                        new PriorityApproved(COACHES, CYCLE, DISTRICT, "LCAP Goal 1", "steering"))
                .given(Priority.class, TUTORS, new PriorityProposed(TUTORS, CYCLE, DISTRICT, details, "designer"))
                .given(Priority.class, ELSEWHERE, new PriorityProposed(ELSEWHERE, "c-2", DISTRICT, details, "designer"),
                        new PriorityApproved(ELSEWHERE, "c-2", DISTRICT, "Other year", "steering"))
                .given(Opportunity.class, BUSES, opportunity(BUSES, 1), screened(BUSES), sized(BUSES, "760000.00"))
                .given(Opportunity.class, ENERGY, opportunity(ENERGY, 2), screened(ENERGY))
                .given(Opportunity.class, CUSTODIAL, opportunity(CUSTODIAL, 4), screened(CUSTODIAL),
                        sized(CUSTODIAL, "300000.00"))
                .given(StakeholderInput.class, SURVEY, input(SURVEY, CYCLE))
                .given(StakeholderInput.class, OLD_SURVEY, input(OLD_SURVEY, "c-0"));
        fixture = new AggregateTestFixture<>(TradeoffPackage.class);
        fixture.registerInjectableResource(others.cycleItems());
        fixture.registerAnnotatedCommandHandler(new TradeoffCommandHandler(fixture.getRepository(),
                others.repository(Priority.class), others.repository(Opportunity.class)));
    }

    private static Actor steering(String username) {
        return new Actor(username, false, Set.of(Role.STEERING_COMMITTEE));
    }

    private static BigDecimal $(String amount) {
        return new BigDecimal(amount);
    }

    private static OpportunityListed opportunity(String id, int number) {
        return new OpportunityListed(id, CYCLE, DISTRICT, number, FocusArea.REDUCING_OPERATIONAL_COSTS,
                "Opportunity #" + number, true, "steering");
    }

    private static OpportunityScreened screened(String id) {
        return new OpportunityScreened(id, CYCLE, DISTRICT, ScreeningDecision.DEEP_DIVE, "Large", "designer");
    }

    private static OpportunitySized sized(String id, String high) {
        return new OpportunitySized(id, CYCLE, DISTRICT, "s-" + id,
                List.of(new DriverAdjustment("d", $("40"), $("95000.00"), $("36"), $("32"), null, null)),
                $("1.00"), $(high), 4, "", "analyst");
    }

    private static FundingCommitted committed(String opportunityId, String tradeoffId, String amount, String actor) {
        return new FundingCommitted(opportunityId, CYCLE, DISTRICT, tradeoffId, $(amount), actor);
    }

    private static StakeholderInputRecorded input(String id, String cycleId) {
        return new StakeholderInputRecorded(id, cycleId, DISTRICT, new InputContent(StakeholderGroup.PARENTS,
                InputChannel.SURVEY, LocalDate.parse("2027-03-03"), "Protect early literacy", 689, List.of()),
                List.of(), "designer");
    }

    /** 1,000,000 for coaches, from 600,000 of bus savings, 300,000 of custodial savings and 100,000 of Medicaid. */
    private static PackageContent coachesPackage() {
        return content(List.of(new Investment(COACHES, $("1000000.00"))),
                List.of(new Funding(BUSES, null, $("600000.00")), new Funding(CUSTODIAL, null, $("300000.00")),
                        new Funding(null, "Medicaid reimbursement", $("100000.00"))));
    }

    private static PackageContent content(List<Investment> investments, List<Funding> funding) {
        return new PackageContent("Fund early-literacy coaches", "Redirect operations savings to coaching",
                investments, funding, List.of(SURVEY));
    }

    private static TradeoffDrafted drafted() {
        return new TradeoffDrafted(TRADEOFF, CYCLE, DISTRICT, coachesPackage(), "designer");
    }

    private static TradeoffSubmitted submitted(int quorum, Majority majority, int voters) {
        return new TradeoffSubmitted(TRADEOFF, CYCLE, DISTRICT, quorum, majority, VOTERS.subList(0, voters),
                "designer");
    }

    private static VoteCast cast(String voter, Vote vote) {
        return new VoteCast(TRADEOFF, CYCLE, DISTRICT, vote, "", voter);
    }

    private static CastVote vote(String voter, Vote vote) {
        return new CastVote(TRADEOFF, CYCLE, vote, "", null, steering(voter));
    }

    private static TradeoffDecided decided(Outcome outcome, int approve, int reject, int abstain, String voter) {
        return new TradeoffDecided(TRADEOFF, CYCLE, DISTRICT, outcome, new Tally(approve, reject, abstain), voter);
    }

    private static SubmitTradeoff submit(int quorum, Majority majority, Actor actor) {
        return new SubmitTradeoff(TRADEOFF, CYCLE, quorum, majority, List.of("cy", "ana", "ben"), null, actor);
    }


    // ---------------------------------------------------------------- drafting and revising

    @Test
    void designTeamDraftsAPackageOfItsCyclesPrioritiesOpportunitiesAndInputs() {
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, coachesPackage(), DESIGNER))
                .expectEvents(drafted());
    }

    @Test
    void aDraftMayInvestInAPriorityNotApprovedYet() {
        PackageContent tutors = content(List.of(new Investment(TUTORS, $("50000.00"))), List.of());
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, tutors, steering("ana")))
                .expectEvents(new TradeoffDrafted(TRADEOFF, CYCLE, DISTRICT, tutors, "ana"));
    }

    @Test
    void analystsAndAuditorsCannotDraft() {
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, coachesPackage(), ANALYST))
                .expectException(NotPermitted.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, coachesPackage(), AUDITOR))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void aPackageInvestsOnlyInPrioritiesOfItsCycle() {
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT,
                        content(List.of(new Investment(ELSEWHERE, $("10.00"))), List.of()), DESIGNER))
                .expectException(breaking("unknown-linked-item"))
                .expectNoEvents();
    }

    @Test
    void aPackageIsFundedOnlyFromOpportunitiesOfItsCycle() {
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, content(List.of(new Investment(COACHES, $("10.00"))),
                        List.of(new Funding("o-404", null, $("10.00")))), DESIGNER))
                .expectException(breaking("unknown-linked-item"))
                .expectNoEvents();
    }

    @Test
    void aPackageConsidersOnlyInputOfItsCycle() {
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, new PackageContent("Old input", "",
                        List.of(new Investment(COACHES, $("10.00"))), List.of(), List.of(SURVEY, OLD_SURVEY)), DESIGNER))
                .expectException(breaking("unknown-linked-item"))
                .expectNoEvents();
    }

    @Test
    void aFundingLineNamesEitherAnOpportunityOrOtherRevenue() {
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, content(List.of(new Investment(COACHES, $("10.00"))),
                        List.of(new Funding(BUSES, null, $("5.00")), new Funding(CUSTODIAL, "Also revenue", $("5.00")))),
                        DESIGNER))
                .expectException(InvalidField.class)
                .expectException(invalid("funding[1]"))
                .expectNoEvents();
    }

    @Test
    void aPackageInvestsInAPriorityAndTakesFromAnOpportunityAtMostOnce() {
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, content(
                        List.of(new Investment(COACHES, $("10.00")), new Investment(COACHES, $("20.00"))), List.of()),
                        DESIGNER))
                .expectException(invalid("investments[1].priorityId"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DraftTradeoff(TRADEOFF, CYCLE, DISTRICT, content(List.of(new Investment(COACHES, $("10.00"))),
                        List.of(new Funding(BUSES, null, $("5.00")), new Funding(BUSES, null, $("5.00")))), DESIGNER))
                .expectException(invalid("funding[1].opportunityId"))
                .expectNoEvents();
    }

    @Test
    void revisingADraftStoresItsNextContentVersion() {
        PackageContent smaller = content(List.of(new Investment(COACHES, $("900000.00"))),
                List.of(new Funding(BUSES, null, $("600000.00")), new Funding(CUSTODIAL, null, $("300000.00"))));
        fixture.given(drafted(), new TradeoffRevised(TRADEOFF, CYCLE, DISTRICT, 2, coachesPackage(), "ana"))
                .when(new ReviseTradeoff(TRADEOFF, CYCLE, smaller, 2L, DESIGNER))
                .expectEvents(new TradeoffRevised(TRADEOFF, CYCLE, DISTRICT, 3, smaller, "designer"));
    }

    @Test
    void aRevisionThatChangesNothingIsADuplicate() {
        fixture.given(drafted())
                .when(new ReviseTradeoff(TRADEOFF, CYCLE, coachesPackage(), null, DESIGNER))
                .expectException(breaking("duplicate"))
                .expectNoEvents();
    }

    @Test
    void aSubmittedPackageCannotBeRevised() {
        fixture.given(drafted(), submitted(3, SIMPLE, 3))
                .when(new ReviseTradeoff(TRADEOFF, CYCLE, content(List.of(new Investment(COACHES, $("1.00"))), List.of()),
                        null, DESIGNER))
                .expectException(breaking("tradeoff-not-draft"))
                .expectNoEvents();
    }

    @Test
    void cannotReviseWithAStaleVersion() {
        fixture.given(drafted(), new TradeoffRevised(TRADEOFF, CYCLE, DISTRICT, 2, coachesPackage(), "ana"))
                .when(new ReviseTradeoff(TRADEOFF, CYCLE, content(List.of(new Investment(COACHES, $("1.00"))), List.of()),
                        1L, DESIGNER))
                .expectException(StaleVersion.class)
                .expectNoEvents();
    }

    @Test
    void cannotReviseAPackageThroughAnotherCycle() {
        fixture.given(drafted())
                .when(new ReviseTradeoff(TRADEOFF, "c-2", coachesPackage(), null, DESIGNER))
                .expectException(UnknownItem.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- submission

    @Test
    void submissionFixesTheRulesAndTheSteeringMembersOfNowAsVoters() {
        fixture.given(drafted())
                .when(submit(2, TWO_THIRDS, DESIGNER))
                .expectEvents(new TradeoffSubmitted(TRADEOFF, CYCLE, DISTRICT, 2, TWO_THIRDS, List.of("ana", "ben", "cy"),
                        "designer"));
    }

    @Test
    void everyInvestedPriorityMustBeApprovedAtSubmission() {
        fixture.given(new TradeoffDrafted(TRADEOFF, CYCLE, DISTRICT, content(List.of(
                        new Investment(COACHES, $("10.00")), new Investment(TUTORS, $("10.00"))), List.of()), "designer"))
                .when(submit(2, SIMPLE, DESIGNER))
                .expectException(breaking("priority-not-approved"))
                .expectNoEvents();
    }

    @Test
    void everyFundingOpportunityMustBeSizedAtSubmission() {
        fixture.given(new TradeoffDrafted(TRADEOFF, CYCLE, DISTRICT, content(List.of(new Investment(COACHES, $("10.00"))),
                        List.of(new Funding(ENERGY, null, $("10.00")))), "designer"))
                .when(submit(2, SIMPLE, DESIGNER))
                .expectException(breaking("opportunity-not-sized"))
                .expectNoEvents();
    }

    @Test
    void submissionIsRefusedWithTheNumbersWhenAnOpportunityWouldBeOverCommitted() {
        others.given(Opportunity.class, BUSES, committed(BUSES, "t-0", "300000.00", "ana"));

        fixture.given(drafted())
                .when(submit(2, SIMPLE, DESIGNER))
                .expectException(OverCommitted.class)
                .expectException(breaking("over-committed"))
                .expectException(overCommitted(Map.of("opportunityId", BUSES, "number", 1, "high", "760000.00",
                        "committed", "300000.00", "available", "460000.00", "requested", "600000.00")))
                .expectNoEvents();
    }

    @Test
    void theFirstFundingLineThatDoesNotFitIsRefusedAsThePackageListsThem() {
        fixture.given(new TradeoffDrafted(TRADEOFF, CYCLE, DISTRICT, content(List.of(new Investment(COACHES, $("10.00"))),
                        List.of(new Funding(CUSTODIAL, null, $("300000.01")), new Funding(BUSES, null, $("760000.01")))),
                        "designer"))
                .when(submit(2, SIMPLE, DESIGNER))
                .expectException(overCommitted(Map.of("opportunityId", CUSTODIAL, "number", 4, "high", "300000.00",
                        "committed", "0.00", "available", "300000.00", "requested", "300000.01")))
                .expectNoEvents();
    }

    @Test
    void theQuorumMustBeReachableByTheSteeringMembers() {
        fixture.given(drafted())
                .when(submit(4, SIMPLE, DESIGNER))
                .expectException(breaking("quorum-unreachable"))
                .expectNoEvents();
    }

    @Test
    void onlyADraftCanBeSubmitted() {
        fixture.given(drafted(), submitted(2, SIMPLE, 3))
                .when(submit(2, SIMPLE, DESIGNER))
                .expectException(breaking("tradeoff-not-draft"))
                .expectNoEvents();
    }

    @Test
    void analystCannotSubmit() {
        fixture.given(drafted())
                .when(submit(2, SIMPLE, ANALYST))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- voting rules

    @Test
    void votingRulesCanChangeBeforeTheFirstVote() {
        fixture.given(drafted(), submitted(2, SIMPLE, 3))
                .when(new ChangeVotingRules(TRADEOFF, CYCLE, 3, TWO_THIRDS, 2L, DESIGNER))
                .expectEvents(new VotingRulesChanged(TRADEOFF, CYCLE, DISTRICT, 3, TWO_THIRDS, "designer"));
    }

    @Test
    void votingRulesAreFrozenOnceVotingStarts() {
        fixture.given(drafted(), submitted(2, SIMPLE, 3), cast("ana", ABSTAIN))
                .when(new ChangeVotingRules(TRADEOFF, CYCLE, 1, SIMPLE, null, steering("ben")))
                .expectException(breaking("voting-started"))
                .expectNoEvents();
    }

    @Test
    void changedRulesMustKeepTheQuorumReachableByTheEligibleVoters() {
        fixture.given(drafted(), submitted(2, SIMPLE, 3))
                .when(new ChangeVotingRules(TRADEOFF, CYCLE, 4, SIMPLE, null, DESIGNER))
                .expectException(breaking("quorum-unreachable"))
                .expectNoEvents();
    }

    @Test
    void aDraftHasNoVotingRulesToChange() {
        fixture.given(drafted())
                .when(new ChangeVotingRules(TRADEOFF, CYCLE, 1, SIMPLE, null, DESIGNER))
                .expectException(breaking("tradeoff-not-voting"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- votes

    @Test
    void anEligibleSteeringMemberVotesWithAComment() {
        fixture.given(drafted(), submitted(2, SIMPLE, 3))
                .when(new CastVote(TRADEOFF, CYCLE, APPROVE, "Literacy first", 2L, steering("ana")))
                .expectEvents(new VoteCast(TRADEOFF, CYCLE, DISTRICT, APPROVE, "Literacy first", "ana"));
    }

    @Test
    void onlyTheSteeringCommitteeVotes() {
        fixture.given(drafted(), submitted(2, SIMPLE, 3))
                .when(new CastVote(TRADEOFF, CYCLE, APPROVE, "", null, DESIGNER))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void aSteeringMemberWhoJoinedAfterSubmissionIsNotAnEligibleVoter() {
        fixture.given(drafted(), submitted(2, SIMPLE, 3))
                .when(new CastVote(TRADEOFF, CYCLE, APPROVE, "", null, NEWCOMER))
                .expectException(breaking("not-eligible-voter"))
                .expectNoEvents();
    }

    @Test
    void aMemberHasOneVoteAndAChangeOfMindIsRecordedWithTheEarlierVote() {
        fixture.given(drafted(), submitted(3, SIMPLE, 3), cast("ana", ABSTAIN))
                .when(new CastVote(TRADEOFF, CYCLE, APPROVE, "Read the numbers", null, steering("ana")))
                .expectEvents(new VoteChanged(TRADEOFF, CYCLE, DISTRICT, ABSTAIN, APPROVE, "Read the numbers", "ana"));
    }

    @Test
    void theSameVoteAgainIsADuplicate() {
        fixture.given(drafted(), submitted(3, SIMPLE, 3), cast("ana", REJECT))
                .when(new CastVote(TRADEOFF, CYCLE, REJECT, "Still no", null, steering("ana")))
                .expectException(breaking("duplicate"))
                .expectNoEvents();
    }

    @Test
    void nobodyVotesOnADraftOrADecidedPackage() {
        fixture.given(drafted())
                .when(vote("ana", APPROVE))
                .expectException(breaking("tradeoff-not-voting"))
                .expectNoEvents();
        fixture.given(drafted(), submitted(1, SIMPLE, 3), cast("ana", REJECT), cast("ben", REJECT),
                        decided(Outcome.REJECTED, 0, 2, 0, "ben"))
                .when(vote("cy", APPROVE))
                .expectException(breaking("tradeoff-not-voting"))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- when the votes decide: SIMPLE

    @Test
    void aSimpleMajorityIsDecidedAsSoonAsTheRemainingVotesCannotChangeIt() {
        fixture.given(drafted(), submitted(3, SIMPLE, 5), cast("ana", APPROVE), cast("ben", APPROVE))
                .when(vote("cy", APPROVE))
                .expectEvents(cast("cy", APPROVE), decided(Outcome.APPROVED, 3, 0, 0, "cy"));
    }

    @Test
    void aSimpleMajorityStaysOpenWhileTheRemainingVotesCouldChangeIt() {
        fixture.given(drafted(), submitted(3, SIMPLE, 5), cast("ana", APPROVE), cast("ben", APPROVE))
                .when(vote("cy", REJECT))
                .expectEvents(cast("cy", REJECT));
    }

    @Test
    void aTieIsRejectedOnceEveryoneHasVoted() {
        fixture.given(drafted(), submitted(4, SIMPLE, 4), cast("ana", APPROVE), cast("ben", APPROVE),
                        cast("cy", REJECT))
                .when(vote("dee", REJECT))
                .expectEvents(cast("dee", REJECT), decided(Outcome.REJECTED, 2, 2, 0, "dee"));
    }

    @Test
    void withoutQuorumTheVoteStaysOpenEvenWhenTheOutcomeIsCertain() {
        fixture.given(drafted(), submitted(3, SIMPLE, 3), cast("ana", APPROVE))
                .when(vote("ben", APPROVE))
                .expectEvents(cast("ben", APPROVE));
    }

    @Test
    void abstentionsCountTowardsTheQuorumButNotTheMajority() {
        fixture.given(drafted(), submitted(3, SIMPLE, 3), cast("ana", ABSTAIN), cast("ben", ABSTAIN))
                .when(vote("cy", APPROVE))
                .expectEvents(cast("cy", APPROVE), decided(Outcome.APPROVED, 1, 0, 2, "cy"));
    }

    @Test
    void aChangedVoteCanDecideThePackage() {
        fixture.given(drafted(), submitted(3, SIMPLE, 3), cast("ana", ABSTAIN), cast("ben", REJECT), cast("cy", REJECT))
                .when(vote("ana", REJECT))
                .expectEvents(new VoteChanged(TRADEOFF, CYCLE, DISTRICT, ABSTAIN, REJECT, "", "ana"),
                        decided(Outcome.REJECTED, 0, 3, 0, "ana"));
    }

    // ---------------------------------------------------------------- when the votes decide: TWO_THIRDS

    @Test
    void twoThirdsApprovesWithTwoOfThreeNonAbstainingVotes() {
        fixture.given(drafted(), submitted(3, TWO_THIRDS, 4), cast("ana", APPROVE), cast("ben", REJECT),
                        cast("cy", APPROVE))
                .when(vote("dee", ABSTAIN))
                .expectEvents(cast("dee", ABSTAIN), decided(Outcome.APPROVED, 2, 1, 1, "dee"));
    }

    @Test
    void twoThirdsIsRejectedEarlyOnceItIsOutOfReach() {
        fixture.given(drafted(), submitted(2, TWO_THIRDS, 5), cast("ana", REJECT))
                .when(vote("ben", REJECT))
                .expectEvents(cast("ben", REJECT), decided(Outcome.REJECTED, 0, 2, 0, "ben"));
    }

    @Test
    void twoThirdsStaysOpenWhileTheRemainingVotesCouldStillReachIt() {
        fixture.given(drafted(), submitted(2, TWO_THIRDS, 5), cast("ana", APPROVE), cast("ben", APPROVE))
                .when(vote("cy", REJECT))
                .expectEvents(cast("cy", REJECT));
    }

    @Test
    void twoThirdsNeedsAtLeastOneApproval() {
        fixture.given(drafted(), submitted(2, TWO_THIRDS, 2), cast("ana", ABSTAIN))
                .when(vote("ben", ABSTAIN))
                .expectEvents(cast("ben", ABSTAIN), decided(Outcome.REJECTED, 0, 0, 2, "ben"));
    }

    // ---------------------------------------------------------------- an approval commits the funding

    @Test
    void anApprovalCommitsTheFundingOfEveryOpportunityLineWithTheDecision() {
        fixture.given(drafted(), submitted(1, SIMPLE, 1))
                .when(vote("ana", APPROVE))
                .expectEvents(cast("ana", APPROVE), decided(Outcome.APPROVED, 1, 0, 0, "ana"));

        assertThat(others.events(BUSES)).last().isEqualTo(committed(BUSES, TRADEOFF, "600000.00", "ana"));
        assertThat(others.events(CUSTODIAL)).last().isEqualTo(committed(CUSTODIAL, TRADEOFF, "300000.00", "ana"));
    }

    @Test
    void anApprovalThatNoLongerFitsAnOpportunityIsRefusedWithTheNumbersAndStoresNothing() {
        // another package was approved after this one's submission and took most of the custodial savings
        others.given(Opportunity.class, CUSTODIAL, committed(CUSTODIAL, "t-0", "200000.00", "ben"));
        List<Object> before = new ArrayList<>(others.events(BUSES));

        fixture.given(drafted(), submitted(1, SIMPLE, 1))
                .when(vote("ana", APPROVE))
                .expectException(OverCommitted.class)
                .expectException(overCommitted(Map.of("opportunityId", CUSTODIAL, "number", 4, "high", "300000.00",
                        "committed", "200000.00", "available", "100000.00", "requested", "300000.00")))
                .expectNoEvents();

        assertThat(others.events(BUSES)).isEqualTo(before);
        assertThat(others.events(CUSTODIAL)).last().isEqualTo(committed(CUSTODIAL, "t-0", "200000.00", "ben"));
    }

    @Test
    void aRejectionCommitsNoFunding() {
        fixture.given(drafted(), submitted(1, SIMPLE, 1))
                .when(vote("ana", REJECT))
                .expectEvents(cast("ana", REJECT), decided(Outcome.REJECTED, 0, 1, 0, "ana"));

        assertThat(others.events(BUSES)).last().isInstanceOf(OpportunitySized.class);
    }

    // ---------------------------------------------------------------- closing

    @Test
    void closingWithQuorumDecidesByTheVotesSoFarAndCommitsAnApproval() {
        fixture.given(drafted(), submitted(2, SIMPLE, 5), cast("ana", APPROVE), cast("ben", APPROVE))
                .when(new CloseTradeoff(TRADEOFF, CYCLE, "Board meets tonight", 4L, steering("cy")))
                .expectEvents(new TradeoffClosed(TRADEOFF, CYCLE, DISTRICT, Outcome.APPROVED, new Tally(2, 0, 0),
                        "Board meets tonight", "cy"));

        assertThat(others.events(BUSES)).last().isEqualTo(committed(BUSES, TRADEOFF, "600000.00", "cy"));
    }

    @Test
    void closingWithoutQuorumRejects() {
        fixture.given(drafted(), submitted(3, SIMPLE, 5), cast("ana", APPROVE))
                .when(new CloseTradeoff(TRADEOFF, CYCLE, "Quorum not met by the deadline", null, steering("ana")))
                .expectEvents(new TradeoffClosed(TRADEOFF, CYCLE, DISTRICT, Outcome.REJECTED, new Tally(1, 0, 0),
                        "Quorum not met by the deadline", "ana"));

        assertThat(others.events(BUSES)).last().isInstanceOf(OpportunitySized.class);
    }

    @Test
    void anySteeringMemberMayChairTheClosingEvenWithoutAVote() {
        fixture.given(drafted(), submitted(1, SIMPLE, 3), cast("ana", REJECT), cast("ben", APPROVE))
                .when(new CloseTradeoff(TRADEOFF, CYCLE, "Split committee", null, NEWCOMER))
                .expectEvents(new TradeoffClosed(TRADEOFF, CYCLE, DISTRICT, Outcome.REJECTED, new Tally(1, 1, 0),
                        "Split committee", "zed"));
    }

    @Test
    void onlyTheSteeringCommitteeClosesAVote() {
        fixture.given(drafted(), submitted(1, SIMPLE, 3))
                .when(new CloseTradeoff(TRADEOFF, CYCLE, "Done", null, DESIGNER))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void aDecidedPackageCannotBeClosed() {
        fixture.given(drafted(), submitted(1, SIMPLE, 1), cast("ana", REJECT), decided(Outcome.REJECTED, 0, 1, 0, "ana"))
                .when(new CloseTradeoff(TRADEOFF, CYCLE, "Again", null, steering("ana")))
                .expectException(breaking("tradeoff-not-voting"))
                .expectNoEvents();
    }
}
