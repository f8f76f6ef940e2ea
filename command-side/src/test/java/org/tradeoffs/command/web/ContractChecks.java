package org.tradeoffs.command.web;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.tradeoffs.contract.Contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Slice tests' check that every answer is what the frontend contract documents for its operation. */
public final class ContractChecks {

    private static final Contract CONTRACT = Contract.load();

    private ContractChecks() {
    }

    /** Performs the request, expects the status, and validates the answer against openapi.yaml. */
    public static MvcResult perform(MockMvc mvc, String method, String template, int status, RequestBuilder request)
            throws Exception {
        MvcResult result = mvc.perform(request).andExpect(status().is(status)).andReturn();
        String contentType = result.getResponse().getContentType();
        String body = result.getResponse().getContentAsString();
        assertThat(CONTRACT.validateResponse(method, template, status, contentType, body)).as(body).isEmpty();
        assertThat(contentType).startsWith(status < 400 ? "application/json" : "application/problem+json");
        return result;
    }

    /** Validates an answer received over real HTTP against openapi.yaml. */
    public static void conforms(String method, String template, int status, String body) {
        String contentType = status < 400 ? "application/json" : "application/problem+json";
        assertThat(CONTRACT.validateResponse(method, template, status, contentType, body)).as(body).isEmpty();
    }
}
