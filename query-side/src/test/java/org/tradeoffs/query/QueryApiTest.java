package org.tradeoffs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.query.directory.DistrictSummary;
import org.tradeoffs.query.priorities.PriorityView;
import org.tradeoffs.query.security.Caller;
import org.tradeoffs.query.security.SecurityConfig;
import org.tradeoffs.query.timeline.TimelinePage;

/** The REST surface with real security and error handling, the read models mocked. */
@WebMvcTest
@Import(SecurityConfig.class)
class QueryApiTest extends ApiSliceTest {

    static final String PRIORITY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";

    @Test
    void aBrowserOnAnAllowedOriginMayCallTheApiAndOthersMayNot() throws Exception {
        mvc.perform(options("/api/districts").header("Origin", "http://localhost:5173")
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "http://localhost:5173"));
        mvc.perform(options("/api/districts").header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
        mvc.perform(get("/api/districts").header("Origin", "http://localhost:5173").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "http://localhost:5173"))
                .andExpect(header().string("Access-Control-Expose-Headers", containsString("Retry-After")));
    }

    @Test
    void aViewIsLabelledJsonWhicheverJsonTypeTheClientListsFirst() throws Exception {
        mvc.perform(get("/api/districts").header("Accept", "application/problem+json, application/json")
                        .with(httpBasic("admin", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/json"));
        mvc.perform(get("/api/districts").header("Accept", "application/problem+json, application/json"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", "application/problem+json"));
    }

    @Test
    void anAcceptThatRulesOutJsonGetsANotAcceptableProblem() throws Exception {
        for (String accept : List.of("garbage", "text/html", "application/problem+json", "application/json;q=0")) {
            mvc.perform(get("/api/districts").header("Accept", accept).with(httpBasic("admin", "demo")))
                    .andExpect(status().isNotAcceptable())
                    .andExpect(header().string("Content-Type", "application/problem+json"))
                    .andExpect(problem("not-acceptable"));
        }
    }

    @Test
    void anonymousCallerGetsAnUnauthenticatedProblemWithABasicChallenge() throws Exception {
        MvcResult result = mvc.perform(get("/api/districts"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic")))
                .andExpect(problem("unauthenticated"))
                .andExpect(jsonPath("$.instance").value("/api/districts"))
                .andReturn();
        assertConformsToContract("GET", "/api/districts", result);
    }

    @Test
    void wrongPasswordGetsAnUnauthenticatedProblem() throws Exception {
        mvc.perform(get("/api/districts").with(httpBasic("steering", "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(problem("unauthenticated"));
    }

    @Test
    void demoUserReadsTheirDistrictsAsThemselves() throws Exception {
        when(directory.districtsOf(new Caller("steering", false))).thenReturn(
                List.of(new DistrictSummary(DISTRICT, "Hayward USD", 22272, List.of(Role.STEERING_COMMITTEE))));

        mvc.perform(get("/api/districts").with(httpBasic("steering", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].roles[0]").value("STEERING_COMMITTEE"));
    }

    @Test
    void adminIsRecognisedAsAdmin() throws Exception {
        when(directory.districtsOf(new Caller("admin", true))).thenReturn(
                List.of(new DistrictSummary(DISTRICT, "Hayward USD", 22272, List.of())));

        mvc.perform(get("/api/districts").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(DISTRICT));
    }

    @Test
    void outsiderCannotReadAnotherDistrictsBoard() throws Exception {
        givenTheCallerIsAnOutsider();

        MvcResult result = mvc.perform(get("/api/cycles/{cycleId}/priorities", CYCLE).with(httpBasic("outsider", "demo")))
                .andExpect(status().isForbidden())
                .andExpect(problem("forbidden"))
                .andExpect(jsonPath("$.instance").value("/api/cycles/" + CYCLE + "/priorities"))
                .andReturn();
        assertConformsToContract("GET", "/api/cycles/{cycleId}/priorities", result);
    }

    @Test
    void unknownCycleIsANotFoundProblem() throws Exception {
        givenTheCycleIsUnknown();

        MvcResult result = mvc.perform(get("/api/cycles/{cycleId}/timeline", CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isNotFound())
                .andExpect(problem("not-found"))
                .andReturn();
        assertConformsToContract("GET", "/api/cycles/{cycleId}/timeline", result);
    }

    @Test
    void priorityOfAnotherCycleIsNotFoundThroughThisCycle() throws Exception {
        givenTheCycleIsReadable();
        when(board.priority(PRIORITY)).thenReturn(Optional.of(priority(OTHER_CYCLE, 3)));

        mvc.perform(get("/api/cycles/{cycleId}/priorities/{priorityId}", CYCLE, PRIORITY)
                        .with(httpBasic("auditor", "demo")))
                .andExpect(status().isNotFound())
                .andExpect(problem("not-found"));
    }

    @Test
    void memberReadsAPriorityWithItsVersionAsETag() throws Exception {
        givenTheCycleIsReadable();
        when(board.priority(PRIORITY)).thenReturn(Optional.of(priority(CYCLE, 3)));

        MvcResult result = mvc.perform(get("/api/cycles/{cycleId}/priorities/{priorityId}", CYCLE, PRIORITY)
                        .with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"3\""))
                .andExpect(jsonPath("$.cost.staff").value("1000000.00"))
                .andExpect(jsonPath("$.cost.unallocated").value("0.00"))
                .andExpect(jsonPath("$.estimatedAnnualCost").value("1250000.00"))
                .andExpect(jsonPath("$.proposedAt").value("2027-03-02T10:00:00.123456Z"))
                .andReturn();
        assertConformsToContract("GET", "/api/cycles/{cycleId}/priorities/{priorityId}", result);
    }

    @Test
    void timelineLimitOutsideOneToFiveHundredIsAValidationProblem() throws Exception {
        givenTheCycleIsReadable();

        for (String limit : List.of("0", "501")) {
            MvcResult result = mvc.perform(get("/api/cycles/{cycleId}/timeline", CYCLE).param("limit", limit)
                            .with(httpBasic("auditor", "demo")))
                    .andExpect(status().isBadRequest())
                    .andExpect(problem("validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("limit"))
                    .andReturn();
            assertConformsToContract("GET", "/api/cycles/{cycleId}/timeline", result);
        }
    }

    @Test
    void nonNumericOrNegativeAfterIsAValidationProblem() throws Exception {
        givenTheCycleIsReadable();

        for (String after : List.of("abc", "-1")) {
            MvcResult result = mvc.perform(get("/api/cycles/{cycleId}/timeline", CYCLE).param("after", after)
                            .with(httpBasic("auditor", "demo")))
                    .andExpect(status().isBadRequest())
                    .andExpect(problem("validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("after"))
                    .andReturn();
            assertConformsToContract("GET", "/api/cycles/{cycleId}/timeline", result);
        }
    }

    @Test
    void timelineDefaultsToTheFirstHundredEntries() throws Exception {
        givenTheCycleIsReadable();
        when(timeline.page(CYCLE, 0, 100)).thenReturn(new TimelinePage(CYCLE, List.of(), false));

        MvcResult result = mvc.perform(get("/api/cycles/{cycleId}/timeline", CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hasMore").value(false))
                .andReturn();
        assertConformsToContract("GET", "/api/cycles/{cycleId}/timeline", result);
    }

    @Test
    void unknownPathIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/no-such-thing").with(httpBasic("auditor", "demo")))
                .andExpect(status().isNotFound())
                .andExpect(problem("not-found"));
    }

    @Test
    void writingToTheQuerySideIsAMethodNotAllowedProblem() throws Exception {
        mvc.perform(post("/api/districts").contentType(MediaType.APPLICATION_JSON).content("{}")
                        .with(httpBasic("admin", "demo")))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(problem("method-not-allowed"));
    }

    @Test
    void unexpectedFailureIsAnInternalErrorProblemThatRevealsNothing() throws Exception {
        when(directory.readableCycle(eq(CYCLE), any())).thenThrow(new IllegalStateException("db password is hunter2"));

        MvcResult result = mvc.perform(get("/api/cycles/{cycleId}", CYCLE).with(httpBasic("auditor", "demo")))
                .andExpect(status().isInternalServerError())
                .andExpect(problem("internal-error"))
                .andReturn();
        assertThat(result.getResponse().getContentAsString()).doesNotContain("hunter2", "IllegalStateException");
        assertConformsToContract("GET", "/api/cycles/{cycleId}", result);
    }

    private static PriorityView priority(String cycleId, long version) {
        Instant proposed = Instant.parse("2027-03-02T10:00:00.123456Z");
        return new PriorityView(PRIORITY, cycleId, DISTRICT, "K-5 early literacy coaches", "Coaches.",
                "Weekly coaching raises reading.", Fundability.ACTION,
                new PriorityView.Cost("1000000.00", "200000.00", "50000.00", "0.00"), "1250000.00", null,
                PriorityView.Status.PROPOSED, "designer", proposed, null, null, version, 19, proposed);
    }
}
