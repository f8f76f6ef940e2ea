package org.tradeoffs.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.eventstore.EmbeddedMongo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A design team walks one savings opportunity through the five steps while a collaborator watches
 * the savings topic: the funnel, the exact sizing and its history, the owner and a capture all show
 * up in the pipeline, the detail, the timeline and the live frames.
 */
class SavingsEndToEndTest {

    static final String OPPORTUNITIES = "/api/cycles/{cycleId}/opportunities";
    static final String OPPORTUNITY = "/api/cycles/{cycleId}/opportunities/{opportunityId}";
    static final String PIPELINE = "/api/cycles/{cycleId}/savings-pipeline";

    static EmbeddedMongo mongo;
    static Services services;
    static String cycle;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        services = Services.start(mongo);
        String district = Scenario.district(services, "Hayward USD", 22272);
        cycle = Scenario.cycle(services, district, "SY 2027-28");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(query("analyst", OPPORTUNITIES, cycle).json()).hasSize(31));
    }

    @AfterAll
    static void stop() {
        services.close();
        mongo.close();
    }

    static Http.Response command(String user, String method, String template, String body, Object... args) {
        return Http.call(services.commandUrl(), user, method, template, body, List.of(), args);
    }

    static Http.Response query(String user, String template, Object... args) {
        return Http.call(services.queryUrl(), user, "GET", template, null, List.of(), args);
    }

    static String opportunity(int number) {
        for (JsonNode item : query("analyst", OPPORTUNITIES, cycle).json()) {
            if (item.get("number").asInt() == number) {
                return item.get("id").asText();
            }
        }
        throw new AssertionError("no opportunity #" + number);
    }

    @Test
    void openingACycleListsTheWholeCatalogUnscreened() {
        JsonNode list = query("auditor", OPPORTUNITIES, cycle).json();
        assertThat(list).hasSize(31);
        assertThat(list.get(0).get("number").asInt()).isEqualTo(1);
        assertThat(list.get(0).get("question").asText())
                .isEqualTo("Can the district free up funds from general education transportation ?");
        assertThat(list.get(30).get("focusArea").asText()).isEqualTo("CLASS_SIZE");
        assertThat(list.findValuesAsText("status")).containsOnly("NOT_SCREENED");
        assertThat(query("auditor", PIPELINE, cycle).json().get("funnel").get("listed").asInt()).isEqualTo(31);
    }

    @Test
    void anOpportunityGoesThroughTheFiveStepsAndTheCollaboratorsSeeItLive() throws Exception {
        String transportation = opportunity(1);
        try (Stomp watcher = Stomp.connect(services.stompUrl(), "steering")) {
            watcher.subscribe("/topic/cycles/" + cycle + "/savings", "/topic/cycles/{cycleId}/savings");
            Scenario.awaitSubscribed(services, "/topic/cycles/" + cycle + "/savings", 1);

            assertThat(command("designer", "POST", OPPORTUNITY + "/screening",
                    "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Largest non-instructional cost\"}", cycle, transportation)
                    .status()).isEqualTo(200);
            String line = command("analyst", "POST", OPPORTUNITY + "/budget-lines",
                    "{\"path\":\"Operations / Transportation / General education routes\",\"annualAmount\":\"4180000.00\",\"fte\":\"52\"}",
                    cycle, transportation).id();
            command("analyst", "POST", OPPORTUNITY + "/budget-lines",
                    "{\"path\":\"Operations / Transportation / Fuel\",\"annualAmount\":\"620000.00\"}", cycle, transportation);
            String buses = command("analyst", "POST", OPPORTUNITY + "/cost-drivers",
                    "{\"name\":\"Buses\",\"unit\":\"bus\",\"quantity\":40,\"unitCost\":\"95000.00\",\"trend\":\"RISING\",\"budgetLineId\":\""
                            + line + "\"}", cycle, transportation).id();
            command("analyst", "POST", OPPORTUNITY + "/constraints",
                    "{\"kind\":\"CONTRACT\",\"rigid\":true,\"description\":\"Bus operator contract\",\"renegotiationDate\":\""
                            + LocalDate.now().plusYears(1) + "\"}", cycle, transportation);

            Http.Response first = command("analyst", "POST", OPPORTUNITY + "/sizings",
                    "{\"adjustments\":[{\"driverId\":\"" + buses + "\",\"conservativeQuantity\":38,\"ambitiousQuantity\":34}],"
                            + "\"ease\":4,\"notes\":\"Route consolidation only\"}", cycle, transportation);
            Http.Response sized = command("analyst", "POST", OPPORTUNITY + "/sizings",
                    "{\"adjustments\":[{\"driverId\":\"" + buses + "\",\"conservativeQuantity\":36,\"ambitiousQuantity\":32}],"
                            + "\"ease\":3,\"notes\":\"Tiered bell schedule\",\"low\":\"1\",\"high\":\"999999999\"}",
                    cycle, transportation);
            assertThat(first.json().get("low").asText()).isEqualTo("190000.00");
            assertThat(sized.json().get("low").asText()).isEqualTo("380000.00");
            assertThat(sized.json().get("high").asText()).isEqualTo("760000.00");

            assertThat(command("steering", "PUT", OPPORTUNITY + "/owner", "{\"username\":\"designer\"}", cycle,
                    transportation).status()).isEqualTo(200);
            command("designer", "POST", OPPORTUNITY + "/milestones",
                    "{\"title\":\"Board approves the bell schedule\",\"dueDate\":\"" + LocalDate.now().plusMonths(2) + "\"}",
                    cycle, transportation);
            Http.Response captured = command("designer", "POST", OPPORTUNITY + "/captures",
                    "{\"amount\":\"190000.00\",\"capturedOn\":\"" + LocalDate.now().minusDays(2) + "\",\"note\":\"First quarter\"}",
                    cycle, transportation);
            assertThat(captured.status()).isEqualTo(201);
            long lastPosition = captured.json().get("position").asLong();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode detail = query("auditor", OPPORTUNITY, cycle, transportation).json();
                assertThat(detail.get("status").asText()).isEqualTo("DEEP_DIVE");
                assertThat(detail.get("budgetTree").get("total").asText()).isEqualTo("4800000.00");
                assertThat(detail.get("drivers").get(0).get("annualCost").asText()).isEqualTo("3800000.00");
                assertThat(detail.get("currentSizing").get("high").asText()).isEqualTo("760000.00");
                assertThat(detail.get("sizingHistory")).hasSize(2);
                assertThat(detail.get("sizingHistory").get(1).get("lowChange").asText()).isEqualTo("190000.00");
                assertThat(detail.get("owner").asText()).isEqualTo("designer");
                assertThat(detail.get("milestones")).hasSize(1);
                assertThat(detail.get("capturedToDate").asText()).isEqualTo("190000.00");
                assertThat(detail.get("position").asLong()).isEqualTo(lastPosition);
            });
            JsonNode pipeline = query("steering", PIPELINE, cycle).json();
            assertThat(pipeline.get("funnel").get("deepDive").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(pipeline.get("funnel").get("workPlan").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(pipeline.get("ranking").findValuesAsText("opportunityId")).contains(transportation);
            assertThat(pipeline.get("owners").findValuesAsText("username")).contains("designer");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(watcher.frames).anySatisfy(frame -> {
                JsonNode json = Http.JSON.readTree(frame);
                assertThat(json.get("position").asLong()).isEqualTo(lastPosition);
                assertThat(json.get("type").asText()).isEqualTo("SavingsCaptured");
                assertThat(json.get("view").get("pipeline").get("totals").get("captured").asText()).isNotEqualTo("0.00");
            }));
            assertThat(watcher.frames).noneMatch(frame -> frame.startsWith("CONTRACT VIOLATION"));
            List<Long> positions = watcher.frames.stream().map(frame -> readPosition(frame)).toList();
            assertThat(positions).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();

            JsonNode timeline = query("auditor", "/api/cycles/{cycleId}/timeline?after=0&limit=500", cycle).json()
                    .get("entries");
            assertThat(StreamSupport.stream(timeline.spliterator(), false)
                    .filter(entry -> entry.get("itemId").asText().equals(transportation))
                    .map(entry -> entry.get("type").asText()))
                    .contains("OpportunityListed", "OpportunityScreened", "BudgetLineAdded", "CostDriverAdded",
                            "ConstraintRecorded", "OpportunitySized", "OwnerAssigned", "MilestoneAdded", "SavingsCaptured");
        }
    }

    @Test
    void theRulesHoldAndARejectedCommandStoresNothing() {
        String energy = opportunity(2);
        command("designer", "POST", OPPORTUNITY + "/screening", "{\"decision\":\"SHALLOW_DIVE\",\"reason\":\"Look\"}",
                cycle, energy);
        String meters = command("analyst", "POST", OPPORTUNITY + "/cost-drivers",
                "{\"name\":\"Meters\",\"unit\":\"meter\",\"quantity\":10,\"unitCost\":\"1000\",\"trend\":\"FLAT\"}",
                cycle, energy).id();
        command("designer", "POST", OPPORTUNITY + "/screening", "{\"decision\":\"SCREENED_OUT\",\"reason\":\"Solar lease\"}",
                cycle, energy);
        long head = services.headPosition();

        Http.Response screenedOut = command("analyst", "POST", OPPORTUNITY + "/sizings",
                "{\"adjustments\":[{\"driverId\":\"" + meters + "\",\"conservativeQuantity\":9}],\"ease\":2}", cycle, energy);
        assertThat(screenedOut.status()).isEqualTo(409);
        assertThat(screenedOut.json().get("code").asText()).isEqualTo("opportunity-screened-out");

        command("designer", "POST", OPPORTUNITY + "/screening", "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Revisited\"}",
                cycle, energy);
        head = services.headPosition();
        Http.Response unknownDriver = command("analyst", "POST", OPPORTUNITY + "/sizings",
                "{\"adjustments\":[{\"driverId\":\"00000000-0000-4000-8000-000000000000\",\"conservativeQuantity\":9}],\"ease\":2}",
                cycle, energy);
        Http.Response stranger = command("steering", "PUT", OPPORTUNITY + "/owner", "{\"username\":\"outsider\"}",
                cycle, energy);
        Http.Response auditor = command("auditor", "POST", OPPORTUNITY + "/screening",
                "{\"decision\":\"SCREENED_OUT\",\"reason\":\"No\"}", cycle, energy);
        Http.Response negative = command("analyst", "POST", OPPORTUNITY + "/budget-lines",
                "{\"path\":\"Operations / Energy\",\"annualAmount\":\"-5\"}", cycle, energy);

        assertThat(unknownDriver.json().get("code").asText()).isEqualTo("unknown-cost-driver");
        assertThat(stranger.json().get("code").asText()).isEqualTo("owner-not-a-member");
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(services.headPosition()).isEqualTo(head);
        assertThat(query("outsider", PIPELINE, cycle).status()).isEqualTo(403);
    }

    private static long readPosition(String frame) {
        try {
            return Http.JSON.readTree(frame).get("position").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
