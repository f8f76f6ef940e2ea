package org.tradeoffs.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.contract.Examples.JSON;
import static org.tradeoffs.contract.Examples.analysedOpportunity;
import static org.tradeoffs.contract.Examples.analysedOpportunitySummary;
import static org.tradeoffs.contract.Examples.approvedPriority;
import static org.tradeoffs.contract.Examples.approvedTradeoff;
import static org.tradeoffs.contract.Examples.balance;
import static org.tradeoffs.contract.Examples.correctedInput;
import static org.tradeoffs.contract.Examples.cycleView;
import static org.tradeoffs.contract.Examples.draftedTradeoff;
import static org.tradeoffs.contract.Examples.inputDigest;
import static org.tradeoffs.contract.Examples.listedOpportunity;
import static org.tradeoffs.contract.Examples.listedOpportunitySummary;
import static org.tradeoffs.contract.Examples.overCommitted;
import static org.tradeoffs.contract.Examples.problem;
import static org.tradeoffs.contract.Examples.proposedPriority;
import static org.tradeoffs.contract.Examples.recordedInput;
import static org.tradeoffs.contract.Examples.savingsPipeline;
import static org.tradeoffs.contract.Examples.votingTradeoff;

class ResponseValidationTest {

    private static final String PRIORITIES = "/api/cycles/{cycleId}/priorities";
    private static final String PRIORITY = "/api/cycles/{cycleId}/priorities/{priorityId}";
    private static final String OPPORTUNITIES = "/api/cycles/{cycleId}/opportunities";
    private static final String OPPORTUNITY = OPPORTUNITIES + "/{opportunityId}";
    private static final String INPUTS = "/api/cycles/{cycleId}/stakeholder-inputs";
    private static final String INPUT = INPUTS + "/{inputId}";
    private static final String TRADEOFFS = "/api/cycles/{cycleId}/tradeoffs";
    private static final String TRADEOFF = TRADEOFFS + "/{tradeoffId}";
    private static final String DECISIONS = "/api/cycles/{cycleId}/decisions";
    private static final String RECEIPT = """
            {"id": "%s", "version": 2, "position": 40}""".formatted(Examples.OPPORTUNITY_ID);
    private static final String SIZING_RECEIPT = """
            {"id": "%s", "version": 6, "position": 117, "low": "380000.00", "high": "760000.00"}"""
            .formatted(Examples.SIZING_ID);

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
    void acceptsAListOfOpportunitySummariesAndRejectsDetailsInIt() {
        ArrayNode summaries = JSON.createArrayNode().add(analysedOpportunitySummary())
                .add(listedOpportunitySummary().put("number", 2));
        ArrayNode details = JSON.createArrayNode().add(listedOpportunity());

        assertThat(contract.validateResponse("GET", OPPORTUNITIES, 200, "application/json", summaries.toString()))
                .isEmpty();
        assertThat(contract.validateResponse("GET", OPPORTUNITIES, 200, "application/json", details.toString()))
                .isNotEmpty().allSatisfy(m -> assertThat(m).startsWith("$[0]"));
    }

