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
    static final String INPUT_ID = "b7e3d9a1-5c2f-4a8e-8d6b-1f4c7e2a9d58";
    static final String TRADEOFF_ID = "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93";

    /** The stakeholder groups and the input channels, in enum order. */
    static final String[] GROUPS = {"PARENTS", "TEACHERS", "CLASSIFIED_STAFF", "STUDENTS", "COMMUNITY", "BOARD",
            "LABOR_PARTNER"};
    static final String[] CHANNELS = {"SURVEY", "TOWN_HALL", "FOCUS_GROUP", "PUBLIC_COMMENT", "EMAIL", "OTHER"};

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
                  "cost": {"staff": "0.00", "services": "0.00", "materials": "0.00", "unallocated": "1250000.00"},
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
                  "committed": "0.00",
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
                  "totals": {"low": "380000.00", "high": "760000.00", "captured": "0.00", "committed": "0.00"},
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

    // Stakeholder input and tradeoff packages

    static ObjectNode stakeholderInputRequest() {
        return parse("""
                {"group": "PARENTS", "channel": "SURVEY", "receivedOn": "2027-04-01",
                 "summary": "Parents want earlier reading support; many worry about longer bus rides.", "respondents": 689,
                 "links": [{"kind": "PRIORITY", "id": "%s", "stance": "SUPPORT"},
                           {"kind": "OPPORTUNITY", "id": "%s", "stance": "CONCERN"}],
                 "themes": ["early literacy", " Transportation ", "transportation"]}
                """.formatted(PRIORITY_ID, OPPORTUNITY_ID));
    }

    static ObjectNode tradeoffRequest() {
        return parse("""
                {"title": "Fund early-literacy coaches", "narrative": "Coaches paid for by bus routes and gym rentals.",
                 "investments": [{"priorityId": "%s", "amount": "400000.00"}],
                 "funding": [{"opportunityId": "%s", "amount": 300000},
                             {"description": "Weekend gym rentals", "amount": 150000.5}],
                 "consideredInputs": ["%s"]}
                """.formatted(PRIORITY_ID, OPPORTUNITY_ID, INPUT_ID));
    }

    /** Survey input from 689 parents, just recorded: supports the priority, worried about opportunity #1. */
    static ObjectNode recordedInput() {
        return parse("""
                {
                  "id": "%s",
                  "cycleId": "%s",
                  "group": "PARENTS",
                  "channel": "SURVEY",
                  "receivedOn": "2027-04-01",
                  "summary": "Parents want earlier reading support; many worry about longer bus rides.",
                  "respondents": 689,
                  "links": [{"kind": "PRIORITY", "id": "%s", "stance": "SUPPORT", "title": "Early literacy coaching"},
                            {"kind": "OPPORTUNITY", "id": "%s", "stance": "CONCERN",
                             "title": "Can the district free up funds from general education transportation ?"}],
                  "themes": ["early literacy", "Transportation"],
                  "corrections": [],
                  "recordedBy": "designer",
                  "recordedAt": "2027-04-02T19:30:00Z",
                  "consideredBy": [],
                  "version": 1,
                  "position": 131
                }
                """.formatted(INPUT_ID, CYCLE_ID, PRIORITY_ID, OPPORTUNITY_ID));
    }

    /** The recorded input corrected once (689 became 698 respondents) and considered by the drafted package. */
    static ObjectNode correctedInput() {
        ObjectNode input = recordedInput().put("respondents", 698).put("version", 2).put("position", 141);
        ObjectNode previous = recordedInput();
        previous.retain("group", "channel", "receivedOn", "summary", "respondents", "links");
        input.putArray("corrections").addObject().<ObjectNode>set("previous", previous)
                .put("reason", "Nine late paper surveys were counted.").put("by", "designer")
                .put("at", "2027-04-03T16:00:00Z");
        input.putArray("consideredBy").addObject().put("tradeoffId", TRADEOFF_ID)
                .put("title", "Fund early-literacy coaches").put("status", "DRAFT").putNull("outcome");
        return input;
    }

    /** The digest of a cycle whose only input is the recorded one. */
    static ObjectNode inputDigest() {
        ObjectNode digest = parse("""
                {
                  "cycleId": "%s",
                  "totals": {"inputs": 1, "respondents": 689},
                  "items": [
                    {"kind": "PRIORITY", "id": "%s", "title": "Early literacy coaching",
                     "stances": {"SUPPORT": {"inputs": 1, "respondents": 689}, "OPPOSE": {"inputs": 0, "respondents": 0},
                                 "CONCERN": {"inputs": 0, "respondents": 0}, "IDEA": {"inputs": 0, "respondents": 0}}},
                    {"kind": "OPPORTUNITY", "id": "%s", "title": "Can the district free up funds from general education transportation ?",
                     "stances": {"SUPPORT": {"inputs": 0, "respondents": 0}, "OPPOSE": {"inputs": 0, "respondents": 0},
                                 "CONCERN": {"inputs": 1, "respondents": 689}, "IDEA": {"inputs": 0, "respondents": 0}}}
                  ],
                  "youSaidWeDid": [],
                  "position": 131
                }
                """.formatted(CYCLE_ID, PRIORITY_ID, OPPORTUNITY_ID));
        ArrayNode groups = digest.putArray("byGroup");
        for (String group : GROUPS) {
            boolean parents = group.equals("PARENTS");
            groups.addObject().put("group", group).put("inputs", parents ? 1 : 0).put("respondents", parents ? 689 : 0);
        }
        ArrayNode channels = digest.putArray("byChannel");
        for (String channel : CHANNELS) {
            boolean survey = channel.equals("SURVEY");
            channels.addObject().put("channel", channel).put("inputs", survey ? 1 : 0)
                    .put("respondents", survey ? 689 : 0);
        }
        return digest;
    }

    /**
     * A package investing 400000.00 a year in the priority, funded with 300000.00 from #1 and 150000.00 of gym
     * rentals, considering the input; just drafted.
     */
    static ObjectNode draftedTradeoff() {
        ObjectNode view = parse("""
                {
                  "id": "%s",
                  "cycleId": "%s",
                  "title": "Fund early-literacy coaches",
                  "narrative": "",
                  "status": "DRAFT",
                  "contentVersion": 1,
                  "investments": [{"priorityId": "%s", "title": "Early literacy coaching", "amount": "400000.00"}],
                  "funding": [{"opportunityId": "%s", "number": 1, "description": null, "amount": "300000.00"},
                              {"opportunityId": null, "number": null, "description": "Weekend gym rentals",
                               "amount": "150000.00"}],
                  "totals": {"investments": "400000.00", "funding": "450000.00", "balance": "50000.00"},
                  "consideredInputs": [{"inputId": "%s", "summary": "Parents want earlier reading support.",
                                        "group": "PARENTS", "respondents": 689}],
                  "rules": null,
                  "votes": [],
                  "decision": null,
                  "draftedBy": "designer",
                  "draftedAt": "2027-04-20T16:00:00Z",
                  "version": 1,
                  "position": 140
                }
                """.formatted(TRADEOFF_ID, CYCLE_ID, PRIORITY_ID, OPPORTUNITY_ID, INPUT_ID));
        ObjectNode draft = view.deepCopy();
        draft.retain("title", "narrative", "investments", "funding");
        view.putArray("versions").add(draft.put("contentVersion", 1).put("by", "designer")
                .put("at", "2027-04-20T16:00:00Z"));
        return view;
    }

    /** The drafted package submitted (quorum 3 of 3 steering members, TWO_THIRDS), no vote yet. */
    static ObjectNode votingTradeoff() {
        ObjectNode view = draftedTradeoff().put("status", "VOTING").put("version", 2).put("position", 150);
        view.set("rules", parse("""
                {"quorum": 3, "majority": "TWO_THIRDS", "eligibleVoters": ["board-chair", "steering", "trustee.lee"]}
                """));
        return view;
    }

    /** The submitted package approved 3-0 by its votes; steering first rejected, then approved. */
    static ObjectNode approvedTradeoff() {
        ObjectNode view = votingTradeoff().put("status", "APPROVED").put("version", 7).put("position", 156);
        view.set("votes", parse("""
                {"votes": [
                  {"voter": "board-chair", "vote": "APPROVE", "comment": "", "at": "2027-05-06T18:05:00Z", "changes": []},
                  {"voter": "steering", "vote": "APPROVE", "comment": "The gym rentals close the gap.",
                   "at": "2027-05-06T18:20:00Z",
                   "changes": [{"from": "REJECT", "to": "APPROVE", "comment": "The gym rentals close the gap.",
                                "at": "2027-05-06T18:20:00Z"}]},
                  {"voter": "trustee.lee", "vote": "APPROVE", "comment": "Parents asked for this.",
                   "at": "2027-05-06T18:40:00Z", "changes": []}
                ]}""").get("votes"));
        view.set("decision", parse("""
                {"outcome": "APPROVED", "tally": {"approve": 3, "reject": 0, "abstain": 0}, "rationale": null,
                 "closedBy": null, "decidedAt": "2027-05-06T18:40:00Z"}"""));
        return view;
    }

    /** The balance of the cycle once the package is approved and its 300000.00 committed on #1. */
    static ObjectNode balance() {
        ObjectNode balance = parse("""
                {
                  "cycleId": "%s",
                  "approvedInvestments": "400000.00",
                  "committedFunding": "300000.00",
                  "capturedSavings": "0.00",
                  "balance": "-100000.00",
                  "otherRevenue": "150000.00",
                  "unfundedPriorities": [{"priorityId": "%s", "title": "Early literacy coaching",
                                          "estimatedAnnualCost": "1250000.00", "invested": "400000.00",
                                          "gap": "850000.00"}],
                  "overCommitted": [],
                  "position": 157
                }
                """.formatted(CYCLE_ID, PRIORITY_ID));
        ArrayNode areas = balance.putArray("byFocusArea");
        for (String[] area : FOCUS_AREAS) {
            areas.addObject().put("focusArea", area[0]).put("title", area[1])
                    .put("committed", area == FOCUS_AREAS[0] ? "300000.00" : "0.00").put("captured", "0.00");
        }
        return balance;
    }

    static ObjectNode tradeoffsFrame(String type, JsonNode tradeoff, JsonNode balance) {
        ObjectNode view = JSON.createObjectNode();
        view.set("tradeoff", tradeoff);
        view.set("balance", balance);
        return frame(type, view).put("position", tradeoff.path("position").asLong());
    }

    static ObjectNode inputsFrame(String type, JsonNode input, JsonNode digest) {
        ObjectNode view = JSON.createObjectNode();
        view.set("input", input == null ? JSON.nullNode() : input);
        view.set("digest", digest);
        return frame(type, view).put("position", digest.path("position").asLong());
    }

    /** #1 has 760000.00 high and 500000.00 committed elsewhere; the package asks for 300000.00. */
    static ObjectNode overCommitted() {
        return problem("over-committed", 409).put("opportunityId", OPPORTUNITY_ID).put("number", 1)
                .put("high", "760000.00").put("committed", "500000.00").put("available", "260000.00")
                .put("requested", "300000.00");
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
