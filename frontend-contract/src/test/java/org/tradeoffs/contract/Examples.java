package org.tradeoffs.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hand-written payloads as the services should emit them; tests break copies of them on purpose. */
final class Examples {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String DISTRICT_ID = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE_ID = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String PRIORITY_ID = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final String OPPORTUNITY_ID = "5e9a1c37-4b2d-4f8e-a6c1-3d7b9e2f4a68";
    static final String BUDGET_LINE_ID = "8c3f5a71-2d6e-4b9a-9f14-6e2a8d4c1b35";
    static final String DRIVER_ID = "2a7d4e96-1c3b-4f5a-8e72-9b6c1d3f5e47";
    static final String CONSTRAINT_ID = "6f1b8d24-3e9c-4a7d-b5e2-1c8a6f4d9b73";
    static final String SIZING_ID = "9d4e2b68-7a1f-4c3e-8b96-5f2d7a1c3e84";
    static final String MILESTONE_ID = "4b8c6e13-9f2a-4d7b-a3e5-8c1f6b2d4a97";
    static final String CAPTURE_ID = "3c9f7a42-6e1d-4b8c-9a25-7d3e1f6b8c59";

    /** The focus areas in enum order, each with its title. */
    static final String[][] FOCUS_AREAS = {
            {"REDUCING_OPERATIONAL_COSTS", "Reducing operational costs"},
            {"SERVICE_DELIVERY_FOR_STUDENTS_WHO_STRUGGLE", "Rethinking service delivery models for students who struggle"},
            {"MAXIMIZING_REVENUE", "Maximizing revenue"},
            {"PROFESSIONAL_DEVELOPMENT",
                    "Boosting the impact and cost-effectiveness of professional development for teachers"},
            {"NON_INSTRUCTIONAL_STAFFING", "Examining staffing levels of non-instructional staff"},
            {"INSTRUCTIONAL_TIME", "Using instructional time more cost-effectively"},
            {"CLASS_SIZE", "Managing class size"}};

    private Examples() {
    }

    static ObjectNode proposedPriority() {
        return parse("""
                {
                  "id": "%s",
                  "cycleId": "%s",
                  "districtId": "%s",
                  "title": "Early literacy coaching",
                  "description": "Coaches in every K-3 classroom.",
                  "theoryOfAction": "If every K-3 teacher is coached weekly, reading proficiency by grade 3 rises.",
                  "fundability": "ACTION",
                  "estimatedAnnualCost": "1250000.00",
                  "lcapGoal": null,
                  "status": "PROPOSED",
                  "proposedBy": "designer",
                  "proposedAt": "2027-03-02T10:00:00Z",
                  "decision": null,
                  "withdrawalReason": null,
                  "version": 1,
                  "position": 12,
                  "updatedAt": "2027-03-02T10:00:00.123456Z"
                }
                """.formatted(PRIORITY_ID, CYCLE_ID, DISTRICT_ID));
    }

    static ObjectNode approvedPriority() {
        ObjectNode view = proposedPriority();
        view.put("status", "APPROVED").put("version", 2).put("position", 19);
        view.set("decision", parse("""
                {"outcome": "APPROVED", "rationale": "Strongest evidence base.", "decidedBy": "steering",
                 "decidedAt": "2027-04-15T18:45:12Z"}
                """));
        return view;
    }

    static ObjectNode priorityRequest() {
        return parse("""
                {
                  "title": "Early literacy coaching",
                  "description": "",
                  "theoryOfAction": "If every K-3 teacher is coached weekly, reading proficiency by grade 3 rises.",
                  "fundability": "GOAL",
                  "estimatedAnnualCost": 1250000.5
                }
                """);
    }

    static ObjectNode timelineEntry() {
        return parse("""
                {
                  "position": 12,
                  "time": "2027-03-02T10:00:00Z",
                  "actor": "designer",
                  "type": "PriorityProposed",
                  "summary": "designer proposed Early literacy coaching",
                  "itemId": "%s",
                  "itemKind": "PRIORITY"
                }
                """.formatted(PRIORITY_ID));
    }

