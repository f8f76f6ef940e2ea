package org.tradeoffs.query.tradeoffs;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MvcResult;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Tally;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.Vote;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.query.ApiSliceTest;
import org.tradeoffs.query.security.SecurityConfig;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.OpportunityEntry;
import org.tradeoffs.query.tradeoffs.TradeoffCycle.PriorityEntry;

/** The tradeoff queries with real security and error handling, the read models mocked. */
@WebMvcTest
@Import(SecurityConfig.class)
class TradeoffsApiTest extends ApiSliceTest {

    static final String TRADEOFF = "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93";
    static final String LITERACY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final String TRANSPORT = "5e9a1c37-4b2d-4f8e-a6c1-3d7b9e2f4a68";
    static final String PARENT_SURVEY = "b7e3d9a1-5c2f-4a8e-8d6b-1f4c7e2a9d58";

    static final List<String> PATHS = List.of(
            "/api/cycles/{cycleId}/tradeoffs",
            "/api/cycles/{cycleId}/tradeoffs/{tradeoffId}",
            "/api/cycles/{cycleId}/decisions",
            "/api/cycles/{cycleId}/balance");

    @Test
    void anonymousCallerGetsAnUnauthenticatedProblem() throws Exception {
        expectProblemOnEachPath(PATHS, ANONYMOUS, status().isUnauthorized(), "unauthenticated", CYCLE, TRADEOFF);
        verifyNoInteractions(tradeoffs);
    }

    @Test
    void outsiderCannotReadThePackagesDecisionsOrBalanceOfAnotherDistrictsCycle() throws Exception {
        givenTheCallerIsAnOutsider();

        expectProblemOnEachPath(PATHS, httpBasic("outsider", "demo"),
                status().isForbidden(), "forbidden", CYCLE, TRADEOFF);
        verifyNoInteractions(tradeoffs);
    }

    @Test
    void unknownCycleIsANotFoundProblem() throws Exception {
        givenTheCycleIsUnknown();

        expectProblemOnEachPath(PATHS, httpBasic("auditor", "demo"),
                status().isNotFound(), "not-found", CYCLE, TRADEOFF);
    }

    @Test
    void unknownPackageAndAPackageOfAnotherCycleAreNotFoundThroughThisCycle() throws Exception {
        givenTheCycleIsReadable();
        when(tradeoffs.tradeoff(TRADEOFF)).thenReturn(Optional.empty());

        MvcResult result = mvc.perform(get(PATHS.get(1), CYCLE, TRADEOFF).with(httpBasic("auditor", "demo")))
                .andExpect(status().isNotFound())
                .andExpect(problem("not-found"))
                .andReturn();
        assertConformsToContract(PATHS.get(1), result);

        when(tradeoffs.tradeoff(TRADEOFF)).thenReturn(Optional.of(closedPackage(OTHER_CYCLE)));
        mvc.perform(get(PATHS.get(1), CYCLE, TRADEOFF).with(httpBasic("auditor", "demo")))
                .andExpect(status().isNotFound())
                .andExpect(problem("not-found"));
    }

