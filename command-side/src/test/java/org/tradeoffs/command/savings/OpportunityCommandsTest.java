package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.mockito.ArgumentCaptor;

import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;

import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.tradeoffs.command.web.CommandSliceTest;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.StaleVersion;
import org.tradeoffs.command.common.Today;
import org.tradeoffs.command.common.UnknownItem;

import org.tradeoffs.command.security.SecurityConfiguration;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.CommandSender.Answered;
import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.savings.FocusArea;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(OpportunityCommands.class)
@Import({SecurityConfiguration.class, ReadLinks.class, Today.class, OpportunityCommandsTest.FixedClock.class})
class OpportunityCommandsTest extends CommandSliceTest {

    private static final String OPPORTUNITY = "9a7e4c11-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String BASE = "/api/cycles/" + CYCLE + "/opportunities";
    private static final String ONE = BASE + "/" + OPPORTUNITY;
    private static final String SIZING = """
            {"adjustments":[{"driverId":"buses","conservativeQuantity":"36","ambitiousQuantity":32}],
             "ease":4,"notes":"Consolidate routes","low":"1.00"}""";

    /** 2027-03-15 in Los Angeles (the default zone of "today"). */
    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2027-03-15T18:00:00Z"), ZoneOffset.UTC);
        }
    }

    // ---------------------------------------------------------------- successful writes

    @Test
    void addingAnOwnOpportunityAnswers201WithItsLocationAndVersion() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        String created = OpportunityNumbers.idOf(CYCLE, 32);
        when(sender.sendForAnswer(any(ListOpportunity.class), eq(String.class), any()))
                .thenReturn(new Answered<>(created, new WriteReceipt(created, 1, 40L)));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities", 201, json(post(BASE), "designer",
                "{\"focusArea\":\"MAXIMIZING_REVENUE\",\"question\":\"  Can we rent out unused buildings?  \"}"));

        assertThat(result.getResponse().getHeader("Location"))
                .isEqualTo("http://localhost:8082" + BASE + "/" + created);
        assertThat(result.getResponse().getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(body(result)).isEqualTo("{\"id\":\"" + created + "\",\"version\":1,\"position\":40}");
        ArgumentCaptor<ListOpportunity> sent = ArgumentCaptor.forClass(ListOpportunity.class);
        verify(sender).sendForAnswer(sent.capture(), eq(String.class), any());
        assertThat(sent.getValue()).isEqualTo(new ListOpportunity(CYCLE, FocusArea.MAXIMIZING_REVENUE,
                "Can we rent out unused buildings?", new Actor("designer", false, Set.of(Role.DESIGN_TEAM))));
    }

    /** Two instances give the same next number to two new opportunities of a cycle at once: the later one may retry. */
    @Test
    void anOpportunityCreatedAtTheSameMomentElsewhereIs409AndMayBeRetried() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.sendForAnswer(any(ListOpportunity.class), eq(String.class), any()))
                .thenThrow(new AggregateStreamCreationException("Cannot reuse aggregate identifier"));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities", 409, json(post(BASE), "designer",
                "{\"focusArea\":\"MAXIMIZING_REVENUE\",\"question\":\"Can we rent out unused buildings?\"}"));

        assertThat(body(result)).contains("\"code\":\"concurrent-modification\"");
    }

    @Test
    void sizingAnswersTheRangeTheServerComputedAndIgnoresClientTotals() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        when(sender.sendForAnswer(any(SizeOpportunity.class), eq(SavingsEstimate.class), any()))
                .thenReturn(new Answered<>(new SavingsEstimate(new BigDecimal("380000.00"), new BigDecimal("760000.00")),
                        new WriteReceipt(OPPORTUNITY, 7, 99L)));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/sizings", 201,
                json(post(ONE + "/sizings"), "analyst", SIZING).header("If-Match", "\"6\""));

        assertThat(result.getResponse().getHeader("ETag")).isEqualTo("\"7\"");
        assertThat(result.getResponse().getHeader("Location"))
                .isEqualTo("http://localhost:8082" + ONE);
        mvc.perform(json(post(ONE + "/sizings"), "analyst", SIZING))
                .andExpect(jsonPath("$.version").value(7))
                .andExpect(jsonPath("$.position").value(99))
                .andExpect(jsonPath("$.low").value("380000.00"))
                .andExpect(jsonPath("$.high").value("760000.00"));
        ArgumentCaptor<SizeOpportunity> sent = ArgumentCaptor.forClass(SizeOpportunity.class);
        verify(sender, org.mockito.Mockito.times(2)).sendForAnswer(sent.capture(), eq(SavingsEstimate.class), any());
        SizeOpportunity command = sent.getAllValues().get(0);
        assertThat(command.targets()).containsExactly(new SizeOpportunity.Target("buses", new BigDecimal("36"),
                new BigDecimal("32"), null, null));
        assertThat(command.ease()).isEqualTo(4);
        assertThat(command.expectedVersion()).isEqualTo(6L);
        assertThat(body(result)).contains("\"id\":\"" + command.sizingId() + "\"");
    }

    @Test
    void aBudgetLineAnswersItsOwnIdWithTheOpportunitysVersion() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        when(sender.send(any(AddBudgetLine.class), eq(OPPORTUNITY))).thenReturn(new WriteReceipt(OPPORTUNITY, 3, 50L));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/budget-lines", 201,
                json(post(ONE + "/budget-lines"), "analyst", """
                        {"path":" Operations /Transportation/ General education routes ","annualAmount":4100000,"fte":"52.5"}"""));

        ArgumentCaptor<AddBudgetLine> sent = ArgumentCaptor.forClass(AddBudgetLine.class);
        verify(sender).send(sent.capture(), eq(OPPORTUNITY));
        assertThat(sent.getValue().path()).containsExactly("Operations", "Transportation", "General education routes");
        assertThat(sent.getValue().fte()).isEqualByComparingTo("52.5");
        assertThat(body(result)).isEqualTo("{\"id\":\"" + sent.getValue().budgetLineId() + "\",\"version\":3,\"position\":50}");
        assertThat(result.getResponse().getHeader("ETag")).isEqualTo("\"3\"");
        assertThat(result.getResponse().getHeader("Location"))
                .isEqualTo("http://localhost:8082" + ONE);
    }

    @Test
    void theOwnerIsCheckedWithTheirRolesInTheDistrict() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);
        when(directory.rolesOf(DISTRICT, "auditor")).thenReturn(Set.of(Role.AUDITOR));
        when(sender.send(any(AssignOwner.class), eq(OPPORTUNITY))).thenReturn(new WriteReceipt(OPPORTUNITY, 5, 61L));

        perform("PUT", "/api/cycles/{cycleId}/opportunities/{opportunityId}/owner", 200,
                json(put(ONE + "/owner"), "steering", "{\"username\":\"auditor\"}"));

        ArgumentCaptor<AssignOwner> sent = ArgumentCaptor.forClass(AssignOwner.class);
        verify(sender).send(sent.capture(), eq(OPPORTUNITY));
        assertThat(sent.getValue().owner()).isEqualTo("auditor");
        assertThat(sent.getValue().ownerRoles()).containsExactly(Role.AUDITOR);
    }

    @Test
    void completingAMilestoneNeedsNoBody() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(CompleteMilestone.class), eq(OPPORTUNITY))).thenReturn(new WriteReceipt(OPPORTUNITY, 9, 70L));

        MvcResult result = perform("POST",
                "/api/cycles/{cycleId}/opportunities/{opportunityId}/milestones/{milestoneId}/completion", 200,
                post(ONE + "/milestones/m-1/completion").with(httpBasic("designer", "demo")));

        assertThat(body(result)).isEqualTo("{\"id\":\"" + OPPORTUNITY + "\",\"version\":9,\"position\":70}");
        verify(sender).send(new CompleteMilestone(OPPORTUNITY, CYCLE, "m-1", null,
                new Actor("designer", false, Set.of(Role.DESIGN_TEAM))), OPPORTUNITY);
    }

    @Test
    void savingsCapturedTodayAreAccepted() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        when(sender.send(any(CaptureSavings.class), eq(OPPORTUNITY))).thenReturn(new WriteReceipt(OPPORTUNITY, 4, 44L));

        perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/captures", 201,
                json(post(ONE + "/captures"), "analyst", "{\"amount\":\"125000.50\",\"capturedOn\":\"2027-03-15\"}"));
    }

    // ---------------------------------------------------------------- 400

    @Test
    void badFieldsGet400WithEveryFieldErrorAndSendNothing() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/cost-drivers", 400,
                json(post(ONE + "/cost-drivers"), "analyst",
                        "{\"name\":\"\",\"unit\":\"bus\",\"quantity\":-1,\"unitCost\":\"95000.001\"}"));

        assertThat(body(result)).contains("\"code\":\"validation-failed\"", "\"field\":\"name\"",
                "\"field\":\"quantity\"", "\"field\":\"unitCost\"", "\"field\":\"trend\"");
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void anUnknownTrendNamesTheAllowedValues() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/cost-drivers", 400,
                json(post(ONE + "/cost-drivers"), "analyst",
                        "{\"name\":\"Buses\",\"unit\":\"bus\",\"quantity\":40,\"unitCost\":95000,\"trend\":\"UP\"}"));

        assertThat(body(result)).contains("\"field\":\"trend\"", "must be one of RISING, FLAT, FALLING");
    }

    @Test
    void aBudgetPathHasOneToSixNonEmptySegments() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        for (String path : List.of("Operations // Routes", "A/B/C/D/E/F/G", "x".repeat(101), " ")) {
            MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/budget-lines", 400,
                    json(post(ONE + "/budget-lines"), "analyst",
                            "{\"path\":\"" + path + "\",\"annualAmount\":\"10.00\"}"));
            assertThat(body(result)).contains("\"field\":\"path\"");
        }
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void aSizingNeedsAdjustmentsAndAnEaseFromOneToFive() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/sizings", 400,
                json(post(ONE + "/sizings"), "analyst", "{\"adjustments\":[],\"ease\":6}"));

        assertThat(body(result)).contains("\"field\":\"adjustments\"", "\"field\":\"ease\"");
        MvcResult negative = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/sizings", 400,
                json(post(ONE + "/sizings"), "analyst",
                        "{\"adjustments\":[{\"driverId\":\"buses\",\"ambitiousQuantity\":-2}],\"ease\":3}"));
        assertThat(body(negative)).contains("\"field\":\"adjustments[0].ambitiousQuantity\"");
        verify(sender, never()).sendForAnswer(any(), any(), any());
    }

    @Test
    void aRuleOnSeveralFieldsFromTheAggregateIsA400NamingTheField() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        when(sender.send(any(RecordConstraint.class), eq(OPPORTUNITY)))
                .thenThrow(new InvalidField("renegotiationDate", "is allowed only for CONTRACT constraints"));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/constraints", 400,
                json(post(ONE + "/constraints"), "analyst", """
                        {"kind":"STATE_POLICY","rigid":true,"description":"Ed Code","renegotiationDate":"2027-07-01"}"""));

        assertThat(body(result)).contains("\"code\":\"validation-failed\"");
        mvc.perform(json(post(ONE + "/constraints"), "analyst", """
                        {"kind":"STATE_POLICY","rigid":true,"description":"Ed Code","renegotiationDate":"2027-07-01"}"""))
                .andExpect(jsonPath("$.errors[0].field").value("renegotiationDate"))
                .andExpect(jsonPath("$.errors[0].message").value("is allowed only for CONTRACT constraints"));
    }

    @Test
    void constraintsNeedKindRigidAndDescription() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/constraints", 400,
                json(post(ONE + "/constraints"), "analyst", "{\"renegotiationDate\":\"2027-07-01\"}"));

        assertThat(body(result)).contains("\"field\":\"kind\"", "\"field\":\"rigid\"", "\"field\":\"description\"");
    }

    @Test
    void savingsCannotBeCapturedInTheFuture() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/captures", 400,
                json(post(ONE + "/captures"), "analyst", "{\"amount\":\"10.00\",\"capturedOn\":\"2027-03-16\"}"));

        assertThat(body(result)).contains("\"field\":\"capturedOn\"", "2027-03-15");
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void capturesNeedAPositiveAmountWithAtMostTwoDecimals() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        for (String amount : List.of("0", "-5.00", "\"1.001\"")) {
            MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/captures", 400,
                    json(post(ONE + "/captures"), "analyst",
                            "{\"amount\":" + amount + ",\"capturedOn\":\"2027-03-01\"}"));
            assertThat(body(result)).contains("\"field\":\"amount\"");
        }
    }

    @Test
    void milestonesNeedATitleAndAValidDueDate() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/milestones", 400,
                json(post(ONE + "/milestones"), "designer", "{\"title\":\"Board vote\",\"dueDate\":\"2027-02-30\"}"));

        assertThat(body(result)).contains("\"field\":\"dueDate\"");
    }

    // ---------------------------------------------------------------- 401, 403, 404

    @Test
    void anonymousCallersGet401() throws Exception {
        perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/screening", 401,
                post(ONE + "/screening").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"decision\":\"DEEP_DIVE\",\"reason\":\"Big\"}"));
    }

    @Test
    void anAuditorGets403() throws Exception {
        isMember("auditor", Role.AUDITOR);
        when(sender.send(any(ScreenOpportunity.class), eq(OPPORTUNITY)))
                .thenThrow(new NotPermitted("auditor may not screen opportunities"));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/screening", 403,
                json(post(ONE + "/screening"), "auditor", "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Big\"}"));

        assertThat(body(result)).contains("\"code\":\"forbidden\"");
    }

    @Test
    void anOutsiderGets403AndSendsNothing() throws Exception {
        when(directory.districtOfCycle(CYCLE)).thenReturn(DISTRICT);
        when(directory.actorIn(eq(DISTRICT), eq("outsider"), anyBoolean())).thenThrow(new NotPermitted("not a member"));

        perform("POST", "/api/cycles/{cycleId}/opportunities", 403, json(post(BASE), "outsider",
                "{\"focusArea\":\"CLASS_SIZE\",\"question\":\"Why?\"}"));

        verify(sender, never()).sendForAnswer(any(), any(), any());
    }

    @Test
    void anUnknownCycleGets404() throws Exception {
        when(directory.districtOfCycle(CYCLE)).thenThrow(new UnknownItem("No planning cycle " + CYCLE));

        perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/milestones", 404,
                json(post(ONE + "/milestones"), "designer", "{\"title\":\"Board vote\",\"dueDate\":\"2027-06-30\"}"));
    }

    @Test
    void anUnknownOpportunityGets404() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(ScreenOpportunity.class), eq(OPPORTUNITY)))
                .thenThrow(new AggregateNotFoundException(OPPORTUNITY, "not found"));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/screening", 404,
                json(post(ONE + "/screening"), "designer", "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Big\"}"));

        assertThat(body(result)).contains("\"code\":\"not-found\"");
    }

    @Test
    void anOpportunityOfAnotherCycleGets404() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(AddMilestone.class), eq(OPPORTUNITY)))
                .thenThrow(new UnknownItem("No opportunity " + OPPORTUNITY + " in cycle " + CYCLE));

        perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/milestones", 404,
                json(post(ONE + "/milestones"), "designer", "{\"title\":\"Board vote\",\"dueDate\":\"2027-06-30\"}"));
    }

    // ---------------------------------------------------------------- 409, 412

    @Test
    void sizingAScreenedOutOpportunityGets409() throws Exception {
        isMember("analyst", Role.ROI_ANALYST);
        when(sender.sendForAnswer(any(SizeOpportunity.class), eq(SavingsEstimate.class), any()))
                .thenThrow(new ConflictingState("opportunity-screened-out",
                        "A screened-out opportunity takes no sizing until screened in again"));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/sizings", 409,
                json(post(ONE + "/sizings"), "analyst", SIZING));

        assertThat(body(result)).contains("\"code\":\"opportunity-screened-out\"",
                "\"type\":\"urn:tradeoffs:problem:opportunity-screened-out\"");
    }

    @Test
    void anOwnerFromOutsideTheDistrictGets409() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(directory.rolesOf(DISTRICT, "outsider")).thenReturn(Set.of());
        when(sender.send(any(AssignOwner.class), eq(OPPORTUNITY)))
                .thenThrow(new ConflictingState("owner-not-a-member", "outsider is not a member of this district"));

        MvcResult result = perform("PUT", "/api/cycles/{cycleId}/opportunities/{opportunityId}/owner", 409,
                json(put(ONE + "/owner"), "designer", "{\"username\":\"outsider\"}"));

        assertThat(body(result)).contains("\"code\":\"owner-not-a-member\"");
    }

    @Test
    void aStaleIfMatchGets412WithTheCurrentETag() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(ScreenOpportunity.class), eq(OPPORTUNITY))).thenThrow(new StaleVersion(2, 5));

        perform("POST", "/api/cycles/{cycleId}/opportunities/{opportunityId}/screening", 412,
                json(post(ONE + "/screening"), "designer", "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Big\"}")
                        .header("If-Match", "\"2\""));
        mvc.perform(json(post(ONE + "/screening"), "designer", "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Big\"}")
                        .header("If-Match", "\"2\""))
                .andExpect(header().string("ETag", "\"5\""))
                .andExpect(jsonPath("$.code").value("stale-version"))
                .andExpect(jsonPath("$.currentVersion").value(5));
        ArgumentCaptor<ScreenOpportunity> sent = ArgumentCaptor.forClass(ScreenOpportunity.class);
        verify(sender, org.mockito.Mockito.atLeastOnce()).send(sent.capture(), eq(OPPORTUNITY));
        assertThat(sent.getValue().expectedVersion()).isEqualTo(2L);
    }
}
