package org.tradeoffs.command.tradeoff;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
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
import org.tradeoffs.command.common.UnknownItem;

import org.tradeoffs.command.savings.OverCommitted;
import org.tradeoffs.command.security.SecurityConfiguration;

import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Vote;

import java.math.BigDecimal;
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

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(TradeoffCommands.class)
@Import({SecurityConfiguration.class, ReadLinks.class})
class TradeoffCommandsTest extends CommandSliceTest {

    private static final String TRADEOFF = "7c6b5a49-3827-4165-9f8e-7d6c5b4a3928";
    private static final String PRIORITY = "9a7e4c11-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String BUSES = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
    private static final String INPUT = "3e8b1f2a-9c4d-4e6f-a1b2-c3d4e5f6a7b8";
    private static final String BASE = "/api/cycles/" + CYCLE + "/tradeoffs";
    private static final String ONE = BASE + "/" + TRADEOFF;
    private static final String ONE_TEMPLATE = "/api/cycles/{cycleId}/tradeoffs/{tradeoffId}";
    private static final String PACKAGE = """
            {"title":" Fund early-literacy coaches ","narrative":"Redirect operations savings",
             "investments":[{"priorityId":"%s","amount":"1000000.00"}],
             "funding":[{"opportunityId":"%s","amount":600000},{"description":" Medicaid reimbursement ","amount":"100000.00"}],
             "consideredInputs":["%s","%s"]}""".formatted(PRIORITY, BUSES, INPUT, INPUT);

    // ---------------------------------------------------------------- successful writes