    @Test
    void acceptsAnOpportunityDetailAndASavingsPipeline() {
        assertThat(contract.validateResponse("GET", OPPORTUNITY, 200, "application/json",
                analysedOpportunity().toString())).isEmpty();
        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}/savings-pipeline", 200, "application/json",
                savingsPipeline().toString())).isEmpty();
        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}/savings-pipeline", 200, "application/json",
                analysedOpportunity().toString())).isNotEmpty();
    }

    @Test
    void acceptsAWriteReceiptWithTheDocumentedStatusOfEverySavingsWrite() {
        for (String created : List.of("", "/{opportunityId}/budget-lines", "/{opportunityId}/cost-drivers",
                "/{opportunityId}/constraints", "/{opportunityId}/milestones", "/{opportunityId}/captures")) {
            String path = OPPORTUNITIES + created;
            assertThat(contract.validateResponse("POST", path, 201, "application/json", RECEIPT)).as(path).isEmpty();
            assertThat(contract.validateResponse("POST", path, 200, "application/json", RECEIPT)).as(path)
                    .singleElement().asString().contains("status 200 is not documented");
        }
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/screening", 200, "application/json", RECEIPT))
                .isEmpty();
        assertThat(contract.validateResponse("PUT", OPPORTUNITY + "/owner", 200, "application/json", RECEIPT))
                .isEmpty();
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/milestones/{milestoneId}/completion", 200,
                "application/json", RECEIPT)).isEmpty();
    }

    @Test
    void acceptsTheComputedSavingsOnlyInASizingReceipt() {
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/sizings", 201, "application/json",
                SIZING_RECEIPT)).isEmpty();
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/sizings", 201, "application/json", RECEIPT))
                .hasSize(2);
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/budget-lines", 201, "application/json",
                SIZING_RECEIPT)).hasSize(2).allSatisfy(m -> assertThat(m).containsAnyOf("low", "high"));
    }

    @Test
    void acceptsTheProblemsOfTheSavingsRules() {
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/sizings", 409, "application/problem+json",
                problem("opportunity-screened-out", 409).toString())).isEmpty();
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/cost-drivers", 409, "application/problem+json",
                problem("unknown-budget-line", 409).toString())).isEmpty();
        assertThat(contract.validateResponse("PUT", OPPORTUNITY + "/owner", 409, "application/problem+json",
                problem("owner-not-a-member", 409).toString())).isEmpty();
        assertThat(contract.validateResponse("PUT", OPPORTUNITY + "/owner", 409, "application/problem+json",
                problem("owner-read-only", 409).toString())).isEmpty();
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/screening", 412, "application/problem+json",
                problem("stale-version", 412).toString())).isEmpty();
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/milestones/{milestoneId}/completion", 404,
                "application/problem+json", problem("not-found", 404).toString())).isEmpty();
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/captures", 403, "application/problem+json",
                problem("forbidden", 403).toString())).isEmpty();
        assertThat(contract.validateResponse("POST", OPPORTUNITY + "/sizings", 409, "application/problem+json",
                problem("opportunity-screened-out", 400).toString())).isNotEmpty();
    }

    @Test
    void rejectsAPreconditionRequiredOnAnOpportunityWriteBecauseIfMatchIsOptionalThere() {
        assertThat(contract.validateResponse("PUT", OPPORTUNITY + "/owner", 428, "application/problem+json",
                problem("precondition-required", 428).toString()))
                .singleElement().asString().contains("status 428 is not documented");
    }

    @Test
    void rejectsACycleListWhoseItemLacksItsOpeningTime() {
        ArrayNode list = JSON.createArrayNode().add(cycleView()).add(cycleView().without("openedAt"));

        assertThat(contract.validateResponse("GET", "/api/districts/{districtId}/cycles", 200, "application/json",
                list.toString())).singleElement().asString().contains("$[1]").contains("openedAt");
    }

    @Test
    void acceptsAWriteReceiptWithTheDocumentedStatusOfEveryInputAndTradeoffWrite() {
        for (String created : List.of(INPUTS, TRADEOFFS)) {
            assertThat(contract.validateResponse("POST", created, 201, "application/json", RECEIPT)).as(created)
                    .isEmpty();
            assertThat(contract.validateResponse("POST", created, 200, "application/json", RECEIPT)).as(created)
                    .singleElement().asString().contains("status 200 is not documented");
        }
        for (String[] write : new String[][] {{"PUT", INPUT}, {"POST", INPUT + "/themes"}, {"PUT", TRADEOFF},
                {"POST", TRADEOFF + "/submission"}, {"POST", TRADEOFF + "/voting-rules"}, {"POST", TRADEOFF + "/votes"},
                {"POST", TRADEOFF + "/closing"}}) {
            String name = write[0] + " " + write[1];
            assertThat(contract.validateResponse(write[0], write[1], 200, "application/json", RECEIPT)).as(name)
                    .isEmpty();
            assertThat(contract.validateResponse(write[0], write[1], 201, "application/json", RECEIPT)).as(name)
                    .singleElement().asString().contains("status 201 is not documented");
            assertThat(contract.validateResponse(write[0], write[1], 200, "application/json", SIZING_RECEIPT)).as(name)
                    .hasSize(2);
        }
    }

    @Test
    void acceptsTheProblemsOfTheTradeoffRules() {
        assertThat(contract.validateResponse("POST", INPUTS, 409, "application/problem+json",
                problem("unknown-linked-item", 409).toString())).isEmpty();
        assertThat(contract.validateResponse("PUT", INPUT, 409, "application/problem+json",
                problem("duplicate", 409).toString())).isEmpty();
        assertThat(contract.validateResponse("PUT", TRADEOFF, 409, "application/problem+json",
                problem("tradeoff-not-draft", 409).toString())).isEmpty();
        for (String path : List.of(TRADEOFF + "/submission", TRADEOFF + "/votes", TRADEOFF + "/closing")) {
            assertThat(contract.validateResponse("POST", path, 409, "application/problem+json",
                    overCommitted().toString())).as(path).isEmpty();
            assertThat(contract.validateResponse("POST", path, 409, "application/problem+json",
                    overCommitted().without("available").toString())).as(path)
                    .singleElement().asString().contains("available");
        }
        assertThat(contract.validateResponse("POST", TRADEOFF + "/votes", 409, "application/problem+json",
                problem("not-eligible-voter", 409).toString())).isEmpty();
        assertThat(contract.validateResponse("POST", TRADEOFF + "/votes", 403, "application/problem+json",
                problem("forbidden", 403).toString())).isEmpty();
        assertThat(contract.validateResponse("POST", TRADEOFF + "/voting-rules", 412, "application/problem+json",
                problem("stale-version", 412).toString())).isEmpty();
        assertThat(contract.validateResponse("POST", TRADEOFF + "/closing", 409, "application/problem+json",
                problem("tradeoff-not-voting", 412).toString())).isNotEmpty();
    }

    @Test
    void rejectsAPreconditionRequiredOnAnInputOrTradeoffWriteBecauseIfMatchIsOptionalThere() {
        for (String[] write : new String[][] {{"PUT", INPUT}, {"PUT", TRADEOFF}, {"POST", TRADEOFF + "/votes"}}) {
            assertThat(contract.validateResponse(write[0], write[1], 428, "application/problem+json",
                    problem("precondition-required", 428).toString())).as(write[1])
                    .singleElement().asString().contains("status 428 is not documented");
        }
        assertThat(contract.validateResponse("POST", TRADEOFFS, 412, "application/problem+json",
                problem("stale-version", 412).toString()))
                .singleElement().asString().contains("status 412 is not documented");
    }

    @Test
    void acceptsTheInputListAndDigestAndRejectsOneWhereTheOtherIsExpected() {
        ArrayNode inputs = JSON.createArrayNode().add(correctedInput()).add(recordedInput());

        assertThat(contract.validateResponse("GET", INPUTS, 200, "application/json", inputs.toString())).isEmpty();
        assertThat(contract.validateResponse("GET", INPUTS + "/digest", 200, "application/json",
                inputDigest().toString())).isEmpty();
        assertThat(contract.validateResponse("GET", INPUTS, 200, "application/json", inputDigest().toString()))
                .isNotEmpty();
        assertThat(contract.validateResponse("GET", INPUTS + "/digest", 200, "application/json", inputs.toString()))
                .isNotEmpty();
    }

    @Test
    void acceptsTheTradeoffListAPackageAndTheBalance() {
        ArrayNode list = JSON.createArrayNode().add(draftedTradeoff()).add(approvedTradeoff());

        assertThat(contract.validateResponse("GET", TRADEOFFS, 200, "application/json", list.toString())).isEmpty();
        assertThat(contract.validateResponse("GET", TRADEOFF, 200, "application/json",
                votingTradeoff().toString())).isEmpty();
        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}/balance", 200, "application/json",
                balance().toString())).isEmpty();
        assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}/balance", 200, "application/json",
                savingsPipeline().toString())).isNotEmpty();
        assertThat(contract.validateResponse("GET", TRADEOFF, 200, "application/json", list.toString()))
                .isNotEmpty();
    }

    @Test
    void acceptsOnlyPackagesThatLeftDraftInTheDecisionHistory() {
        ArrayNode history = JSON.createArrayNode().add(approvedTradeoff()).add(votingTradeoff());
        ArrayNode withDraft = history.deepCopy().add(draftedTradeoff());

        assertThat(contract.validateResponse("GET", DECISIONS, 200, "application/json", history.toString())).isEmpty();
        assertThat(contract.validateResponse("GET", DECISIONS, 200, "application/json", withDraft.toString()))
                .singleElement().asString().contains("$[2].status");
        assertThat(contract.validateResponse("GET", DECISIONS, 200, "application/json",
                JSON.createArrayNode().add(approvedTradeoff().put("status", "CLOSED")).toString()))
                .anySatisfy(m -> assertThat(m).contains("$[0].status"));
    }
}
