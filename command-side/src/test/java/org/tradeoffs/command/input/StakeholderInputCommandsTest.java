package org.tradeoffs.command.input;

import org.junit.jupiter.api.Test;
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
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.StaleVersion;
import org.tradeoffs.command.common.Today;
import org.tradeoffs.command.common.UnknownItem;

import org.tradeoffs.command.security.SecurityConfiguration;

import org.tradeoffs.command.web.ReadLinks;
import org.tradeoffs.command.web.WriteReceipt;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.events.input.StakeholderGroup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(StakeholderInputCommands.class)
@Import({SecurityConfiguration.class, ReadLinks.class, Today.class, StakeholderInputCommandsTest.FixedClock.class})
class StakeholderInputCommandsTest extends CommandSliceTest {

    private static final String INPUT = "3e8b1f2a-9c4d-4e6f-a1b2-c3d4e5f6a7b8";
    private static final String PRIORITY = "9a7e4c11-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String BASE = "/api/cycles/" + CYCLE + "/stakeholder-inputs";
    private static final String ONE = BASE + "/" + INPUT;
    private static final String SURVEY = """
            {"group":"PARENTS","channel":"SURVEY","receivedOn":"2027-03-15","summary":"  Protect early literacy  ",
             "respondents":689,
             "links":[{"kind":"PRIORITY","id":"%s","stance":"SUPPORT"},{"kind":"PRIORITY","id":"%s","stance":"SUPPORT"}],
             "themes":["early literacy"]}""".formatted(PRIORITY, PRIORITY);