    static ObjectNode cycleView() {
        return parse("""
                {"id": "%s", "districtId": "%s", "name": "SY 2027-28", "openedBy": "steering",
                 "openedAt": "2027-03-01T16:20:00Z", "position": 7}
                """.formatted(CYCLE_ID, DISTRICT_ID));
    }

    /** Catalog opportunity #1 right after the cycle opened: nothing done yet. */
    static ObjectNode listedOpportunitySummary() {
        return parse("""
                {
                  "id": "%s",
                  "cycleId": "%s",
                  "number": 1,
                  "focusArea": "REDUCING_OPERATIONAL_COSTS",
                  "focusAreaTitle": "Reducing operational costs",
                  "question": "Can the district free up funds from general education transportation ?",
                  "catalog": true,
                  "status": "NOT_SCREENED",
                  "low": null,
                  "high": null,
                  "ease": null,
                  "owner": null,
                  "capturedToDate": "0.00",
                  "version": 1,
                  "position": 8
                }
                """.formatted(OPPORTUNITY_ID, CYCLE_ID));
    }

    /** #1 deep-dived: screened, one budget line, one driver, a contract, sized 380000.00-760000.00, owned. */
    static ObjectNode analysedOpportunitySummary() {
        return listedOpportunitySummary().put("status", "DEEP_DIVE").put("low", "380000.00").put("high", "760000.00")
                .put("ease", 3).put("owner", "designer").put("version", 7).put("position", 117);
    }

    static ObjectNode listedOpportunity() {
        ObjectNode detail = listedOpportunitySummary();
        detail.set("screenings", JSON.createArrayNode());
        detail.set("budgetLines", JSON.createArrayNode());
        detail.set("budgetTree", parse("""
                {"name": "All", "total": "0.00", "fte": null, "children": [], "lineIds": []}"""));
        detail.set("drivers", JSON.createArrayNode());
        detail.set("constraints", JSON.createArrayNode());
        detail.putNull("currentSizing");
        detail.set("sizingHistory", JSON.createArrayNode());
        detail.set("milestones", JSON.createArrayNode());
        detail.set("captures", JSON.createArrayNode());
        detail.put("updatedAt", "2027-03-01T16:20:00Z");
        return detail;
    }

    static ObjectNode analysedOpportunity() {
        ObjectNode detail = analysedOpportunitySummary();
        detail.setAll(parse("""
                {
                  "screenings": [{"decision": "DEEP_DIVE", "reason": "Transportation is a large share of the budget.",
                                  "by": "designer", "at": "2027-03-05T17:00:00Z"}],
                  "budgetLines": [{"id": "%1$s", "path": ["Operations", "Transportation", "General education routes"],
                                   "annualAmount": "3800000.00", "fte": "52"}],
                  "budgetTree": {
                    "name": "All", "total": "3800000.00", "fte": "52", "lineIds": [],
                    "children": [{
                      "name": "Operations", "total": "3800000.00", "fte": "52", "lineIds": [],
                      "children": [{
                        "name": "Transportation", "total": "3800000.00", "fte": "52", "lineIds": [],
                        "children": [{"name": "General education routes", "total": "3800000.00", "fte": "52",
                                      "children": [], "lineIds": ["%1$s"]}]
                      }]
                    }]
                  },
                  "drivers": [{"id": "%2$s", "name": "Buses", "unit": "bus", "quantity": "40", "unitCost": "95000.00",
                               "annualCost": "3800000.00", "trend": "RISING", "budgetLineId": "%1$s"}],
                  "constraints": [{"id": "%3$s", "kind": "CONTRACT", "rigid": true,
                                   "description": "Bus contract with Valley Transit.", "renegotiationDate": "2027-07-01",
                                   "windowOpened": false, "windowOpenedAt": null}],
                  "currentSizing": null,
                  "sizingHistory": [],
                  "milestones": [],
                  "captures": [],
                  "updatedAt": "2027-03-21T09:00:00Z"
                }
                """.formatted(BUDGET_LINE_ID, DRIVER_ID, CONSTRAINT_ID)));
        detail.set("currentSizing", sizing());
        detail.set("sizingHistory", JSON.createArrayNode().add(sizing()));
        return detail;
    }

