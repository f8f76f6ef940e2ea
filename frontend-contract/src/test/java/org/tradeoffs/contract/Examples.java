package org.tradeoffs.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hand-written payloads as the services should emit them; tests break copies of them on purpose. */
final class Examples {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String DISTRICT_ID = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE_ID = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String PRIORITY_ID = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";

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
