package org.tradeoffs.query;

import java.time.Duration;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.tradeoffs.query.consistency.ProjectionProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.query.asof.AsOf;
import org.tradeoffs.query.asof.AsOfReads;
import org.tradeoffs.query.directory.CycleView;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.inputs.InputsRepository;
import org.tradeoffs.query.priorities.PriorityBoardRepository;
import org.tradeoffs.query.problem.ForbiddenException;
import org.tradeoffs.query.problem.NotFoundException;
import org.tradeoffs.query.readmodel.ReadModels;
import org.tradeoffs.query.savings.SavingsRepository;
import org.tradeoffs.query.timeline.TimelineRepository;
import org.tradeoffs.query.tradeoffs.TradeoffsRepository;

/**
 * What every {@code @WebMvcTest} of the REST surface shares: the read models mocked, one district and cycle, and
 * the problem and contract checks. The concrete classes carry {@code @WebMvcTest} and {@code @Import} themselves;
 * the controllers read today's views through a real {@link AsOfReads} over the mocks (as-of reads have their own
 * tests on a real store).
 */
@Import(ApiSliceTest.Reads.class)
public abstract class ApiSliceTest {

    protected static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    protected static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    protected static final String OTHER_CYCLE = "5f0e6a2b-8c3d-4e1f-9a7b-2d4c6e8f0a13";
    protected static final Instant OPENED = Instant.parse("2027-03-01T16:20:00Z");
    protected static final CycleView CYCLE_VIEW = new CycleView(CYCLE, DISTRICT, "SY 2027-28", "steering", OPENED, 7);

    /** Sends the request without credentials. */
    protected static final RequestPostProcessor ANONYMOUS = request -> request;

    @Autowired
    protected MockMvc mvc;

    @MockitoBean
    protected Directory directory;
    @MockitoBean
    protected PriorityBoardRepository board;
    @MockitoBean
    protected TimelineRepository timeline;
    @MockitoBean
    protected SavingsRepository savings;
    @MockitoBean
    protected InputsRepository inputs;
    @MockitoBean
    protected TradeoffsRepository tradeoffs;
    @MockitoBean
    protected AsOf asOf;

    @TestConfiguration
    static class Reads {

        @Bean
        ReadModels liveReadModels(PriorityBoardRepository board, TimelineRepository timeline,
                SavingsRepository savings, InputsRepository inputs, TradeoffsRepository tradeoffs) {
            return new ReadModels(null, board, timeline, savings, inputs, tradeoffs);
        }

        @Bean
        AsOfReads asOfReads(ReadModels liveReadModels, Directory directory, AsOf asOf) {
            // no processors in a slice: nothing to wait for
            return new AsOfReads(liveReadModels, directory, asOf,
                    new StaticListableBeanFactory().getBeanProvider(ProjectionProgress.class), Duration.ZERO,
                    Duration.ofMillis(10));
        }
    }

    protected void givenTheCycleIsReadable() {
        when(directory.readableCycle(eq(CYCLE), any())).thenReturn(CYCLE_VIEW);
    }

    protected void givenTheCallerIsAnOutsider() {
        when(directory.readableCycle(eq(CYCLE), any()))
                .thenThrow(new ForbiddenException("You are not a member of district " + DISTRICT));
    }

    protected void givenTheCycleIsUnknown() {
        when(directory.readableCycle(eq(CYCLE), any())).thenThrow(new NotFoundException("No planning cycle " + CYCLE));
    }

    /** GETs each path as {@code caller} and expects {@code status}, a {@code code} problem, and the contract kept. */
    protected void expectProblemOnEachPath(List<String> paths, RequestPostProcessor caller, ResultMatcher status,
            String code, Object... uriVariables) throws Exception {
        for (String path : paths) {
            MvcResult result = mvc.perform(get(path, uriVariables).with(caller))
                    .andExpect(status)
                    .andExpect(problem(code))
                    .andReturn();
            assertConformsToContract(path, result);
        }
    }

    /** A problem response with our code, its URN type, and the response status repeated in the body. */
    protected static ResultMatcher problem(String code) {
        return result -> {
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.code").value(code).match(result);
            jsonPath("$.type").value("urn:tradeoffs:problem:" + code).match(result);
            jsonPath("$.status").value(result.getResponse().getStatus()).match(result);
        };
    }

    protected static void assertConformsToContract(String path, MvcResult result) throws Exception {
        assertConformsToContract("GET", path, result);
    }

    protected static void assertConformsToContract(String method, String path, MvcResult result) throws Exception {
        assertThat(Contract.load().validateResponse(method, path, result.getResponse().getStatus(),
                result.getResponse().getContentType(), result.getResponse().getContentAsString())).isEmpty();
    }
}