    @Test
    void memberReadsAPackageWithItsVersionAsETagAndExactAmounts() throws Exception {
        givenTheCycleIsReadable();
        when(tradeoffs.tradeoff(TRADEOFF)).thenReturn(Optional.of(closedPackage(CYCLE)));

        MvcResult result = mvc.perform(get(PATHS.get(1), CYCLE, TRADEOFF).with(httpBasic("analyst", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"4\""))
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.investments[0].title").value("K-5 early literacy coaches"))
                .andExpect(jsonPath("$.investments[0].amount").value("300000.00"))
                .andExpect(jsonPath("$.funding[0].number").value(1))
                .andExpect(jsonPath("$.funding[1].description").value("Title I carryover"))
                .andExpect(jsonPath("$.totals.balance").value("-50000.00"))
                .andExpect(jsonPath("$.consideredInputs[0].respondents").value(689))
                .andExpect(jsonPath("$.votes[0].comment").value(""))
                .andExpect(jsonPath("$.decision.closedBy").value("chair"))
                .andExpect(jsonPath("$.decision.decidedAt").value("2027-03-01T16:20:04Z"))
                .andReturn();
        assertConformsToContract(PATHS.get(1), result);
    }

    @Test
    void memberListsThePackagesAndTheDecisionHistory() throws Exception {
        givenTheCycleIsReadable();
        when(tradeoffs.tradeoffs(CYCLE)).thenReturn(List.of(closedPackage(CYCLE)));
        when(tradeoffs.decisions(CYCLE)).thenReturn(List.of(closedPackage(CYCLE)));

        for (String path : List.of(PATHS.get(0), PATHS.get(2))) {
            MvcResult result = mvc.perform(get(path, CYCLE).with(httpBasic("auditor", "demo")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].id").value(TRADEOFF))
                    .andExpect(jsonPath("$[0].versions.length()").value(1))
                    .andReturn();
            assertConformsToContract(path, result);
        }
    }

    @Test
    void memberReadsTheCyclesBalance() throws Exception {
        TradeoffCycle cycle = TradeoffCycle.empty()
                .withPriority(CYCLE, new PriorityEntry(LITERACY, "K-5 early literacy coaches",
                        PriorityEntry.Status.APPROVED, "1250000.00", 20, 21), 21)
                .withOpportunity(CYCLE, new OpportunityEntry(TRANSPORT, 1, "Transportation?",
                        FocusArea.REDUCING_OPERATIONAL_COSTS, "760000.00", "800000.00", "95000.00", 30), 30);
        givenTheCycleIsReadable();
        when(tradeoffs.balance(CYCLE)).thenReturn(Optional.of(cycle.balance()));

        MvcResult result = mvc.perform(get(PATHS.get(3), CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.committedFunding").value("800000.00"))
                .andExpect(jsonPath("$.balance").value("800000.00"))
                .andExpect(jsonPath("$.byFocusArea[0].captured").value("95000.00"))
                .andExpect(jsonPath("$.unfundedPriorities[0].gap").value("1250000.00"))
                .andExpect(jsonPath("$.overCommitted[0].excess").value("40000.00"))
                .andExpect(jsonPath("$.position").value(30))
                .andReturn();
        assertConformsToContract(PATHS.get(3), result);
    }

    @Test
    void cycleWithNothingProjectedYetHasAnEmptyBalanceAndNoPackages() throws Exception {
        givenTheCycleIsReadable();
        when(tradeoffs.balance(CYCLE)).thenReturn(Optional.empty());
        when(tradeoffs.tradeoffs(CYCLE)).thenReturn(List.of());

        MvcResult balance = mvc.perform(get(PATHS.get(3), CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cycleId").value(CYCLE))
                .andExpect(jsonPath("$.approvedInvestments").value("0.00"))
                .andExpect(jsonPath("$.byFocusArea.length()").value(7))
                .andExpect(jsonPath("$.position").value(0))
                .andReturn();
        assertConformsToContract(PATHS.get(3), balance);
        mvc.perform(get(PATHS.get(0), CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    /** Drafted, submitted, one vote without a comment, closed as rejected: version 4. */
    private static TradeoffView closedPackage(String cycleId) {
        TradeoffView.Names names = new TradeoffView.Names() {
            @Override
            public String priorityTitle(String priorityId) {
                return "K-5 early literacy coaches";
            }

            @Override
            public Integer opportunityNumber(String opportunityId) {
                return 1;
            }
        };
        PackageContent content = new PackageContent("Fund early-literacy coaches", "Coaches in K-3.",
                List.of(new Investment(LITERACY, new BigDecimal("300000"))),
                List.of(new Funding(TRANSPORT, null, new BigDecimal("200000")),
                        new Funding(null, "Title I carryover", new BigDecimal("50000"))),
                List.of(PARENT_SURVEY));
        TradeoffView view = TradeoffView.drafted(new TradeoffDrafted(TRADEOFF, cycleId, DISTRICT, content,
                "designer"), stamp(1), names, Map.of(PARENT_SURVEY, new TradeoffView.ConsideredInput(PARENT_SURVEY,
                "Parents want earlier reading support.", StakeholderGroup.PARENTS, 689)));
        view = view.submitted(new TradeoffSubmitted(TRADEOFF, cycleId, DISTRICT, 2, Majority.SIMPLE,
                List.of("steering", "chair"), "designer"), stamp(2));
        view = view.voted(new VoteCast(TRADEOFF, cycleId, DISTRICT, Vote.REJECT, null, "steering"), stamp(3));
        return view.closed(new TradeoffClosed(TRADEOFF, cycleId, DISTRICT, Outcome.REJECTED, new Tally(0, 1, 0),
                "One vote is not a quorum.", "chair"), stamp(4));
    }

    private static Stamp stamp(long version) {
        return new Stamp(version, 40 + version, OPENED.plusSeconds(version));
    }
}
