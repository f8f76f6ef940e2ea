package org.tradeoffs.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.contract.Examples.JSON;
import static org.tradeoffs.contract.Examples.approvedPriority;
import static org.tradeoffs.contract.Examples.cycleView;
import static org.tradeoffs.contract.Examples.problem;
import static org.tradeoffs.contract.Examples.proposedPriority;

class ResponseValidationTest {

    private static final String PRIORITIES = "/api/cycles/{cycleId}/priorities";
    private static final String PRIORITY = "/api/cycles/{cycleId}/priorities/{priorityId}";

    private final Contract contract = Contract.load();

    @Test
    void acceptsAListOfPriorityViewsForTheListEndpoint() {
        ArrayNode list = JSON.createArrayNode().add(proposedPriority()).add(approvedPriority());

        assertThat(contract.validateResponse("GET", PRIORITIES, 200, "application/json", list.toString())).isEmpty();
        assertThat(contract.validateResponse("GET", PRIORITIES, 200, "application/json", "[]")).isEmpty();
    }

    @Test
    void pointsAtTheBrokenItemOfAList() {
        ArrayNode list = JSON.createArrayNode().add(proposedPriority()).add(approvedPriority().put("status", "DONE"));

        assertThat(contract.validateResponse("GET", PRIORITIES, 200, "application/json", list.toString()))
                .anySatisfy(m -> assertThat(m).contains("$[1].status"));
    }

    @Test
    void rejectsASingleViewWhereTheContractPromisesAList() {
        assertThat(contract.validateResponse("GET", PRIORITIES, 200, "application/json",
                proposedPriority().toString())).isNotEmpty();
    }

    @Test
    void acceptsAPriorityViewWithACharsetInItsContentType() {
        assertThat(contract.validateResponse("get", PRIORITY, 200, "application/json;charset=UTF-8",
                proposedPriority().toString())).isEmpty();
    }

    @Test
    void acceptsAWriteReceiptForAProposal() {
        String receipt = """
                {"id": "%s", "version": 1, "position": 12}""".formatted(Examples.PRIORITY_ID);

        assertThat(contract.validateResponse("POST", PRIORITIES, 201, "application/json", receipt)).isEmpty();
    }

    @Test
    void acceptsAProblemForADocumentedErrorStatus() {
        assertThat(contract.validateResponse("PUT", PRIORITY, 412, "application/problem+json",
                problem("stale-version", 412).toString())).isEmpty();
        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}", 404, "application/problem+json",
                problem("not-found", 404).toString())).isEmpty();
    }

    @Test
    void rejectsAProblemSentAsPlainJson() {
        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}", 404, "application/json",
                problem("not-found", 404).toString()))
                .singleElement().asString().contains("application/json").contains("not documented");
    }

    @Test
    void rejectsAStatusTheOperationDoesNotDocument() {
        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}", 412, "application/problem+json",
                problem("stale-version", 412).toString()))
                .singleElement().asString().contains("status 412 is not documented");
    }

    @Test
    void rejectsAnOperationTheContractDoesNotHave() {
        assertThat(contract.validateResponse("DELETE", PRIORITY, 200, "application/json", "{}"))
                .singleElement().asString().contains("no operation DELETE " + PRIORITY);
        assertThat(contract.validateResponse("GET", "/api/priorities", 200, "application/json", "[]"))
                .singleElement().asString().contains("no operation");
    }

    @Test
    void rejectsACycleListWhoseItemLacksItsOpeningTime() {
        ArrayNode list = JSON.createArrayNode().add(cycleView()).add(cycleView().without("openedAt"));

        assertThat(contract.validateResponse("GET", "/api/districts/{districtId}/cycles", 200, "application/json",
                list.toString())).singleElement().asString().contains("$[1]").contains("openedAt");
    }
}