    /** 2027-03-15 in Los Angeles (the default zone of "today"). */
    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2027-03-15T18:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Test
    void recordingAnswers201WithItsLocationVersionAndTheContentTrimmed() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(RecordStakeholderInput.class), anyString()))
                .thenAnswer(call -> new WriteReceipt(call.getArgument(1), 1, 120L));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs", 201,
                json(post(BASE), "designer", SURVEY));

        ArgumentCaptor<RecordStakeholderInput> sent = ArgumentCaptor.forClass(RecordStakeholderInput.class);
        verify(sender).send(sent.capture(), anyString());
        RecordStakeholderInput command = sent.getValue();
        assertThat(command.content()).isEqualTo(new InputContent(StakeholderGroup.PARENTS, InputChannel.SURVEY,
                LocalDate.parse("2027-03-15"), "Protect early literacy", 689,
                List.of(new InputLink(InputLink.Kind.PRIORITY, PRIORITY, Stance.SUPPORT))));
        assertThat(command.themes()).containsExactly("early literacy");
        assertThat(command.districtId()).isEqualTo(DISTRICT);
        assertThat(result.getResponse().getHeader("Location"))
                .isEqualTo("http://localhost:8082" + BASE + "/" + command.inputId());
        assertThat(result.getResponse().getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(body(result)).isEqualTo("{\"id\":\"" + command.inputId() + "\",\"version\":1,\"position\":120}");
    }

    @Test
    void inputReceivedAfterTodayIsA400AndSendsNothing() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs", 400,
                json(post(BASE), "designer", SURVEY.replace("2027-03-15", "2027-03-16")));

        assertThat(body(result)).contains("\"code\":\"validation-failed\"", "\"field\":\"receivedOn\"", "2027-03-15");
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void badFieldsGet400WithEveryFieldError() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs", 400, json(post(BASE), "designer", """
                {"group":"PARENTS","channel":"CARRIER_PIGEON","receivedOn":"2027-03-01","summary":"x","respondents":1}"""));
        assertThat(body(result)).contains("\"field\":\"channel\"", "must be one of SURVEY");

        result = perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs", 400, json(post(BASE), "designer", """
                {"group":"PARENTS","channel":"SURVEY","receivedOn":"2027-03-01","summary":" ","respondents":0,
                 "links":[{"kind":"PRIORITY","id":"","stance":"SUPPORT"}],"themes":["%s"]}""".formatted("t".repeat(61))));
        assertThat(body(result)).contains("\"field\":\"summary\"", "\"field\":\"respondents\"",
                "\"field\":\"links[0].id\"", "\"field\":\"themes[0]\"");
        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void aLinkToAnItemOfAnotherCycleGets409() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(RecordStakeholderInput.class), anyString()))
                .thenThrow(new ConflictingState("unknown-linked-item", "No priority " + PRIORITY + " in this cycle"));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs", 409,
                json(post(BASE), "designer", SURVEY));

        assertThat(body(result)).contains("\"code\":\"unknown-linked-item\"");
    }

    @Test
    void aCorrectionCarriesTheReasonAndTheIfMatchVersion() throws Exception {
        isMember("steering", Role.STEERING_COMMITTEE);
        when(sender.send(any(CorrectStakeholderInput.class), eq(INPUT))).thenReturn(new WriteReceipt(INPUT, 3, 130L));

        MvcResult result = perform("PUT", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}", 200,
                json(put(ONE), "steering", """
                        {"group":"PARENTS","channel":"SURVEY","receivedOn":"2027-03-01","summary":"Recounted",
                         "respondents":1165,"reason":" Late submissions "}""").header("If-Match", "\"2\""));

        assertThat(result.getResponse().getHeader("ETag")).isEqualTo("\"3\"");
        ArgumentCaptor<CorrectStakeholderInput> sent = ArgumentCaptor.forClass(CorrectStakeholderInput.class);
        verify(sender).send(sent.capture(), eq(INPUT));
        assertThat(sent.getValue().reason()).isEqualTo("Late submissions");
        assertThat(sent.getValue().expectedVersion()).isEqualTo(2L);
        assertThat(sent.getValue().content().links()).isEmpty();
    }

    @Test
    void aCorrectionNeedsAReason() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);

        MvcResult result = perform("PUT", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}", 400,
                json(put(ONE), "designer", """
                        {"group":"PARENTS","channel":"SURVEY","receivedOn":"2027-03-01","summary":"x","respondents":1}"""));

        assertThat(body(result)).contains("\"field\":\"reason\"");
    }

    @Test
    void anIdenticalCorrectionGets409Duplicate() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(CorrectStakeholderInput.class), eq(INPUT)))
                .thenThrow(new ConflictingState("duplicate", "The input already says exactly this"));

        MvcResult result = perform("PUT", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}", 409,
                json(put(ONE), "designer", """
                        {"group":"PARENTS","channel":"SURVEY","receivedOn":"2027-03-01","summary":"x","respondents":1,
                         "reason":"again"}"""));

        assertThat(body(result)).contains("\"code\":\"duplicate\"");
    }

    @Test
    void taggingAnswersTheInputsNewVersion() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(TagStakeholderInput.class), eq(INPUT))).thenReturn(new WriteReceipt(INPUT, 2, 125L));

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}/themes", 200,
                json(post(ONE + "/themes"), "designer", "{\"themes\":[\"class size\",\"Transportation\"]}"));

        assertThat(body(result)).isEqualTo("{\"id\":\"" + INPUT + "\",\"version\":2,\"position\":125}");
        verify(sender).send(new TagStakeholderInput(INPUT, CYCLE, List.of("class size", "Transportation"), null,
                new Actor("designer", false, Set.of(Role.DESIGN_TEAM))), INPUT);
    }

    @Test
    void taggingNeedsAtLeastOneTheme() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);

        MvcResult result = perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}/themes", 400,
                json(post(ONE + "/themes"), "designer", "{\"themes\":[]}"));

        assertThat(body(result)).contains("\"field\":\"themes\"");
    }

    @Test
    void anAuditorGets403() throws Exception {
        isMember("auditor", Role.AUDITOR);
        when(sender.send(any(TagStakeholderInput.class), eq(INPUT)))
                .thenThrow(new NotPermitted("auditor may not tag stakeholder input"));

        perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}/themes", 403,
                json(post(ONE + "/themes"), "auditor", "{\"themes\":[\"class size\"]}"));
    }

    @Test
    void anOutsiderGets403AndSendsNothing() throws Exception {
        when(directory.districtOfCycle(CYCLE)).thenReturn(DISTRICT);
        when(directory.actorIn(eq(DISTRICT), eq("outsider"), anyBoolean())).thenThrow(new NotPermitted("not a member"));

        perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs", 403, json(post(BASE), "outsider", SURVEY));

        verify(sender, never()).send(any(), anyString());
    }

    @Test
    void anUnknownCycleGets404() throws Exception {
        when(directory.districtOfCycle(CYCLE)).thenThrow(new UnknownItem("No planning cycle " + CYCLE));

        perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs", 404, json(post(BASE), "designer", SURVEY));
    }

    @Test
    void anonymousCallersGet401() throws Exception {
        perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs", 401,
                post(BASE).contentType(MediaType.APPLICATION_JSON).content(SURVEY));
    }

    @Test
    void aStaleIfMatchGets412WithTheCurrentETag() throws Exception {
        isMember("designer", Role.DESIGN_TEAM);
        when(sender.send(any(TagStakeholderInput.class), eq(INPUT))).thenThrow(new StaleVersion(1, 3));

        perform("POST", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}/themes", 412,
                json(post(ONE + "/themes"), "designer", "{\"themes\":[\"class size\"]}").header("If-Match", "\"1\""));
        mvc.perform(json(post(ONE + "/themes"), "designer", "{\"themes\":[\"class size\"]}").header("If-Match", "\"1\""))
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.code").value("stale-version"))
                .andExpect(jsonPath("$.title").value("Stale version"));
    }
}
