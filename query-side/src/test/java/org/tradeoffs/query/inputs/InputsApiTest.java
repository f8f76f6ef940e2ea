package org.tradeoffs.query.inputs;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MvcResult;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.query.ApiSliceTest;
import org.tradeoffs.query.inputs.InputView.Consideration;
import org.tradeoffs.query.inputs.InputView.PackageStatus;
import org.tradeoffs.query.inputs.InputsCycle.ItemEntry;
import org.tradeoffs.query.security.SecurityConfig;

/** The stakeholder-input queries with real security and error handling, the read models mocked. */
@WebMvcTest
@Import(SecurityConfig.class)
class InputsApiTest extends ApiSliceTest {

    static final String INPUT = "b7e3d9a1-5c2f-4a8e-8d6b-1f4c7e2a9d58";
    static final String LITERACY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final String TRADEOFF = "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93";

    static final List<String> PATHS = List.of(
            "/api/cycles/{cycleId}/stakeholder-inputs",
            "/api/cycles/{cycleId}/stakeholder-inputs/digest",
            "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}");

    @Test
    void anonymousCallerGetsAnUnauthenticatedProblem() throws Exception {
        expectProblemOnEachPath(PATHS, ANONYMOUS, status().isUnauthorized(), "unauthenticated", CYCLE, INPUT);
        verifyNoInteractions(inputs);
    }

    @Test
    void outsiderCannotReadTheInputsOrDigestOfAnotherDistrictsCycle() throws Exception {
        givenTheCallerIsAnOutsider();

        expectProblemOnEachPath(PATHS, httpBasic("outsider", "demo"), status().isForbidden(), "forbidden",
                CYCLE, INPUT);
        verifyNoInteractions(inputs);
    }

    @Test
    void unknownCycleIsANotFoundProblem() throws Exception {
        givenTheCycleIsUnknown();

        expectProblemOnEachPath(PATHS, httpBasic("auditor", "demo"), status().isNotFound(), "not-found", CYCLE, INPUT);
    }

    @Test
    void memberListsTheInputsWithTheirCorrectionsAndThePackagesConsideringThem() throws Exception {
        givenTheCycleIsReadable();
        when(inputs.inputs(CYCLE)).thenReturn(List.of(correctedInput()));

        MvcResult result = mvc.perform(get(PATHS.get(0), CYCLE).with(httpBasic("analyst", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(INPUT))
                .andExpect(jsonPath("$[0].respondents").value(698))
                .andExpect(jsonPath("$[0].receivedOn").value("2027-04-01"))
                .andExpect(jsonPath("$[0].links[0].title").value("K-5 early literacy coaches"))
                .andExpect(jsonPath("$[0].corrections[0].previous.respondents").value(689))
                .andExpect(jsonPath("$[0].consideredBy[0].status").value("VOTING"))
                .andExpect(jsonPath("$[0].consideredBy[0].outcome").isEmpty())
                .andExpect(jsonPath("$[0].version").value(2))
                .andReturn();
        assertConformsToContract(PATHS.get(0), result);
    }

    @Test
    void memberReadsOneInputWithItsVersionAsTheETag() throws Exception {
        givenTheCycleIsReadable();
        when(inputs.input(INPUT)).thenReturn(Optional.of(correctedInput()));

        MvcResult result = mvc.perform(get(PATHS.get(2), CYCLE, INPUT).with(httpBasic("designer", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.id").value(INPUT))
                .andExpect(jsonPath("$.respondents").value(698))
                .andExpect(jsonPath("$.corrections[0].previous.respondents").value(689))
                .andReturn();
        assertConformsToContract(PATHS.get(2), result);
    }

    @Test
    void anUnknownInputOrOneOfAnotherCycleIsNotFound() throws Exception {
        givenTheCycleIsReadable();
        String otherCycle = "d2b8f4a6-3c5e-4f7a-9b1d-6e8c0a2f4b71";
        when(directory.readableCycle(eq(otherCycle), any())).thenReturn(CYCLE_VIEW);
        when(inputs.input(INPUT)).thenReturn(Optional.of(correctedInput()));
        when(inputs.input(TRADEOFF)).thenReturn(Optional.empty());

        for (Object[] variables : new Object[][]{{otherCycle, INPUT}, {CYCLE, TRADEOFF}}) {
            MvcResult result = mvc.perform(get(PATHS.get(2), variables).with(httpBasic("designer", "demo")))
                    .andExpect(status().isNotFound())
                    .andExpect(problem("not-found"))
                    .andReturn();
            assertConformsToContract(PATHS.get(2), result);
        }
    }

    @Test
    void memberReadsTheDigest() throws Exception {
        InputView input = correctedInput();
        InputsCycle cycle = InputsCycle.empty()
                .withItem(CYCLE, new ItemEntry(InputLink.Kind.PRIORITY, LITERACY, "K-5 early literacy coaches", 20),
                        20, false)
                .withInput(CYCLE, input, input.position(), false);
        givenTheCycleIsReadable();
        when(inputs.digest(CYCLE)).thenReturn(Optional.of(cycle.digest()));

        MvcResult result = mvc.perform(get(PATHS.get(1), CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totals.respondents").value(698))
                .andExpect(jsonPath("$.byGroup[0].group").value("PARENTS"))
                .andExpect(jsonPath("$.byGroup[0].inputs").value(1))
                .andExpect(jsonPath("$.items[0].stances.SUPPORT.respondents").value(698))
                .andExpect(jsonPath("$.items[0].stances.OPPOSE.inputs").value(0))
                .andReturn();
        assertConformsToContract(PATHS.get(1), result);
    }

    @Test
    void cycleWithoutInputsHasAnEmptyDigestAndNoInputs() throws Exception {
        givenTheCycleIsReadable();
        when(inputs.digest(CYCLE)).thenReturn(Optional.empty());
        when(inputs.inputs(CYCLE)).thenReturn(List.of());

        MvcResult digest = mvc.perform(get(PATHS.get(1), CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cycleId").value(CYCLE))
                .andExpect(jsonPath("$.totals.inputs").value(0))
                .andExpect(jsonPath("$.byGroup.length()").value(7))
                .andExpect(jsonPath("$.byChannel.length()").value(6))
                .andReturn();
        assertConformsToContract(PATHS.get(1), digest);
        mvc.perform(get(PATHS.get(0), CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    /** A parent survey of 689, corrected to 698, considered by a package being voted on: version 2. */
    private static InputView correctedInput() {
        InputView.Titles titles = (kind, id) -> "K-5 early literacy coaches";
        List<InputLink> links = List.of(new InputLink(InputLink.Kind.PRIORITY, LITERACY, Stance.SUPPORT));
        InputView view = InputView.recorded(new StakeholderInputRecorded(INPUT, CYCLE, DISTRICT, new InputContent(
                StakeholderGroup.PARENTS, InputChannel.SURVEY, LocalDate.parse("2027-04-01"),
                "Parents want earlier reading support.", 689, links), List.of("early literacy"), "designer"),
                new Stamp(1, 21, OPENED.plusSeconds(21)), titles, List.of());
        view = view.corrected(new StakeholderInputCorrected(INPUT, CYCLE, DISTRICT, new InputContent(
                StakeholderGroup.PARENTS, InputChannel.SURVEY, LocalDate.parse("2027-04-01"),
                "Parents want earlier reading support.", 698, links), "Nine late paper surveys.", "designer"),
                new Stamp(2, 22, OPENED.plusSeconds(22)), titles);
        return view.consideredBy(List.of(new Consideration(TRADEOFF, "Fund early-literacy coaches",
                PackageStatus.VOTING, null)));
    }
}
