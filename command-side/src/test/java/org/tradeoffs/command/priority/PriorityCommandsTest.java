package org.tradeoffs.command.priority;

import com.jayway.jsonpath.JsonPath;
import org.axonframework.common.lock.DeadlockException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.StaleVersion;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.command.security.SecurityConfiguration;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.CostSplit;

import java.math.BigDecimal;
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

@WebMvcTest(controllers = PriorityCommands.class, properties = "tradeoffs.query-side.url=https://reads.example.org/")
@Import({SecurityConfiguration.class, ReadLinks.class})
class PriorityCommandsTest {

    private static final String CYCLE = "5d1c2a7e-8f61-4c0b-b1c4-5a2e9f3d7b21";
    private static final String DISTRICT = "0b6f0e0e-3c8f-4a55-9d0e-6d1f7c1f2a10";
    private static final String PRIORITY = "9a7e4c11-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String VALID = """
            {"title":"K-5 early literacy coaches","description":"12 FTE","theoryOfAction":"Coaching raises reading",
             "fundability":"ACTION","estimatedAnnualCost":"1250000.00","lcapGoal":"Goal 1"}""";

    private static final String SPLIT = """
            "cost":{"staff":"1100000.00","services":120000,"materials":30000.5,"unallocated":"0"}""";

    private final Contract contract = Contract.load();

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CommandSender sender;
    @MockitoBean
    DistrictDirectory directory;

    private void designerIsMember() {
        when(directory.districtOfCycle(CYCLE)).thenReturn(DISTRICT);
        when(directory.actorIn(eq(DISTRICT), anyString(), anyBoolean()))
                .thenReturn(new Actor("designer", false, Set.of(Role.DESIGN_TEAM)));
    }

    private MvcResult perform(String method, String template, int status, MockHttpServletRequestBuilder request)
            throws Exception {
        MvcResult result = mvc.perform(request).andExpect(status().is(status)).andReturn();
        assertThat(contract.validateResponse(method, template, status, result.getResponse().getContentType(),
                result.getResponse().getContentAsString())).isEmpty();
        return result;
    }

    @Test
    void proposingAnswersWithIdVersionPositionETagAndWhereTheQuerySideServesIt() throws Exception {
        designerIsMember();
        when(sender.send(any(ProposePriority.class), anyString()))
                .thenAnswer(call -> new WriteReceipt(call.getArgument(1), 1, 42L));
        MvcResult created = perform("POST", "/api/cycles/{cycleId}/priorities", 201,
                post("/api/cycles/" + CYCLE + "/priorities").with(httpBasic("designer", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(VALID));
        String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
        assertThat(created.getResponse().getHeader("Location"))
                .isEqualTo("https://reads.example.org/api/cycles/" + CYCLE + "/priorities/" + id);
        mvc.perform(post("/api/cycles/" + CYCLE + "/priorities").with(httpBasic("designer", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.position").value(42));
    }

    @Test
    void anonymousCallersGet401ProblemJson() throws Exception {
        perform("POST", "/api/cycles/{cycleId}/priorities", 401, post("/api/cycles/" + CYCLE + "/priorities")
                .contentType(MediaType.APPLICATION_JSON).content(VALID));
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void wrongPasswordGets401() throws Exception {
        perform("POST", "/api/cycles/{cycleId}/priorities", 401, post("/api/cycles/" + CYCLE + "/priorities")
                .with(httpBasic("designer", "wrong")).contentType(MediaType.APPLICATION_JSON).content(VALID));
    }

    @Test
    void badFieldsGet400WithEveryFieldErrorAndSendNothing() throws Exception {
        designerIsMember();
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/priorities", 400,
                post("/api/cycles/" + CYCLE + "/priorities").with(httpBasic("designer", "demo"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"title":"","theoryOfAction":"x","fundability":"ACTION","estimatedAnnualCost":"-5.001"}"""));
        assertThat(result.getResponse().getContentAsString())
                .contains("\"code\":\"validation-failed\"", "\"field\":\"title\"", "\"field\":\"estimatedAnnualCost\"");
        verify(sender, never()).send(any(), anyString());
    }

    private ProposePriority proposedWith(String body) throws Exception {
        designerIsMember();
        when(sender.send(any(ProposePriority.class), anyString()))
                .thenAnswer(call -> new WriteReceipt(call.getArgument(1), 1, 42L));
        perform("POST", "/api/cycles/{cycleId}/priorities", 201, post("/api/cycles/" + CYCLE + "/priorities")
                .with(httpBasic("designer", "demo")).contentType(MediaType.APPLICATION_JSON).content(body));
        ArgumentCaptor<ProposePriority> sent = ArgumentCaptor.forClass(ProposePriority.class);
        verify(sender).send(sent.capture(), anyString());
        return sent.getValue();
    }

    private MvcResult rejected(String body) throws Exception {
        designerIsMember();
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/priorities", 400,
                post("/api/cycles/" + CYCLE + "/priorities").with(httpBasic("designer", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(body));
        verify(sender, never()).send(any(), anyString());
        return result;
    }

    @Test
    void aCostSplitIsProposedAsSplit() throws Exception {
        ProposePriority sent = proposedWith(VALID.replace("\"estimatedAnnualCost\":\"1250000.00\"", SPLIT));

        assertThat(sent.details().cost()).isEqualTo(new CostSplit(new BigDecimal("1100000.00"),
                new BigDecimal("120000"), new BigDecimal("30000.5"), new BigDecimal("0")));
        assertThat(sent.details().cost().total()).isEqualByComparingTo("1250000.50");
    }

    @Test
    void anEstimatedAnnualCostIsProposedAsAllUnallocated() throws Exception {
        ProposePriority sent = proposedWith(VALID);

        assertThat(sent.details().cost()).isEqualTo(CostSplit.allUnallocated(new BigDecimal("1250000.00")));
    }

    @Test
    void aCostSplitTogetherWithAnEstimatedAnnualCostGets400() throws Exception {
        MvcResult result = rejected(VALID.replace("\"estimatedAnnualCost\"", SPLIT + ",\"estimatedAnnualCost\""));

        assertThat(result.getResponse().getContentAsString())
                .contains("\"code\":\"validation-failed\"", "\"field\":\"cost\"", "together with estimatedAnnualCost");
    }

    @Test
    void neitherACostSplitNorAnEstimatedAnnualCostGets400() throws Exception {
        MvcResult result = rejected(VALID.replace("\"estimatedAnnualCost\":\"1250000.00\",", ""));

        assertThat(result.getResponse().getContentAsString())
                .contains("\"code\":\"validation-failed\"", "\"field\":\"cost\"", "must be sent");
    }

    @Test
    void aNegativeMissingOrOverPreciseCostPartGets400NamingEachPart() throws Exception {
        MvcResult result = rejected(VALID.replace("\"estimatedAnnualCost\":\"1250000.00\"",
                "\"cost\":{\"staff\":\"-1.00\",\"services\":0,\"materials\":\"10.005\"}"));

        assertThat(result.getResponse().getContentAsString()).contains("\"code\":\"validation-failed\"",
                "\"field\":\"cost.staff\"", "\"field\":\"cost.materials\"", "\"field\":\"cost.unallocated\"");
    }

    @Test
    void aCostSplitWhoseTotalExceedsTheLimitOfOneAmountGets400() throws Exception {
        MvcResult result = rejected(VALID.replace("\"estimatedAnnualCost\":\"1250000.00\"",
                "\"cost\":{\"staff\":\"999999999999.99\",\"services\":\"0.01\",\"materials\":0,\"unallocated\":0}"));

        assertThat(result.getResponse().getContentAsString())
                .contains("\"field\":\"cost\"", "total must have at most 12 digits");
    }

    @Test
    void anUnknownFundabilityNamesTheAllowedValues() throws Exception {
        designerIsMember();
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/priorities", 400,
                post("/api/cycles/" + CYCLE + "/priorities").with(httpBasic("designer", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(VALID.replace("ACTION", "MAYBE")));
        assertThat(result.getResponse().getContentAsString()).contains("must be one of GOAL, ACTION");
    }

    @Test
    void malformedJsonGets400() throws Exception {
        perform("POST", "/api/cycles/{cycleId}/priorities", 400, post("/api/cycles/" + CYCLE + "/priorities")
                .with(httpBasic("designer", "demo")).contentType(MediaType.APPLICATION_JSON).content("{\"title\":"));
    }

    @Test
    void revisingWithoutIfMatchGets428() throws Exception {
        designerIsMember();
        perform("PUT", "/api/cycles/{cycleId}/priorities/{priorityId}", 428,
                put("/api/cycles/" + CYCLE + "/priorities/" + PRIORITY).with(httpBasic("designer", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content(VALID));
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void revisingAStaleVersionGets412WithTheCurrentETag() throws Exception {
        designerIsMember();
        when(sender.send(any(RevisePriority.class), anyString())).thenThrow(new StaleVersion(1, 3));
        perform("PUT", "/api/cycles/{cycleId}/priorities/{priorityId}", 412,
                put("/api/cycles/" + CYCLE + "/priorities/" + PRIORITY).with(httpBasic("designer", "demo"))
                        .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON).content(VALID));
        mvc.perform(put("/api/cycles/" + CYCLE + "/priorities/" + PRIORITY).with(httpBasic("designer", "demo"))
                        .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(header().string("ETag", "\"3\""));
    }

    @Test
    void revisingADecidedPriorityGets409() throws Exception {
        designerIsMember();
        when(sender.send(any(RevisePriority.class), anyString()))
                .thenThrow(new ConflictingState("priority-decided", "decided"));
        MvcResult result = perform("PUT", "/api/cycles/{cycleId}/priorities/{priorityId}", 409,
                put("/api/cycles/" + CYCLE + "/priorities/" + PRIORITY).with(httpBasic("designer", "demo"))
                        .header("If-Match", "\"2\"").contentType(MediaType.APPLICATION_JSON).content(VALID));
        assertThat(result.getResponse().getContentAsString()).contains("\"code\":\"priority-decided\"");
    }

    @Test
    void aCommandThatLosesALockRaceGets409AndCanBeRetried() throws Exception {
        designerIsMember();
        when(sender.send(any(DecidePriority.class), anyString()))
                .thenThrow(new DeadlockException("two commands locked the same aggregates in opposite order"));
        MvcResult result = perform("POST", "/api/cycles/{cycleId}/priorities/{priorityId}/decision", 409,
                post("/api/cycles/" + CYCLE + "/priorities/" + PRIORITY + "/decision").with(httpBasic("designer", "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"APPROVED\",\"rationale\":\"yes\"}"));
        assertThat(result.getResponse().getContentAsString()).contains("\"code\":\"concurrent-modification\"");
    }

    @Test
    void anOutsiderGets403() throws Exception {
        when(directory.districtOfCycle(CYCLE)).thenReturn(DISTRICT);
        when(directory.actorIn(eq(DISTRICT), eq("outsider"), anyBoolean())).thenThrow(new NotPermitted("not a member"));
        perform("POST", "/api/cycles/{cycleId}/priorities/{priorityId}/decision", 403,
                post("/api/cycles/" + CYCLE + "/priorities/" + PRIORITY + "/decision")
                        .with(httpBasic("outsider", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"APPROVED\",\"rationale\":\"yes\"}"));
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void anUnknownCycleGets404() throws Exception {
        when(directory.districtOfCycle(CYCLE)).thenThrow(new UnknownItem("No planning cycle " + CYCLE));
        perform("POST", "/api/cycles/{cycleId}/priorities", 404, post("/api/cycles/" + CYCLE + "/priorities")
                .with(httpBasic("designer", "demo")).contentType(MediaType.APPLICATION_JSON).content(VALID));
    }
}