    @Test
    void draftingAnswers201WithItsLocationAndSendsTheContentAsStated() throws Exception {
        Actor designer = isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(DraftTradeoff.class), anyString()))
                .thenAnswer(call -> new WriteReceipt(call.getArgument(1), 1, 300L));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/tradeoffs", 201, json(post(BASE), "designer", PACKAGE));

        ArgumentCaptor<DraftTradeoff> sent = ArgumentCaptor.forClass(DraftTradeoff.class);
        verify(sender).send(sent.capture(), anyString());
        String tradeoffId = sent.getValue().tradeoffId();
        assertThat(sent.getValue()).isEqualTo(new DraftTradeoff(tradeoffId, CYCLE, DISTRICT, new PackageContent(
                "Fund early-literacy coaches", "Redirect operations savings",
                List.of(new Investment(PRIORITY, new BigDecimal("1000000.00"))),
                List.of(new Funding(BUSES, null, new BigDecimal("600000")),
                        new Funding(null, "Medicaid reimbursement", new BigDecimal("100000.00"))),
                List.of(INPUT)), designer));
        assertThat(result.getResponse().getHeader("Location"))
                .isEqualTo("http://localhost:8082" + BASE + "/" + tradeoffId);
        assertThat(result.getResponse().getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(body(result)).isEqualTo("{\"id\":\"" + tradeoffId + "\",\"version\":1,\"position\":300}");
    }

    @Test
    void revisingSendsTheIfMatchVersion() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(ReviseTradeoff.class), eq(TRADEOFF))).thenReturn(new WriteReceipt(TRADEOFF, 2, 301L));

        MvcResult result = perform("PUT", ONE_TEMPLATE, 200, json(put(ONE), "designer", PACKAGE).header("If-Match", "\"1\""));

        assertThat(result.getResponse().getHeader("ETag")).isEqualTo("\"2\"");
        ArgumentCaptor<ReviseTradeoff> sent = ArgumentCaptor.forClass(ReviseTradeoff.class);
        verify(sender).send(sent.capture(), eq(TRADEOFF));
        assertThat(sent.getValue().expectedVersion()).isEqualTo(1L);
    }

    @Test
    void submissionMakesTheDistrictsSteeringMembersOfNowTheVoters() throws Exception {
        Actor designer = isMember("designer", Role.DESIGN_TEAM);
        when(directory.holdersOf(DISTRICT, Role.STEERING_COMMITTEE)).thenReturn(List.of("analyst", "steering"));
        when(sender.send(any(SubmitTradeoff.class), eq(TRADEOFF))).thenReturn(new WriteReceipt(TRADEOFF, 2, 310L));

        MvcResult result = perform("POST", ONE_TEMPLATE + "/submission", 200,
                json(post(ONE + "/submission"), "designer", "{\"quorum\":2,\"majority\":\"TWO_THIRDS\"}"));

        assertThat(body(result)).isEqualTo("{\"id\":\"" + TRADEOFF + "\",\"version\":2,\"position\":310}");
        verify(sender).send(new SubmitTradeoff(TRADEOFF, CYCLE, 2, Majority.TWO_THIRDS, List.of("analyst", "steering"),
                null, designer), TRADEOFF);
    }

    @Test
    void aVoteWithoutACommentIsSentWithAnEmptyOne() throws Exception {
        Actor steering = isMember("steering", Role.STEERING_COMMITTEE);
        when(sender.send(any(CastVote.class), eq(TRADEOFF))).thenReturn(new WriteReceipt(TRADEOFF, 4, 330L));

        perform("POST", ONE_TEMPLATE + "/votes", 200, json(post(ONE + "/votes"), "steering", "{\"vote\":\"APPROVE\"}"));

        verify(sender).send(new CastVote(TRADEOFF, CYCLE, Vote.APPROVE, "", null, steering), TRADEOFF);
    }

    @Test
    void votingRulesAndClosingAnswerThePackagesVersion() throws Exception {
        Actor steering = isMember("steering", Role.STEERING_COMMITTEE);
        when(sender.send(any(ChangeVotingRules.class), eq(TRADEOFF))).thenReturn(new WriteReceipt(TRADEOFF, 3, 320L));
        when(sender.send(any(CloseTradeoff.class), eq(TRADEOFF))).thenReturn(new WriteReceipt(TRADEOFF, 5, 340L));

        perform("POST", ONE_TEMPLATE + "/voting-rules", 200,
                json(post(ONE + "/voting-rules"), "steering", "{\"quorum\":1,\"majority\":\"SIMPLE\"}"));
        MvcResult closed = perform("POST", ONE_TEMPLATE + "/closing", 200,
                json(post(ONE + "/closing"), "steering", "{\"rationale\":\" Board meets tonight \"}"));

        assertThat(closed.getResponse().getHeader("ETag")).isEqualTo("\"5\"");
        verify(sender).send(new ChangeVotingRules(TRADEOFF, CYCLE, 1, Majority.SIMPLE, null, steering), TRADEOFF);
        verify(sender).send(new CloseTradeoff(TRADEOFF, CYCLE, "Board meets tonight", null, steering), TRADEOFF);
    }

    // ---------------------------------------------------------------- 400

    @Test
    void aPackageNeedsATitleAndAtLeastOneInvestmentOfAPositiveAmount() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/tradeoffs", 400, json(post(BASE), "designer", """
                {"title":"","investments":[]}"""));
        assertThat(body(result)).contains("\"code\":\"validation-failed\"", "\"field\":\"title\"",
                "\"field\":\"investments\"");

        result = perform("POST", "/api/cycles/{cycleId}/tradeoffs", 400, json(post(BASE), "designer", """
                {"title":"T","investments":[{"priorityId":"p","amount":0}],
                 "funding":[{"opportunityId":"o","amount":"1.001"}]}"""));
        assertThat(body(result)).contains("\"field\":\"investments[0].amount\"", "\"field\":\"funding[0].amount\"");
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void aFundingLineWithBothAnOpportunityAndADescriptionIsA400FromTheAggregate() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(DraftTradeoff.class), anyString())).thenThrow(new InvalidField("funding[0]",
                "must name either an opportunityId or a description of other revenue, not both"));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/tradeoffs", 400, json(post(BASE), "designer", """
                {"title":"T","investments":[{"priorityId":"p","amount":1}],
                 "funding":[{"opportunityId":"o","description":"d","amount":1}]}"""));

        assertThat(body(result)).contains("\"field\":\"funding[0]\"");
    }

    @Test
    void votingRulesNeedAQuorumOfAtLeastOneAndAKnownMajority() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);

        MvcResult result = perform("POST", ONE_TEMPLATE + "/submission", 400,
                json(post(ONE + "/submission"), "designer", "{\"quorum\":0,\"majority\":\"SIMPLE\"}"));
        assertThat(body(result)).contains("\"field\":\"quorum\"");
        result = perform("POST", ONE_TEMPLATE + "/submission", 400,
                json(post(ONE + "/submission"), "designer", "{\"quorum\":2,\"majority\":\"UNANIMOUS\"}"));
        assertThat(body(result)).contains("\"field\":\"majority\"", "must be one of SIMPLE, TWO_THIRDS");
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void aVoteIsApproveRejectOrAbstain() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);

        MvcResult result = perform("POST", ONE_TEMPLATE + "/votes", 400,
                json(post(ONE + "/votes"), "steering", "{\"vote\":\"MAYBE\"}"));

        assertThat(body(result)).contains("\"field\":\"vote\"");
    }

    @Test
    void closingNeedsARationale() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);

        MvcResult result = perform("POST", ONE_TEMPLATE + "/closing", 400,
                json(post(ONE + "/closing"), "steering", "{\"rationale\":\"  \"}"));

        assertThat(body(result)).contains("\"field\":\"rationale\"");
    }

    // ---------------------------------------------------------------- 401, 403, 404

    @Test
    void anonymousCallersGet401() throws Exception {
        perform("POST", ONE_TEMPLATE + "/votes", 401,
                post(ONE + "/votes").contentType(MediaType.APPLICATION_JSON).content("{\"vote\":\"APPROVE\"}"));
    }

    @Test
    void aDesignerWhoVotesGets403() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(CastVote.class), eq(TRADEOFF)))
                .thenThrow(new NotPermitted("designer may not vote on tradeoff packages"));

        MvcResult result = perform("POST", ONE_TEMPLATE + "/votes", 403,
                json(post(ONE + "/votes"), "designer", "{\"vote\":\"APPROVE\"}"));

        assertThat(body(result)).contains("\"code\":\"forbidden\"");
    }

    @Test
    void anOutsiderGets403AndSendsNothing() throws Exception {
        when(directory.districtOfCycle(CYCLE)).thenReturn(DISTRICT);
        when(directory.actorIn(eq(DISTRICT), eq("outsider"), anyBoolean())).thenThrow(new NotPermitted("not a member"));

        perform("POST", "/api/cycles/{cycleId}/tradeoffs", 403, json(post(BASE), "outsider", PACKAGE));

        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void anUnknownPackageGets404() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);
        when(sender.send(any(CastVote.class), eq(TRADEOFF)))
                .thenThrow(new AggregateNotFoundException(TRADEOFF, "not found"));

        perform("POST", ONE_TEMPLATE + "/votes", 404, json(post(ONE + "/votes"), "steering", "{\"vote\":\"APPROVE\"}"));
    }

    @Test
    void aPackageOfAnotherCycleGets404() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);
        when(sender.send(any(CloseTradeoff.class), eq(TRADEOFF)))
                .thenThrow(new UnknownItem("No tradeoff package " + TRADEOFF + " in cycle " + CYCLE));

        perform("POST", ONE_TEMPLATE + "/closing", 404,
                json(post(ONE + "/closing"), "steering", "{\"rationale\":\"Done\"}"));
    }

    // ---------------------------------------------------------------- 409, 412

    @Test
    void brokenRulesGet409WithTheirCodes() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);
        for (String code : List.of("tradeoff-not-voting", "not-eligible-voter", "duplicate")) {
            when(sender.send(any(CastVote.class), eq(TRADEOFF))).thenThrow(new ConflictingState(code, "refused"));
            MvcResult result = perform("POST", ONE_TEMPLATE + "/votes", 409,
                    json(post(ONE + "/votes"), "steering", "{\"vote\":\"REJECT\"}"));
            assertThat(body(result)).contains("\"code\":\"" + code + "\"",
                    "\"type\":\"urn:tradeoffs:problem:" + code + "\"");
        }
        for (String code : List.of("tradeoff-not-draft", "priority-not-approved", "opportunity-not-sized",
                "quorum-unreachable")) {
            when(sender.send(any(SubmitTradeoff.class), eq(TRADEOFF))).thenThrow(new ConflictingState(code, "refused"));
            MvcResult result = perform("POST", ONE_TEMPLATE + "/submission", 409,
                    json(post(ONE + "/submission"), "steering", "{\"quorum\":1,\"majority\":\"SIMPLE\"}"));
            assertThat(body(result)).contains("\"code\":\"" + code + "\"");
        }
        when(sender.send(any(ChangeVotingRules.class), eq(TRADEOFF)))
                .thenThrow(new ConflictingState("voting-started", "Voting has started"));
        perform("POST", ONE_TEMPLATE + "/voting-rules", 409,
                json(post(ONE + "/voting-rules"), "steering", "{\"quorum\":1,\"majority\":\"SIMPLE\"}"));
        when(sender.send(any(DraftTradeoff.class), anyString()))
                .thenThrow(new ConflictingState("unknown-linked-item", "No priority p in this cycle"));
        perform("POST", "/api/cycles/{cycleId}/tradeoffs", 409, json(post(BASE), "steering", PACKAGE));
    }

    @Test
    void anOverCommittedOpportunityGets409WithTheNumbers() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);
        when(sender.send(any(CastVote.class), eq(TRADEOFF))).thenThrow(new OverCommitted(BUSES, 1,
                new BigDecimal("760000.00"), new BigDecimal("600000"), new BigDecimal("600000.00")));

        perform("POST", ONE_TEMPLATE + "/votes", 409, json(post(ONE + "/votes"), "steering", "{\"vote\":\"APPROVE\"}"));
        mvc.perform(json(post(ONE + "/votes"), "steering", "{\"vote\":\"APPROVE\"}"))
                .andExpect(jsonPath("$.code").value("over-committed"))
                .andExpect(jsonPath("$.type").value("urn:tradeoffs:problem:over-committed"))
                .andExpect(jsonPath("$.opportunityId").value(BUSES))
                .andExpect(jsonPath("$.number").value(1))
                .andExpect(jsonPath("$.high").value("760000.00"))
                .andExpect(jsonPath("$.committed").value("600000.00"))
                .andExpect(jsonPath("$.available").value("160000.00"))
                .andExpect(jsonPath("$.requested").value("600000.00"));
    }

    @Test
    void aVoteThatLostARaceGets409ConcurrentModification() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);
        when(sender.send(any(CastVote.class), eq(TRADEOFF))).thenThrow(new ConcurrencyException("sequence taken"));

        MvcResult result = perform("POST", ONE_TEMPLATE + "/votes", 409,
                json(post(ONE + "/votes"), "steering", "{\"vote\":\"APPROVE\"}"));

        assertThat(body(result)).contains("\"code\":\"concurrent-modification\"");
    }

    @Test
    void aStaleIfMatchGets412WithTheCurrentETag() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(ReviseTradeoff.class), eq(TRADEOFF))).thenThrow(new StaleVersion(1, 2));

        perform("PUT", ONE_TEMPLATE, 412, json(put(ONE), "designer", PACKAGE).header("If-Match", "\"1\""));
        mvc.perform(json(put(ONE), "designer", PACKAGE).header("If-Match", "\"1\""))
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.currentVersion").value(2));
    }
}