    /** 40 buses at 95000.00, down to 36 / 32: low 380000.00, high 760000.00. */
    static ObjectNode sizing() {
        return parse("""
                {
                  "id": "%s",
                  "low": "380000.00",
                  "high": "760000.00",
                  "ease": 3,
                  "notes": "",
                  "adjustments": [{"driverId": "%s", "driverName": "Buses", "currentQuantity": "40",
                                   "currentUnitCost": "95000.00", "conservativeQuantity": "36", "ambitiousQuantity": "32",
                                   "conservativeUnitCost": null, "ambitiousUnitCost": null}],
                  "sizedBy": "analyst",
                  "sizedAt": "2027-03-20T15:00:00Z",
                  "lowChange": null,
                  "highChange": null
                }
                """.formatted(SIZING_ID, DRIVER_ID));
    }

    static ObjectNode milestone() {
        return parse("""
                {"id": "%s", "title": "Board approves the route plan", "dueDate": "2027-05-15", "done": false,
                 "doneAt": null, "overdue": false}
                """.formatted(MILESTONE_ID));
    }

    static ObjectNode capture() {
        return parse("""
                {"id": "%s", "amount": "95000.00", "capturedOn": "2027-09-30", "note": "", "recordedBy": "designer",
                 "recordedAt": "2027-10-01T16:00:00Z"}
                """.formatted(CAPTURE_ID));
    }

    /** The pipeline of a cycle whose #1 is the analysed opportunity and the other 30 are not screened. */
    static ObjectNode savingsPipeline() {
        ObjectNode pipeline = parse("""
                {
                  "cycleId": "%s",
                  "funnel": {"listed": 31, "notScreened": 30, "screenedOut": 0, "shallowDive": 0, "deepDive": 1,
                             "workPlan": 1},
                  "totals": {"low": "380000.00", "high": "760000.00", "captured": "0.00"},
                  "ranking": [{"opportunityId": "%s", "number": 1, "question": "Transportation?", "low": "380000.00",
                               "high": "760000.00", "ease": 3, "rank": 1}],
                  "owners": [{"username": "designer", "opportunityIds": ["%2$s"]}],
                  "overdueMilestones": [],
                  "position": 117
                }
                """.formatted(CYCLE_ID, OPPORTUNITY_ID));
        ArrayNode areas = pipeline.putArray("byFocusArea");
        for (String[] area : FOCUS_AREAS) {
            boolean first = area == FOCUS_AREAS[0];
            areas.addObject().put("focusArea", area[0]).put("title", area[1]).put("inAnalysis", first ? 1 : 0)
                    .put("low", first ? "380000.00" : "0.00").put("high", first ? "760000.00" : "0.00")
                    .put("captured", "0.00");
        }
        return pipeline;
    }

    static ObjectNode savingsFrame(String type, JsonNode opportunity, JsonNode pipeline) {
        ObjectNode view = JSON.createObjectNode();
        view.set("opportunity", opportunity);
        view.set("pipeline", pipeline);
        return frame(type, view).put("position", opportunity.path("position").asLong());
    }

    static ObjectNode sizingRequest() {
        return parse("""
                {"adjustments": [{"driverId": "%s", "conservativeQuantity": 36, "ambitiousQuantity": "32"}],
                 "ease": 3, "notes": "Consolidate routes."}
                """.formatted(DRIVER_ID));
    }

    static ObjectNode problem(String code, int status) {
        return parse("""
                {"type": "urn:tradeoffs:problem:%s", "title": "Title", "status": %d, "detail": "Detail",
                 "instance": "/api/cycles/%s", "code": "%s"}
                """.formatted(code, status, CYCLE_ID, code));
    }

    static ObjectNode frame(String type, JsonNode view) {
        ObjectNode frame = JSON.createObjectNode().put("position", 12).put("type", type).put("cycleId", CYCLE_ID);
        frame.set("view", view);
        return frame;
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
