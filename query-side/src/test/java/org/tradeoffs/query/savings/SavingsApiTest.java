package org.tradeoffs.query.savings;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MvcResult;
import org.tradeoffs.events.savings.BudgetLineAdded;
import org.tradeoffs.events.savings.CostDriverAdded;
import org.tradeoffs.events.savings.DriverAdjustment;
import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.SavingsCaptured;
import org.tradeoffs.events.savings.ScreeningDecision;
import org.tradeoffs.events.savings.Trend;
import org.tradeoffs.query.ApiSliceTest;
import org.tradeoffs.query.security.SecurityConfig;

/** The savings queries with real security and error handling, the read models mocked. */
@WebMvcTest
@Import(SecurityConfig.class)
class SavingsApiTest extends ApiSliceTest {

    static final String OPPORTUNITY = "5e9a1c37-4b2d-4f8e-a6c1-3d7b9e2f4a68";
    static final String BUSES = "2a7d4e96-1c3b-4f5a-8e72-9b6c1d3f5e47";

    static final List<String> PATHS = List.of(
            "/api/cycles/{cycleId}/opportunities",
            "/api/cycles/{cycleId}/opportunities/{opportunityId}",
            "/api/cycles/{cycleId}/savings-pipeline");

    @Test
    void anonymousCallerGetsAnUnauthenticatedProblem() throws Exception {
        expectProblemOnEachPath(PATHS, ANONYMOUS, status().isUnauthorized(), "unauthenticated", CYCLE, OPPORTUNITY);
        verifyNoInteractions(savings);
    }

    @Test
    void outsiderCannotReadTheOpportunitiesOrPipelineOfAnotherDistrictsCycle() throws Exception {
        givenTheCallerIsAnOutsider();

        expectProblemOnEachPath(PATHS, httpBasic("outsider", "demo"),
                status().isForbidden(), "forbidden", CYCLE, OPPORTUNITY);
        verifyNoInteractions(savings);
    }

    @Test
    void unknownCycleIsANotFoundProblem() throws Exception {
        givenTheCycleIsUnknown();

        expectProblemOnEachPath(PATHS, httpBasic("auditor", "demo"),
                status().isNotFound(), "not-found", CYCLE, OPPORTUNITY);
    }

    @Test
    void unknownOpportunityIsANotFoundProblem() throws Exception {
        givenTheCycleIsReadable();
        when(savings.opportunity(OPPORTUNITY)).thenReturn(Optional.empty());

        MvcResult result = mvc.perform(get(PATHS.get(1), CYCLE, OPPORTUNITY).with(httpBasic("auditor", "demo")))
                .andExpect(status().isNotFound())
                .andExpect(problem("not-found"))
                .andReturn();
        assertConformsToContract(PATHS.get(1), result);
    }

    @Test
    void opportunityOfAnotherCycleIsNotFoundThroughThisCycle() throws Exception {
        givenTheCycleIsReadable();
        when(savings.opportunity(OPPORTUNITY)).thenReturn(Optional.of(sizedOpportunity(OTHER_CYCLE)));

        mvc.perform(get(PATHS.get(1), CYCLE, OPPORTUNITY).with(httpBasic("auditor", "demo")))
                .andExpect(status().isNotFound())
                .andExpect(problem("not-found"));
    }

