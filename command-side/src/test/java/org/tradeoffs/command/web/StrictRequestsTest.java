package org.tradeoffs.command.web;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.command.savings.OpportunityNumbers;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request the command side cannot answer as asked, whose body is not exactly the JSON its schema describes, or
 * whose path the firewall refuses, is refused with a problem document before anything is stored: no write hides
 * behind an error. A write the store took too late is refused with nothing stored too.
 */
class StrictRequestsTest {

    private static final String PRIORITY = """
            {"title":"Literacy coaches","theoryOfAction":"Coached teachers teach reading better",
             "fundability":"ACTION","estimatedAnnualCost":"120000.00"}""";

    private static EmbeddedMongo mongo;
    private static CommandSide app;
    private static String cycle;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        app = CommandSide.start(mongo, null);
        cycle = app.openCycle(app.demoDistrict(), "SY 2026-27");
    }

    @AfterAll
    static void stop() {
        app.close();
        mongo.close();
    }

    private static long head() {
        return app.bean(OrderedMongoEventStorageEngine.class).headPosition();
    }

    @Test
    void aWriteWhoseAnswerTheClientDoesNotAcceptIsNotStored() {
        long head = head();

        for (String accept : List.of("application/xml", "text/html", "not a media type", "application/problem+json",
                "application/json;q=0", "application/json; charset=ISO-8859-1", "application/json;charset=UTF-16",
                "application/json;charset=no-such-charset",
                "application/json;charset=ISO-8859-1, application/json;q=0.5")) {
            CommandSide.Response refused = app.exchange("designer", "POST", "/api/cycles/" + cycle + "/priorities",
                    PRIORITY, "Accept", accept);

            assertThat(refused.status()).as(accept).isEqualTo(406);
            assertThat(refused.headers().firstValue("Content-Type")).as(accept).hasValue("application/problem+json");
            assertThat(refused.json().path("code").asText()).as(accept).isEqualTo("not-acceptable");
        }
        assertThat(head()).isEqualTo(head);

        for (String accept : List.of("application/json", "application/*", "*/*", "text/html, application/json;q=0.5",
                "application/problem+json, application/json")) {
            CommandSide.Response accepted = app.exchange("designer", "POST", "/api/cycles/" + cycle + "/priorities",
                    PRIORITY, "Accept", accept);
            assertThat(accepted.status()).as(accept).isEqualTo(201);
            assertThat(accepted.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
        }
        CommandSide.Response inUtf8 = app.exchange("designer", "POST", "/api/cycles/" + cycle + "/priorities",
                PRIORITY, "Accept", "application/json; charset=UTF-8");
        assertThat(inUtf8.status()).isEqualTo(201);
        assertThat(inUtf8.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
        for (String accept : List.of("application/json", "application/problem+json, application/json")) {
            CommandSide.Response invalid = app.exchange("designer", "POST", "/api/cycles/" + cycle + "/priorities",
                    "{}", "Accept", accept);
            assertThat(invalid.status()).as(accept).isEqualTo(400);
            assertThat(invalid.headers().firstValue("Content-Type")).as(accept).hasValue("application/problem+json");
        }
    }

    @Test
    void aBodyThatIsNotExactlyItsSchemasJsonIsRefused() {
        long head = head();

        List<String> bodies = List.of(
                // a fraction, or text, where a whole number belongs
                "{\"name\":\"Fremont Unified\",\"enrollment\":1.5}",
                "{\"name\":\"Fremont Unified\",\"enrollment\":\"30000\"}",
                // a number and a boolean where text belongs
                "{\"name\":123,\"enrollment\":30000}",
                "{\"name\":true,\"enrollment\":30000}",
                // more after the JSON value
                "{\"name\":\"Fremont Unified\",\"enrollment\":30000} xyz",
                "{\"name\":\"Fremont Unified\",\"enrollment\":30000}{\"name\":\"Other\"}");
        for (String body : bodies) {
            CommandSide.Response refused = app.post("admin", "/api/districts", body);

            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat(refused.json().path("code").asText()).as(body).isIn("validation-failed", "malformed-request");
        }
        assertThat(head()).isEqualTo(head);
        assertThat(app.post("admin", "/api/districts", "{\"name\":\"Fremont Unified\",\"enrollment\":30000}").status())
                .isEqualTo(201);
    }

    /** A choice's index, a number or text for true or false, and a count of days for a date are not what they mean. */
    @Test
    void numbersAndTextAreNotTakenForChoicesTruthOrDates() {
        String opportunity = "/api/cycles/" + cycle + "/opportunities/" + OpportunityNumbers.idOf(cycle, 2);
        assertThat(app.post("designer", opportunity + "/screening",
                "{\"decision\":\"SHALLOW_DIVE\",\"reason\":\"Utility bills up\"}").status()).isEqualTo(200);
        long head = head();
        String input = "{\"group\":\"TEACHERS\",\"channel\":\"TOWN_HALL\",\"receivedOn\":%s,\"summary\":\"More time\","
                + "\"respondents\":4,\"links\":[],\"themes\":[]}";

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(PRIORITY.replace("\"ACTION\"", "0"), "/api/cycles/" + cycle + "/priorities");
        refused.put(PRIORITY.replace("\"ACTION\"", "\"0\""), "/api/cycles/" + cycle + "/priorities");
        refused.put(input.formatted("20000"), "/api/cycles/" + cycle + "/stakeholder-inputs");
        refused.put(input.formatted("\"2026-11-20\"").replace("\"TEACHERS\"", "3"),
                "/api/cycles/" + cycle + "/stakeholder-inputs");
        refused.put("{\"kind\":\"STATE_POLICY\",\"rigid\":1,\"description\":\"Temperatures\"}",
                opportunity + "/constraints");
        refused.put("{\"kind\":\"STATE_POLICY\",\"rigid\":\"true\",\"description\":\"Temperatures\"}",
                opportunity + "/constraints");
        refused.forEach((body, path) -> {
            CommandSide.Response answer = app.post("designer", path, body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
        });
        assertThat(head()).isEqualTo(head);

        assertThat(app.post("designer", "/api/cycles/" + cycle + "/stakeholder-inputs",
                input.formatted("\"2026-11-20\"")).status()).isEqualTo(201);
        assertThat(app.post("analyst", opportunity + "/constraints",
                "{\"kind\":\"STATE_POLICY\",\"rigid\":true,\"description\":\"Temperatures\"}").status())
                .isEqualTo(201);
    }

    @Test
    void anIfMatchThatNamesNoVersionIsRefused() {
        String priority = app.post("designer", "/api/cycles/" + cycle + "/priorities", PRIORITY).id();
        long head = head();

        for (String ifMatch : List.of("abc", "*", "\"99999999999999999999\"", "\"1", "\"1\", \"2\"")) {
            CommandSide.Response refused = app.put("designer", "/api/cycles/" + cycle + "/priorities/" + priority,
                    PRIORITY, ifMatch);

            assertThat(refused.status()).as(ifMatch).isEqualTo(400);
            assertThat(refused.json().path("code").asText()).as(ifMatch).isEqualTo("validation-failed");
            assertThat(refused.json().path("errors").get(0).path("field").asText()).as(ifMatch).isEqualTo("If-Match");
        }
        assertThat(head()).isEqualTo(head);
        assertThat(app.put("designer", "/api/cycles/" + cycle + "/priorities/" + priority, PRIORITY, "\"2\"")
                .status()).isEqualTo(412);
        assertThat(app.put("designer", "/api/cycles/" + cycle + "/priorities/" + priority, PRIORITY, "W/\"1\"")
                .status()).isEqualTo(200);
    }

    @Test
    void aClosedObjectTakesNoOtherFieldsWhileTheOpenOnesIgnoreThem() {
        String cost = "\"staff\":\"1.00\",\"services\":\"0\",\"materials\":\"0\",\"unallocated\":\"0\"";
        String priority = "{\"title\":\"Coaches\",\"theoryOfAction\":\"x\",\"fundability\":\"ACTION\","
                + "\"cost\":{" + cost;
        long head = head();

        CommandSide.Response refused = app.post("designer", "/api/cycles/" + cycle + "/priorities",
                priority + ",\"bonus\":\"5\"}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asText()).isIn("validation-failed", "malformed-request");
        assertThat(head()).isEqualTo(head);
        // the request itself is an open object (its schema admits other fields): an unknown one is ignored
        assertThat(app.post("designer", "/api/cycles/" + cycle + "/priorities", priority + "},\"mood\":\"keen\"}")
                .status()).isEqualTo(201);
    }

    /** Refused before any controller: a problem document like every other refusal. */
    @Test
    void aPathTheFirewallRefusesIsABadRequestProblem() {
        long head = head();

        // a matrix parameter, a double slash (Spring Security's firewall); an encoded slash or backslash (Tomcat)
        for (String path : List.of("/api/cycles/" + cycle + ";x=1/priorities",
                "/api/cycles//" + cycle + "/priorities", "/api/cycles/" + cycle + "%2Fpriorities",
                "/api/cycles/" + cycle + "%5Cpriorities")) {
            CommandSide.Response refused = app.post("designer", path, PRIORITY);

            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(refused.json().path("code").asText()).as(path).isEqualTo("malformed-request");
            assertThat(refused.json().path("status").asInt()).as(path).isEqualTo(400);
            assertThat(refused.body()).as(path).doesNotContain("Exception");
        }
        assertThat(head()).isEqualTo(head);
    }

    /** A front end served from another origin on the allowed list may call the API; other origins may not. */
    @Test
    void aBrowserOnAnAllowedOriginMayWriteAndReadTheVersionAndOthersMayNot() {
        String path = "/api/cycles/" + cycle + "/priorities";
        CommandSide.Response preflight = app.exchange("designer", "OPTIONS", path, "",
                "Origin", "http://localhost:5173", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,if-match");
        CommandSide.Response elsewhere = app.exchange("designer", "OPTIONS", path, "",
                "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "POST");
        CommandSide.Response proposed = app.exchange("designer", "POST", path, PRIORITY,
                "Origin", "http://localhost:5173");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("if-match");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(proposed.status()).isEqualTo(201);
        assertThat(proposed.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("ETag");
    }

    /**
     * A write whose insert came after the event store's readers had given its position up (a hole older than the hole
     * timeout, burned) stored nothing: it is answered 503 {@code not-stored} with {@code Retry-After}, and the same
     * request sent again is stored.
     */
    @Test
    void aWriteWhosePositionAReaderBurnedIsAnsweredNotStoredAndCanBeSentAgain() {
        MongoDatabase database = app.bean(MongoDatabase.class);
        long next = head() + 1;
        // what a reader leaves at a position it waited for longer than the hole timeout: as if this write's insert
        // came that late
        database.getCollection("events").insertOne(new Document("_id", next).append("first", next).append("count", 1)
                .append("committedAt", "2026-12-02T17:00:00.000000000Z").append("streams", List.of("~burned:" + next))
                .append("tags", List.of()).append("events", List.of()));
        long proposals = proposals(database);

        CommandSide.Response late = app.post("designer", "/api/cycles/" + cycle + "/priorities", PRIORITY);

        assertThat(late.status()).isEqualTo(503);
        assertThat(late.json().path("code").asText()).isEqualTo("not-stored");
        assertThat(late.headers().firstValue("Retry-After")).hasValue("1");
        ContractChecks.conforms("POST", "/api/cycles/{cycleId}/priorities", 503, late.body());
        assertThat(proposals(database)).isEqualTo(proposals);

        CommandSide.Response again = app.post("designer", "/api/cycles/" + cycle + "/priorities", PRIORITY);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("position").asLong()).isGreaterThan(next);
        assertThat(proposals(database)).isEqualTo(proposals + 1);
    }

    private static long proposals(MongoDatabase database) {
        return database.getCollection("events").countDocuments(Filters.eq("events.payloadType",
                "org.tradeoffs.events.priority.PriorityProposed"));
    }
}
