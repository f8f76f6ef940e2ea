package org.tradeoffs.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.contract.Examples.JSON;
import static org.tradeoffs.contract.Examples.approvedPriority;
import static org.tradeoffs.contract.Examples.parse;
import static org.tradeoffs.contract.Examples.priorityRequest;
import static org.tradeoffs.contract.Examples.problem;
import static org.tradeoffs.contract.Examples.proposedPriority;
import static org.tradeoffs.contract.Examples.timelineEntry;

class SchemaValidationTest {

    private final Contract contract = Contract.load();

    private List<String> validate(String schema, Object payload) {
        return contract.validate(schema, payload.toString());
    }

    @Test
    void acceptsAProposedAndAnApprovedPriorityView() {
        assertThat(validate("priority-view", proposedPriority())).isEmpty();
        assertThat(validate("priority-view", approvedPriority())).isEmpty();
    }

    @Test
    void rejectsAPriorityViewWithoutItsStatus() {
        ObjectNode view = proposedPriority();
        view.remove("status");

        assertThat(validate("priority-view", view)).singleElement().asString().contains("status");
    }

    @Test
    void rejectsAPriorityViewThatLeavesOutANullableField() {
        ObjectNode view = proposedPriority();
        view.remove("lcapGoal");

        assertThat(validate("priority-view", view)).singleElement().asString().contains("lcapGoal");
    }

    @Test
    void rejectsAPriorityStatusOutsideTheAgreedEnum() {
        ObjectNode view = proposedPriority().put("status", "DRAFT");

        assertThat(validate("priority-view", view)).anySatisfy(m -> assertThat(m).contains("$.status"));
    }

    @Test
    void rejectsAPriorityViewWithAPropertyTheContractDoesNotName() {
        ObjectNode view = proposedPriority().put("owner", "designer");

        assertThat(validate("priority-view", view)).singleElement().asString().contains("owner");
    }

    @Test
    void rejectsAnAmountEmittedAsANumberInAView() {
        ObjectNode view = proposedPriority().put("estimatedAnnualCost", 1250000.00);

        assertThat(validate("priority-view", view)).singleElement().asString().contains("estimatedAnnualCost");
    }

    @Test
    void rejectsAnAmountInScientificNotationInAView() {
        ObjectNode view = proposedPriority().put("estimatedAnnualCost", "1.25E+6");

        assertThat(validate("priority-view", view)).singleElement().asString().contains("estimatedAnnualCost");
    }

    @Test
    void rejectsAnApprovedPriorityWithoutItsDecision() {
        ObjectNode view = approvedPriority().putNull("decision");

        assertThat(validate("priority-view", view)).isNotEmpty();
    }

    @Test
    void rejectsAReopenedPriorityThatStillCarriesItsDecision() {
        ObjectNode view = approvedPriority().put("status", "PROPOSED");

        assertThat(validate("priority-view", view)).isNotEmpty();
    }

    @Test
    void rejectsIdsThatAreNotUuidsAndInstantsThatAreNotIso8601() {
        assertThat(validate("priority-view", proposedPriority().put("id", "p-1")))
                .singleElement().asString().contains("$.id");
        assertThat(validate("priority-view", proposedPriority().put("proposedAt", "02/03/2027 10:00")))
                .singleElement().asString().contains("$.proposedAt");
        assertThat(validate("priority-view", proposedPriority().put("proposedAt", 1_803_981_600_000L)))
                .singleElement().asString().contains("$.proposedAt");
    }