    @Test
    void memberReadsAnOpportunityWithItsVersionAsETagAndExactAmounts() throws Exception {
        givenTheCycleIsReadable();
        when(savings.opportunity(OPPORTUNITY)).thenReturn(Optional.of(sizedOpportunity(CYCLE)));

        MvcResult result = mvc.perform(get(PATHS.get(1), CYCLE, OPPORTUNITY).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"8\""))
                .andExpect(jsonPath("$.low").value("380000.00"))
                .andExpect(jsonPath("$.high").value("760000.00"))
                .andExpect(jsonPath("$.capturedToDate").value("95000.00"))
                .andExpect(jsonPath("$.committed").value("300000.00"))
                .andExpect(jsonPath("$.budgetTree.children[0].children[0].total").value("3800000.00"))
                .andExpect(jsonPath("$.drivers[0].annualCost").value("3800000.00"))
                .andExpect(jsonPath("$.currentSizing.adjustments[0].driverName").value("Buses"))
                .andExpect(jsonPath("$.milestones[0].dueDate").value("2027-05-15"))
                .andExpect(jsonPath("$.updatedAt").value("2027-03-01T16:20:08Z"))
                .andReturn();
        assertConformsToContract(PATHS.get(1), result);
    }

    @Test
    void memberListsTheCyclesOpportunities() throws Exception {
        givenTheCycleIsReadable();
        when(savings.opportunities(CYCLE)).thenReturn(List.of(sizedOpportunity(CYCLE).summary()));

        MvcResult result = mvc.perform(get(PATHS.get(0), CYCLE).with(httpBasic("analyst", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(OPPORTUNITY))
                .andExpect(jsonPath("$[0].ease").value(3))
                .andExpect(jsonPath("$[0].committed").value("300000.00"))
                .andExpect(jsonPath("$[0].budgetLines").doesNotExist())
                .andReturn();
        assertConformsToContract(PATHS.get(0), result);
    }

    @Test
    void memberReadsTheCyclesPipeline() throws Exception {
        OpportunityDetail opportunity = sizedOpportunity(CYCLE);
        SavingsPipeline pipeline = SavingsPipeline.of(CYCLE, List.of(CycleEntry.of(opportunity)), 23);
        givenTheCycleIsReadable();
        when(savings.pipeline(CYCLE)).thenReturn(Optional.of(pipeline));

        MvcResult result = mvc.perform(get(PATHS.get(2), CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.funnel.deepDive").value(1))
                .andExpect(jsonPath("$.totals.high").value("760000.00"))
                .andExpect(jsonPath("$.totals.committed").value("300000.00"))
                .andExpect(jsonPath("$.ranking[0].rank").value(1))
                .andExpect(jsonPath("$.position").value(23))
                .andReturn();
        assertConformsToContract(PATHS.get(2), result);
    }

    @Test
    void cycleWhoseOpportunitiesAreNotProjectedYetHasAnEmptyPipeline() throws Exception {
        givenTheCycleIsReadable();
        when(savings.pipeline(CYCLE)).thenReturn(Optional.empty());

        MvcResult result = mvc.perform(get(PATHS.get(2), CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cycleId").value(CYCLE))
                .andExpect(jsonPath("$.funnel.listed").value(0))
                .andExpect(jsonPath("$.byFocusArea.length()").value(7))
                .andExpect(jsonPath("$.totals.low").value("0.00"))
                .andReturn();
        assertConformsToContract(PATHS.get(2), result);
    }

    /**
     * #1 in a deep dive with a budget line, a driver, a sizing, a milestone, a capture and funding committed by
     * an approved package: version 8.
     */
    private static OpportunityDetail sizedOpportunity(String cycleId) {
        String line = "8c3f5a71-2d6e-4b9a-9f14-6e2a8d4c1b35";
        OpportunityDetail detail = OpportunityDetail.listed(new OpportunityListed(OPPORTUNITY, cycleId, DISTRICT, 1,
                FocusArea.REDUCING_OPERATIONAL_COSTS,
                "Can the district free up funds from general education transportation ?", true, "steering"),
                stamp(1));
        detail = detail.evolve(new OpportunityScreened(OPPORTUNITY, cycleId, DISTRICT, ScreeningDecision.DEEP_DIVE,
                "Transportation is 6% of the budget.", "designer"), stamp(2));
        detail = detail.evolve(new BudgetLineAdded(OPPORTUNITY, cycleId, DISTRICT, line,
                List.of("Operations", "Transportation"), new BigDecimal("3800000"), new BigDecimal("52"), "analyst"),
                stamp(3));
        detail = detail.evolve(new CostDriverAdded(OPPORTUNITY, cycleId, DISTRICT, BUSES, "Buses", "bus",
                new BigDecimal("40"), new BigDecimal("95000"), Trend.RISING, line, "analyst"), stamp(4));
        detail = detail.evolve(new OpportunitySized(OPPORTUNITY, cycleId, DISTRICT,
                "9d4e2b68-7a1f-4c3e-8b96-5f2d7a1c3e84", List.of(new DriverAdjustment(BUSES, new BigDecimal("40"),
                        new BigDecimal("95000"), new BigDecimal("36"), new BigDecimal("32"), null, null)),
                new BigDecimal("380000"), new BigDecimal("760000"), 3, "Consolidate routes.", "analyst"), stamp(5));
        detail = detail.evolve(new MilestoneAdded(OPPORTUNITY, cycleId, DISTRICT,
                "4b8c6e13-9f2a-4d7b-a3e5-8c1f6b2d4a97", "Board approves the route plan", LocalDate.parse("2027-05-15"),
                "designer"), stamp(6));
        detail = detail.evolve(new SavingsCaptured(OPPORTUNITY, cycleId, DISTRICT,
                "3c9f7a42-6e1d-4b8c-9a25-7d3e1f6b8c59", new BigDecimal("95000"), LocalDate.parse("2027-09-30"),
                "One route retired.", "designer"), stamp(7));
        return detail.evolve(new FundingCommitted(OPPORTUNITY, cycleId, DISTRICT,
                "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93", new BigDecimal("300000"), "steering"), stamp(8));
    }

    private static Stamp stamp(long version) {
        return new Stamp(version, 16 + version, OPENED.plusSeconds(version));
    }
}
