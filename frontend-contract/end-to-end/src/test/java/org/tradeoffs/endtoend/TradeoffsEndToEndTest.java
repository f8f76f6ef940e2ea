package org.tradeoffs.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.eventstore.EmbeddedMongo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From what the community said to what the steering committee decided: input is recorded and linked,
 * a package funds a priority from sized savings, over-commitment is refused with the numbers, the
 * committee votes under rules frozen at submission, and the balance sheet, decision history and
 * input digest follow live.
 */
class TradeoffsEndToEndTest {

    static final String TRADEOFFS = "/api/cycles/{cycleId}/tradeoffs";
    static final String TRADEOFF = "/api/cycles/{cycleId}/tradeoffs/{tradeoffId}";

    static EmbeddedMongo mongo;
    static Services services;
    static String district;
    static String cycle;
    static String coaches;
    static String transportation;
    static String custodial;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        services = Services.start(mongo);
        district = Scenario.district(services, "Santa Ana USD", 55000);
        // a second steering member, so that votes can disagree
        assertThat(command("admin", "POST", "/api/districts/{districtId}/members",
                "{\"username\":\"analyst\",\"role\":\"STEERING_COMMITTEE\"}", district).status()).isEqualTo(201);
        cycle = Scenario.cycle(services, district, "SY 2027-28");
        coaches = command("designer", "POST", CollaborationEndToEndTest.PRIORITIES, CollaborationEndToEndTest.COACHES,
                cycle).id();
        command("steering", "POST", CollaborationEndToEndTest.PRIORITY + "/decision",
                "{\"outcome\":\"APPROVED\",\"rationale\":\"LCAP Goal 1\"}", cycle, coaches);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(query("designer", SavingsEndToEndTest.OPPORTUNITIES, cycle).json()).hasSize(31));
        transportation = sized(1, 40, "95000.00", 36, 32);  // high 760,000.00
        custodial = sized(4, 188000, "12.50", 176000, 164000); // high 300,000.00
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

    private static String sized(int number, int quantity, String unitCost, int conservative, int ambitious) {
        String id = null;
        for (JsonNode item : query("analyst", SavingsEndToEndTest.OPPORTUNITIES, cycle).json()) {
            if (item.get("number").asInt() == number) {
                id = item.get("id").asText();
            }
        }
        String o = SavingsEndToEndTest.OPPORTUNITY;
        command("designer", "POST", o + "/screening", "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Large\"}", cycle, id);
        String driver = command("designer", "POST", o + "/cost-drivers", "{\"name\":\"Driver\",\"unit\":\"unit\",\"quantity\":"
                + quantity + ",\"unitCost\":\"" + unitCost + "\",\"trend\":\"FLAT\"}", cycle, id).id();
        assertThat(command("designer", "POST", o + "/sizings", "{\"adjustments\":[{\"driverId\":\"" + driver
                + "\",\"conservativeQuantity\":" + conservative + ",\"ambitiousQuantity\":" + ambitious + "}],\"ease\":3}",
                cycle, id).status()).isEqualTo(201);
        return id;
    }

    private static String input(int respondents, String stance) {
        Http.Response recorded = command("designer", "POST", "/api/cycles/{cycleId}/stakeholder-inputs",
                "{\"group\":\"PARENTS\",\"channel\":\"SURVEY\",\"receivedOn\":\"" + LocalDate.now().minusDays(3)
                        + "\",\"summary\":\"Community budget survey: protect early literacy\",\"respondents\":" + respondents
                        + ",\"links\":[{\"kind\":\"PRIORITY\",\"id\":\"" + coaches + "\",\"stance\":\"SUPPORT\"},"
                        + "{\"kind\":\"OPPORTUNITY\",\"id\":\"" + transportation + "\",\"stance\":\"" + stance + "\"}],"
                        + "\"themes\":[\"early literacy\",\"transportation\"]}", cycle);
        assertThat(recorded.status()).isEqualTo(201);
        return recorded.id();
    }

    private static String draft(String title, String transportationAmount, String inputId) {
        Http.Response drafted = command("designer", "POST", TRADEOFFS,
                "{\"title\":\"" + title + "\",\"narrative\":\"Redirect operations savings to coaching\","
                        + "\"investments\":[{\"priorityId\":\"" + coaches + "\",\"amount\":\"1000000.00\"}],"
                        + "\"funding\":[{\"opportunityId\":\"" + transportation + "\",\"amount\":\"" + transportationAmount + "\"},"
                        + "{\"opportunityId\":\"" + custodial + "\",\"amount\":\"300000.00\"}],"
                        + "\"consideredInputs\":[\"" + inputId + "\"]}", cycle);
        assertThat(drafted.status()).isEqualTo(201);
        return drafted.id();
    }

    @Test
    void fromInputToDecisionWithLivePushes() throws Exception {
        try (Stomp tradeoffs = Stomp.connect(services.stompUrl(), "auditor");
             Stomp inputs = Stomp.connect(services.stompUrl(), "analyst")) {
            tradeoffs.subscribe("/topic/cycles/" + cycle + "/tradeoffs", "/topic/cycles/{cycleId}/tradeoffs");
            inputs.subscribe("/topic/cycles/" + cycle + "/inputs", "/topic/cycles/{cycleId}/inputs");
            Scenario.awaitSubscribed(services, "/topic/cycles/" + cycle + "/tradeoffs", 1);
            Scenario.awaitSubscribed(services, "/topic/cycles/" + cycle + "/inputs", 1);

            String survey = input(689, "CONCERN");
            String tradeoff = draft("Fund early-literacy coaches", "700000.00", survey);
            assertThat(command("designer", "POST", TRADEOFF + "/submission", "{\"quorum\":2,\"majority\":\"SIMPLE\"}",
                    cycle, tradeoff).status()).isEqualTo(200);

            assertThat(command("designer", "POST", TRADEOFF + "/votes", "{\"vote\":\"APPROVE\"}", cycle, tradeoff)
                    .status()).isEqualTo(403);
            assertThat(command("steering", "POST", TRADEOFF + "/votes", "{\"vote\":\"ABSTAIN\",\"comment\":\"Reading\"}",
                    cycle, tradeoff).status()).isEqualTo(200);
            Http.Response frozen = command("steering", "POST", TRADEOFF + "/voting-rules",
                    "{\"quorum\":1,\"majority\":\"SIMPLE\"}", cycle, tradeoff);
            assertThat(frozen.json().get("code").asText()).isEqualTo("voting-started");
            assertThat(command("steering", "POST", TRADEOFF + "/votes", "{\"vote\":\"APPROVE\",\"comment\":\"Literacy first\"}",
                    cycle, tradeoff).status()).isEqualTo(200);
            Http.Response deciding = command("analyst", "POST", TRADEOFF + "/votes", "{\"vote\":\"APPROVE\"}", cycle, tradeoff);
            assertThat(deciding.status()).isEqualTo(200);
            long decidedAt = deciding.json().get("position").asLong();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode view = query("auditor", TRADEOFF, cycle, tradeoff).json();
                assertThat(view.get("status").asText()).isEqualTo("APPROVED");
                assertThat(view.get("totals").get("balance").asText()).isEqualTo("0.00");
                assertThat(view.get("decision").get("tally").get("approve").asInt()).isEqualTo(2);
                assertThat(view.get("votes").findValuesAsText("voter")).containsExactlyInAnyOrder("steering", "analyst");
                assertThat(view.get("consideredInputs").get(0).get("summary").asText()).contains("protect early literacy");
            });
            JsonNode balance = query("steering", "/api/cycles/{cycleId}/balance", cycle).json();
            assertThat(balance.get("approvedInvestments").asText()).isEqualTo("1000000.00");
            assertThat(balance.get("committedFunding").asText()).isEqualTo("1000000.00");
            assertThat(balance.get("unfundedPriorities").get(0).get("gap").asText()).isEqualTo("250000.00");
            JsonNode decisions = query("analyst", "/api/cycles/{cycleId}/decisions", cycle).json();
            assertThat(decisions.findValuesAsText("id")).contains(tradeoff);
            JsonNode provenance = query("auditor", "/api/cycles/{cycleId}/decisions/{decisionId}/provenance?minPosition="
                    + decidedAt, cycle, tradeoff).json();
            assertThat(provenance.get("asOfPosition").asLong()).isEqualTo(decidedAt);
            List<String> chain = provenance.get("events").findValuesAsText("type");
            assertThat(chain).contains("PriorityProposed", "OpportunitySized", "StakeholderInputRecorded",
                    "TradeoffDrafted", "TradeoffSubmitted");
            assertThat(chain.subList(chain.size() - 4, chain.size()))
                    .containsExactly("VoteCast", "TradeoffDecided", "FundingCommitted", "FundingCommitted");
            assertThat(provenance.get("items").get("tradeoff").get("status").asText()).isEqualTo("APPROVED");
            assertThat(provenance.get("items").get("inputs").findValuesAsText("id")).contains(survey);
            JsonNode digest = query("auditor", "/api/cycles/{cycleId}/stakeholder-inputs/digest", cycle).json();
            assertThat(digest.get("youSaidWeDid").toString()).contains(survey, tradeoff, "APPROVED");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(tradeoffs.frames).anySatisfy(frame -> {
                    JsonNode json = Http.JSON.readTree(frame);
                    assertThat(json.get("position").asLong()).isGreaterThanOrEqualTo(decidedAt - 3);
                    assertThat(json.get("view").get("tradeoff").get("status").asText()).isEqualTo("APPROVED");
                });
                assertThat(inputs.frames).anySatisfy(frame -> assertThat(frame).contains(survey, "APPROVED"));
            });
            assertThat(tradeoffs.frames).noneMatch(frame -> frame.startsWith("CONTRACT VIOLATION"));
            assertThat(inputs.frames).noneMatch(frame -> frame.startsWith("CONTRACT VIOLATION"));
        }
    }

    /**
     * A write that creates something answers with the query side's URL of it, where a read with the write's position
     * finds it at the version the write answered: a client follows the Location without knowing the other service.
     */
    @Test
    void whatAWriteCreatesIsReadAtItsLocation() {
        Http.Response registered = command("admin", "POST", "/api/districts",
                "{\"name\":\"Garden Grove USD\",\"enrollment\":41000}");
        readAt(registered, "admin", "/api/districts/{districtId}", registered.id());

        Http.Response opened = command("steering", "POST", "/api/districts/{districtId}/cycles",
                "{\"name\":\"SY 2028-29\"}", district);
        String newCycle = opened.id();
        readAt(opened, "designer", "/api/cycles/{cycleId}", newCycle);

        Http.Response proposed = command("designer", "POST", CollaborationEndToEndTest.PRIORITIES,
                CollaborationEndToEndTest.COACHES, newCycle);
        readAt(proposed, "designer", CollaborationEndToEndTest.PRIORITY, newCycle, proposed.id());

        Http.Response recorded = command("designer", "POST", "/api/cycles/{cycleId}/stakeholder-inputs",
                "{\"group\":\"TEACHERS\",\"channel\":\"FOCUS_GROUP\",\"receivedOn\":\"" + LocalDate.now().minusDays(1)
                        + "\",\"summary\":\"Coaching time during the day\",\"respondents\":14}", newCycle);
        readAt(recorded, "analyst", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}", newCycle, recorded.id());

        Http.Response listed = command("analyst", "POST", SavingsEndToEndTest.OPPORTUNITIES,
                "{\"focusArea\":\"REDUCING_OPERATIONAL_COSTS\",\"question\":\"Share a warehouse with the county?\"}",
                newCycle);
        readAt(listed, "analyst", SavingsEndToEndTest.OPPORTUNITY, newCycle, listed.id());

        assertThat(command("steering", "POST", CollaborationEndToEndTest.PRIORITY + "/decision",
                "{\"outcome\":\"APPROVED\",\"rationale\":\"LCAP Goal 1\"}", newCycle, proposed.id()).status())
                .isEqualTo(200);
        Http.Response drafted = command("designer", "POST", TRADEOFFS,
                "{\"title\":\"Coaches from the warehouse\",\"investments\":[{\"priorityId\":\"" + proposed.id()
                        + "\",\"amount\":\"1000.00\"}]}", newCycle);
        readAt(drafted, "steering", TRADEOFF, newCycle, drafted.id());
    }

    /** Follows a 201's Location with the write's position: the created resource, at the version the write answered. */
    private static void readAt(Http.Response created, String user, String template, Object... args) {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.location()).isEqualTo(services.queryUrl() + Http.path(template, args));
        Http.Response read = query(user, template + "?minPosition=" + created.json().get("position").asLong(), args);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("id").asText()).isEqualTo(created.id());
        if (read.etag() != null) {
            assertThat(read.etag()).isEqualTo(created.etag());
        }
    }

    @Test
    void aPackageThatWouldOverCommitAnOpportunityIsRefusedWithTheNumbers() {
        String survey = input(120, "OPPOSE");
        String greedy = command("designer", "POST", TRADEOFFS, "{\"title\":\"Everything from transportation\","
                + "\"investments\":[{\"priorityId\":\"" + coaches + "\",\"amount\":\"800000.00\"}],"
                + "\"funding\":[{\"opportunityId\":\"" + transportation + "\",\"amount\":\"800000.00\"}],"
                + "\"consideredInputs\":[\"" + survey + "\"]}", cycle).id();
        long head = services.headPosition();

        Http.Response refused = command("steering", "POST", TRADEOFF + "/submission", "{\"quorum\":1,\"majority\":\"SIMPLE\"}",
                cycle, greedy);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("over-committed");
        assertThat(refused.json().get("high").asText()).isEqualTo("760000.00");
        assertThat(refused.json().get("requested").asText()).isEqualTo("800000.00");
        assertThat(services.headPosition()).isEqualTo(head);
        assertThat(command("auditor", "POST", TRADEOFFS, "{\"title\":\"Auditor's own\",\"investments\":[{\"priorityId\":\""
                + coaches + "\",\"amount\":\"1.00\"}],\"funding\":[],\"consideredInputs\":[]}", cycle).status())
                .isEqualTo(403);
        assertThat(query("outsider", "/api/cycles/{cycleId}/balance", cycle).status()).isEqualTo(403);
    }
}
