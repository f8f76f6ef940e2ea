package org.tradeoffs.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.eventstore.EmbeddedMongo;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton as a user meets it: commands on the command side reach the priority board,
 * the timeline and STOMP subscribers on the query side; rejected commands store nothing; people
 * outside a district see and change nothing of it.
 */
class CollaborationEndToEndTest {

    static final String PRIORITIES = "/api/cycles/{cycleId}/priorities";
    static final String PRIORITY = "/api/cycles/{cycleId}/priorities/{priorityId}";
    static final String COACHES = """
            {"title":"K-5 early literacy coaches","description":"12 FTE coaches","theoryOfAction":"Coaching raises reading",
             "fundability":"ACTION","estimatedAnnualCost":"1250000.00","lcapGoal":"LCAP Goal 1"}""";

    static EmbeddedMongo mongo;
    static Services services;
    static String district;
    static String cycle;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        services = Services.start(mongo);
        district = Scenario.district(services, "Hayward USD", 22272);
        cycle = Scenario.cycle(services, district, "SY 2027-28");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(query("designer", "GET", "/api/cycles/{cycleId}", cycle).status()).isEqualTo(200));
    }

    @AfterAll
    static void stop() {
        services.close();
        mongo.close();
    }

    static Http.Response command(String user, String method, String template, String body, Object... args) {
        return Http.call(services.commandUrl(), user, method, template, body, List.of(), args);
    }

    static Http.Response query(String user, String method, String template, Object... args) {
        return Http.call(services.queryUrl(), user, method, template, null, List.of(), args);
    }

    @Test
    void aProposedPriorityReachesTheBoardTheTimelineAndEverySubscriber() throws Exception {
        try (Stomp board = Stomp.connect(services.stompUrl(), "auditor");
             Stomp timeline = Stomp.connect(services.stompUrl(), "steering")) {
            board.subscribe("/topic/cycles/" + cycle + "/priorities", "/topic/cycles/{cycleId}/priorities");
            timeline.subscribe("/topic/cycles/" + cycle + "/timeline", "/topic/cycles/{cycleId}/timeline");
            Scenario.awaitSubscribed(services, "/topic/cycles/" + cycle + "/priorities", 1);
            Scenario.awaitSubscribed(services, "/topic/cycles/" + cycle + "/timeline", 1);

            Http.Response proposed = command("designer", "POST", PRIORITIES, COACHES, cycle);
            assertThat(proposed.status()).isEqualTo(201);
            assertThat(proposed.etag()).isEqualTo("\"1\"");
            String priority = proposed.id();
            long position = proposed.json().get("position").asLong();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode view = query("analyst", "GET", PRIORITY, cycle, priority).json();
                assertThat(view.get("title").asText()).isEqualTo("K-5 early literacy coaches");
                assertThat(view.get("estimatedAnnualCost").asText()).isEqualTo("1250000.00");
                assertThat(view.get("cost").get("unallocated").asText()).isEqualTo("1250000.00");
                assertThat(view.get("status").asText()).isEqualTo("PROPOSED");
                assertThat(view.get("version").asLong()).isEqualTo(1);
                assertThat(view.get("position").asLong()).isEqualTo(position);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode entries = query("auditor", "GET", "/api/cycles/{cycleId}/timeline?after=0&limit=100", cycle)
                        .json().get("entries");
                assertThat(entries.findValuesAsText("type")).contains("PlanningCycleOpened", "PriorityProposed");
                assertThat(entries.findValuesAsText("itemId")).contains(priority);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(board.frames).anySatisfy(frame -> {
                    JsonNode json = Http.JSON.readTree(frame);
                    assertThat(json.get("position").asLong()).isEqualTo(position);
                    assertThat(json.get("type").asText()).isEqualTo("PriorityProposed");
                    assertThat(json.get("view").get("id").asText()).isEqualTo(priority);
                });
                assertThat(timeline.frames).anySatisfy(frame -> {
                    JsonNode json = Http.JSON.readTree(frame);
                    assertThat(json.get("position").asLong()).isEqualTo(position);
                    assertThat(json.get("view").get("summary").asText()).contains("K-5 early literacy coaches");
                });
            });
            assertThat(board.frames).noneMatch(frame -> frame.startsWith("CONTRACT VIOLATION"));
            assertThat(timeline.frames).noneMatch(frame -> frame.startsWith("CONTRACT VIOLATION"));

            Http.Response approved = command("steering", "POST", PRIORITY + "/decision",
                    "{\"outcome\":\"APPROVED\",\"rationale\":\"Fits LCAP Goal 1\"}", cycle, priority);
            assertThat(approved.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(board.frames).anySatisfy(frame -> {
                JsonNode json = Http.JSON.readTree(frame);
                assertThat(json.get("type").asText()).isEqualTo("PriorityApproved");
                assertThat(json.get("view").get("status").asText()).isEqualTo("APPROVED");
                assertThat(json.get("view").get("decision").get("decidedBy").asText()).isEqualTo("steering");
            }));
        }
    }

    @Test
    void aStaleIfMatchGets412AndStoresNothing() {
        String priority = command("designer", "POST", PRIORITIES, COACHES, cycle).id();
        Http.Response revised = Http.call(services.commandUrl(), "designer", "PUT", PRIORITY,
                COACHES.replace("12 FTE", "14 FTE").replace("\"estimatedAnnualCost\":\"1250000.00\"",
                        "\"cost\":{\"staff\":\"1300000.00\",\"services\":\"100000.00\",\"materials\":0,\"unallocated\":0}"),
                List.of("If-Match", "\"1\""), cycle, priority);
        assertThat(revised.status()).isEqualTo(200);
        assertThat(revised.etag()).isEqualTo("\"2\"");
        long head = services.headPosition();

        Http.Response stale = Http.call(services.commandUrl(), "steering", "PUT", PRIORITY,
                COACHES.replace("12 FTE", "10 FTE"), List.of("If-Match", "\"1\""), cycle, priority);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("stale-version");
        assertThat(stale.etag()).isEqualTo("\"2\"");
        assertThat(services.headPosition()).isEqualTo(head);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode view = query("designer", "GET", PRIORITY, cycle, priority).json();
            assertThat(view.get("description").asText()).isEqualTo("14 FTE coaches");
            assertThat(view.get("cost").get("staff").asText()).isEqualTo("1300000.00");
            assertThat(view.get("estimatedAnnualCost").asText()).isEqualTo("1400000.00");
            assertThat(view.get("version").asLong()).isEqualTo(2);
        });
    }

    @Test
    void badInputGets400ProblemJsonWithFieldErrorsAndStoresNothing() {
        long head = services.headPosition();

        Http.Response bad = command("designer", "POST", PRIORITIES,
                "{\"title\":\"\",\"theoryOfAction\":\"x\",\"fundability\":\"SOMEDAY\",\"estimatedAnnualCost\":\"12\"}", cycle);
        Http.Response negative = command("designer", "POST", PRIORITIES,
                "{\"title\":\"\",\"theoryOfAction\":\"x\",\"fundability\":\"GOAL\",\"estimatedAnnualCost\":\"-1\"}", cycle);
        Http.Response malformed = command("designer", "POST", PRIORITIES, "{\"title\": ", cycle);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").findValuesAsText("field")).contains("fundability");
        assertThat(negative.json().get("errors").findValuesAsText("field")).contains("title", "estimatedAnnualCost");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("Exception", "at org.");
        assertThat(services.headPosition()).isEqualTo(head);
    }

    @Test
    void anOutsiderCanNeitherReadWriteNorSubscribe() throws Exception {
        long head = services.headPosition();

        assertThat(query("outsider", "GET", PRIORITIES, cycle).status()).isEqualTo(403);
        assertThat(query("outsider", "GET", "/api/cycles/{cycleId}/timeline", cycle).status()).isEqualTo(403);
        assertThat(query("outsider", "GET", "/api/districts/{districtId}/cycles", district).status()).isEqualTo(403);
        assertThat(query("outsider", "GET", "/api/districts").json()).isEmpty();
        assertThat(command("outsider", "POST", PRIORITIES, COACHES, cycle).status()).isEqualTo(403);
        assertThat(command("outsider", "POST", "/api/districts/{districtId}/cycles", "{\"name\":\"SY 2028-29\"}",
                district).status()).isEqualTo(403);
        assertThat(services.headPosition()).isEqualTo(head);

        try (Stomp stomp = Stomp.connect(services.stompUrl(), "outsider")) {
            stomp.subscribe("/topic/cycles/" + cycle + "/priorities", "/topic/cycles/{cycleId}/priorities");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(stomp.errors).anySatisfy(error -> assertThat(error).contains("forbidden")));
            try (Stomp member = Stomp.connect(services.stompUrl(), "analyst")) {
                member.subscribe("/topic/cycles/" + cycle + "/priorities", "/topic/cycles/{cycleId}/priorities");
                Scenario.awaitSubscribed(services, "/topic/cycles/" + cycle + "/priorities", 1);
                command("designer", "POST", PRIORITIES, COACHES, cycle);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(member.frames).isNotEmpty());
            }
            assertThat(stomp.frames).isEmpty();
        }
    }

    @Test
    void anAuditorReadsEverythingAndWritesNothing() {
        String priority = command("designer", "POST", PRIORITIES, COACHES, cycle).id();
        long head = services.headPosition();

        assertThat(command("auditor", "POST", PRIORITIES, COACHES, cycle).status()).isEqualTo(403);
        assertThat(command("auditor", "POST", PRIORITY + "/decision",
                "{\"outcome\":\"APPROVED\",\"rationale\":\"ok\"}", cycle, priority).status()).isEqualTo(403);
        assertThat(command("auditor", "POST", PRIORITY + "/withdrawal", "{\"reason\":\"no\"}", cycle, priority)
                .status()).isEqualTo(403);
        assertThat(command("auditor", "POST", "/api/districts/{districtId}/cycles", "{\"name\":\"SY 2028-29\"}",
                district).status()).isEqualTo(403);
        assertThat(command("auditor", "POST", "/api/districts/{districtId}/members",
                "{\"username\":\"auditor\",\"role\":\"STEERING_COMMITTEE\"}", district).status()).isEqualTo(403);
        assertThat(services.headPosition()).isEqualTo(head);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(query("auditor", "GET", PRIORITY, cycle, priority).status()).isEqualTo(200);
            assertThat(query("auditor", "GET", "/api/cycles/{cycleId}/timeline", cycle).status()).isEqualTo(200);
        });
    }

    @Test
    void unknownIdsGet404() {
        String unknown = "00000000-0000-4000-8000-000000000000";
        assertThat(command("designer", "POST", PRIORITIES, COACHES, unknown).status()).isEqualTo(404);
        assertThat(command("steering", "POST", PRIORITY + "/decision",
                "{\"outcome\":\"APPROVED\",\"rationale\":\"ok\"}", cycle, unknown).status()).isEqualTo(404);
        assertThat(query("designer", "GET", PRIORITY, cycle, unknown).status()).isEqualTo(404);
        assertThat(query("designer", "GET", "/api/cycles/{cycleId}/timeline", unknown).status()).isEqualTo(404);
    }

    @Test
    void aPriorityReadWithItsWritesPositionIsAlwaysThere() {
        for (int attempt = 0; attempt < 20; attempt++) {
            Http.Response proposed = command("designer", "POST", PRIORITIES, COACHES, cycle);
            assertThat(proposed.status()).isEqualTo(201);
            long position = proposed.json().get("position").asLong();

            Http.Response read = query("analyst", "GET", PRIORITY + "?minPosition=" + position, cycle, proposed.id());

            assertThat(read.status()).as("read %d", attempt).isEqualTo(200);
            assertThat(read.json().get("id").asText()).isEqualTo(proposed.id());
            assertThat(read.json().get("position").asLong()).isEqualTo(position);
        }
    }

    @Test
    void withoutCredentialsEverythingIs401() {
        assertThat(command(null, "POST", PRIORITIES, COACHES, cycle).status()).isEqualTo(401);
        assertThat(query(null, "GET", PRIORITIES, cycle).status()).isEqualTo(401);
    }
}