    @Test
    void acceptsARequestAmountAsANumberOrAString() {
        assertThat(validate("priority-request", priorityRequest())).isEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", "1250000.00"))).isEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", 0.07))).isEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", 1250000))).isEmpty();
    }

    @Test
    void rejectsARequestAmountThatIsNegativeOrHasMoreThanTwoDecimals() {
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", -1))).isNotEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", "-1.00"))).isNotEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", 10.005))).isNotEmpty();
        assertThat(validate("priority-request", priorityRequest().put("estimatedAnnualCost", "10.005"))).isNotEmpty();
    }

    @Test
    void rejectsABlankTitleAndAnUnknownFundability() {
        assertThat(validate("priority-request", priorityRequest().put("title", "   "))).isNotEmpty();
        assertThat(validate("priority-request", priorityRequest().put("fundability", "MAYBE"))).isNotEmpty();
    }

    @Test
    void acceptsAWriteReceiptWhosePositionIsNullBecauseNothingWasStored() {
        String receipt = """
                {"id": "%s", "version": 3, "position": null}""".formatted(Examples.DISTRICT_ID);

        assertThat(contract.validate("write-receipt", receipt)).isEmpty();
    }

    @Test
    void rejectsAWriteReceiptWithoutItsPosition() {
        String receipt = """
                {"id": "%s", "version": 3}""".formatted(Examples.DISTRICT_ID);

        assertThat(contract.validate("write-receipt", receipt)).singleElement().asString().contains("position");
    }

    @Test
    void acceptsAValidationProblemWithItsFieldErrors() {
        ObjectNode problem = problem("validation-failed", 400);
        problem.set("errors", JSON.createArrayNode().add(parse("""
                {"field": "title", "message": "must not be blank"}""")));

        assertThat(validate("problem", problem)).isEmpty();
    }

    @Test
    void rejectsAValidationProblemWithoutFieldErrors() {
        assertThat(validate("problem", problem("validation-failed", 400))).isNotEmpty();
    }

    @Test
    void rejectsFieldErrorsOnAProblemOtherThanValidationFailed() {
        ObjectNode problem = problem("not-found", 404);
        problem.set("errors", JSON.createArrayNode().add(parse("""
                {"field": "title", "message": "must not be blank"}""")));

        assertThat(validate("problem", problem)).isNotEmpty();
    }

    @Test
    void rejectsAProblemWhoseStatusDoesNotGoWithItsCode() {
        assertThat(validate("problem", problem("stale-version", 412))).isEmpty();
        assertThat(validate("problem", problem("stale-version", 409))).isNotEmpty();
    }

    @Test
    void rejectsAProblemWhoseTypeDoesNotNameItsCode() {
        ObjectNode problem = problem("not-found", 404).put("type", "about:blank");

        assertThat(validate("problem", problem)).isNotEmpty();
    }

    @Test
    void rejectsATimelineSummaryOfMoreThanOneLine() {
        assertThat(validate("timeline-entry", timelineEntry())).isEmpty();
        assertThat(validate("timeline-entry", timelineEntry().put("summary", "proposed\nby designer")))
                .singleElement().asString().contains("summary");
    }

    @Test
    void rejectsAPriorityEventFiledUnderTheCycleItem() {
        assertThat(validate("timeline-entry", timelineEntry().put("itemKind", "CYCLE"))).isNotEmpty();
    }

    @Test
    void rejectsAMemberWithAnUnknownRole() {
        String district = """
                {"id": "%s", "name": "Riverside Unified", "enrollment": 41000, "version": 2,
                 "members": [{"username": "steering", "roles": ["STEERING_COMMITTEE", "PRINCIPAL"]}]}
                """.formatted(Examples.DISTRICT_ID);

        assertThat(contract.validate("district-view", district)).singleElement().asString().contains("roles");
    }

    @Test
    void reportsTextThatIsNotJsonInsteadOfThrowing() {
        assertThat(contract.validate("priority-view", "<html>oops</html>"))
                .singleElement().asString().startsWith("not JSON");
        assertThat(contract.validate("priority-view", "")).singleElement().asString().contains("no body");
        assertThat(contract.validate("write-receipt", "{} {}")).singleElement().asString().startsWith("not JSON");
        assertThat(contract.validate("write-receipt", """
                {"id": "%s", "version": 1, "version": 2, "position": 3}""".formatted(Examples.DISTRICT_ID)))
                .singleElement().asString().contains("Duplicate field");
    }

    @Test
    void reportsAnUnknownSchemaNameInsteadOfThrowing() {
        assertThat(contract.validate("no-such-view", "{}")).singleElement().asString().contains("no-such-view");
    }
}
