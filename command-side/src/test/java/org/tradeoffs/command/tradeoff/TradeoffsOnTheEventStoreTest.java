package org.tradeoffs.command.tradeoff;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.web.ContractChecks;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.command.savings.OpportunityNumbers;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tradeoff decisions on the real event store: a decision and the funding it commits are one commit, and
 * packages racing for the same opportunity never commit more than its high estimate together.
 */
class TradeoffsOnTheEventStoreTest {

    private static final String VOTES = "/api/cycles/{cycleId}/tradeoffs/{tradeoffId}/votes";
    private static final BigDecimal HIGH = new BigDecimal("760000.00");

    private static EmbeddedMongo mongo;
    private static CommandSide app;
    private static String district;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        app = CommandSide.start(mongo, null);
        district = app.demoDistrict();
    }

    @AfterAll
    static void stop() {
        app.close();
        mongo.close();
    }

    // ---------------------------------------------------------------- the way to a submitted package

    private static String openCycle(String name) {
        return app.openCycle(district, name);
    }

    private static String approvedPriority(String cycle) {
        String priority = app.post("designer", "/api/cycles/" + cycle + "/priorities", """
                {"title":"K-5 early literacy coaches","description":"12 FTE","theoryOfAction":"Coaching raises reading",
                 "fundability":"ACTION","estimatedAnnualCost":"1250000.00"}""").id();
        assertThat(app.post("steering", "/api/cycles/" + cycle + "/priorities/" + priority + "/decision",
                "{\"outcome\":\"APPROVED\",\"rationale\":\"LCAP Goal 1\"}").status()).isEqualTo(200);
        return priority;
    }

    /** Opportunity #number, sized from 40 buses at $95,000 down to 36 / 32: high 760,000.00. */
    private static String sizedOpportunity(String cycle, int number) {
        String opportunity = OpportunityNumbers.idOf(cycle, number);
        String base = "/api/cycles/" + cycle + "/opportunities/" + opportunity;
        assertThat(app.post("designer", base + "/screening", "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Large\"}")
                .status()).isEqualTo(200);
        String driver = app.post("analyst", base + "/cost-drivers",
                "{\"name\":\"Buses\",\"unit\":\"bus\",\"quantity\":40,\"unitCost\":\"95000.00\",\"trend\":\"RISING\"}").id();
        CommandSide.Response sized = app.post("analyst", base + "/sizings", "{\"adjustments\":[{\"driverId\":\"" + driver
                + "\",\"conservativeQuantity\":36,\"ambitiousQuantity\":32}],\"ease\":4}");
        assertThat(sized.json().path("high").asText()).isEqualTo("760000.00");
        return opportunity;
    }

    /** A package funding the priority from the opportunities (id, amount, id, amount, ...), submitted with quorum 1. */
    private static String submittedPackage(String cycle, String priority, String... funding) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < funding.length; i += 2) {
            lines.append(i == 0 ? "" : ",").append("{\"opportunityId\":\"").append(funding[i])
                    .append("\",\"amount\":\"").append(funding[i + 1]).append("\"}");
        }
        CommandSide.Response drafted = app.post("designer", "/api/cycles/" + cycle + "/tradeoffs",
                "{\"title\":\"Fund coaches\",\"investments\":[{\"priorityId\":\"" + priority
                        + "\",\"amount\":\"600000.00\"}],\"funding\":[" + lines + "]}");
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        CommandSide.Response submitted = app.post("designer", "/api/cycles/" + cycle + "/tradeoffs/" + drafted.id()
                + "/submission", "{\"quorum\":1,\"majority\":\"SIMPLE\"}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        return drafted.id();
    }

    private static CommandSide.Response approve(CommandSide side, String cycle, String tradeoff) {
        return side.post("steering", "/api/cycles/" + cycle + "/tradeoffs/" + tradeoff + "/votes",
                "{\"vote\":\"APPROVE\"}");
    }

    private static List<Object> eventsOf(String aggregateId) {
        List<Object> payloads = new ArrayList<>();
        DomainEventStream events = app.bean(EventStore.class).readEvents(aggregateId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            payloads.add(event.getPayload());
        }
        return payloads;
    }

    private static BigDecimal committedOn(String opportunity) {
        return eventsOf(opportunity).stream().filter(FundingCommitted.class::isInstance).map(FundingCommitted.class::cast)
                .map(FundingCommitted::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static boolean approved(String tradeoff) {
        return eventsOf(tradeoff).stream().anyMatch(event ->
                event instanceof TradeoffDecided decided && decided.outcome() == Outcome.APPROVED
                        || event instanceof TradeoffClosed closed && closed.outcome() == Outcome.APPROVED);
    }

    private void conformsToTheContract(String method, String template, CommandSide.Response response) {
        ContractChecks.conforms(method, template, response.status(), response.body());
    }

    // ---------------------------------------------------------------- one commit

    @Test
    void anApprovalStoresTheDecisionAndItsFundingInOneCommit() {
        String cycle = openCycle("SY 2027-28");
        String priority = approvedPriority(cycle);
        String buses = sizedOpportunity(cycle, 1);
        String energy = sizedOpportunity(cycle, 2);
        String tradeoff = submittedPackage(cycle, priority, buses, "500000.00", energy, "100000.00");

        CommandSide.Response approved = approve(app, cycle, tradeoff);

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        conformsToTheContract("POST", VOTES, approved);
        assertThat(approved.json().path("version").asLong()).isEqualTo(4);
        assertThat(approved.etag()).isEqualTo("\"4\"");
        // the vote is the package's third event (sequence 2); its commit holds everything the approval stored
        List<Document> commits = app.bean(MongoDatabase.class).getCollection("events")
                .find(Filters.eq("streams", tradeoff + ":2")).into(new ArrayList<>());
        assertThat(commits).hasSize(1);
        Document commit = commits.get(0);
        assertThat(commit.getLong("_id")).isEqualTo(approved.json().path("position").asLong());
        assertThat(commit.getList("streams", String.class)).containsExactly(tradeoff + ":2", tradeoff + ":3",
                buses + ":" + (eventsOf(buses).size() - 1), energy + ":" + (eventsOf(energy).size() - 1));
        assertThat(commit.getList("events", Document.class).stream().map(event -> event.getString("payloadType")))
                .containsExactly("org.tradeoffs.events.tradeoff.VoteCast",
                        "org.tradeoffs.events.tradeoff.TradeoffDecided",
                        "org.tradeoffs.events.savings.FundingCommitted",
                        "org.tradeoffs.events.savings.FundingCommitted");
        assertThat(eventsOf(buses)).last().isEqualTo(new FundingCommitted(buses, cycle, district, tradeoff,
                new BigDecimal("500000.00"), "steering"));
        assertThat(committedOn(energy)).isEqualByComparingTo("100000.00");
    }

    @Test
    void anApprovalThatNoLongerFitsIsRefusedWithTheNumbersAndStoresNothing() {
        String cycle = openCycle("SY 2028-29");
        String priority = approvedPriority(cycle);
        String buses = sizedOpportunity(cycle, 1);
        String first = submittedPackage(cycle, priority, buses, "600000.00");
        String second = submittedPackage(cycle, priority, buses, "600000.00");
        assertThat(approve(app, cycle, first).status()).isEqualTo(200);
        long head = app.bean(OrderedMongoEventStorageEngine.class).headPosition();

        CommandSide.Response refused = approve(app, cycle, second);

        assertThat(refused.status()).isEqualTo(409);
        conformsToTheContract("POST", VOTES, refused);
        assertThat(refused.json().path("code").asText()).isEqualTo("over-committed");
        assertThat(refused.json().path("opportunityId").asText()).isEqualTo(buses);
        assertThat(refused.json().path("number").asInt()).isEqualTo(1);
        assertThat(refused.json().path("high").asText()).isEqualTo("760000.00");
        assertThat(refused.json().path("committed").asText()).isEqualTo("600000.00");
        assertThat(refused.json().path("available").asText()).isEqualTo("160000.00");
        assertThat(refused.json().path("requested").asText()).isEqualTo("600000.00");
        assertThat(app.bean(OrderedMongoEventStorageEngine.class).headPosition()).isEqualTo(head);
        assertThat(eventsOf(second)).hasSize(2);

        CommandSide.Response greedy = app.post("designer", "/api/cycles/" + cycle + "/tradeoffs/"
                + app.post("designer", "/api/cycles/" + cycle + "/tradeoffs", "{\"title\":\"More\",\"investments\":"
                + "[{\"priorityId\":\"" + priority + "\",\"amount\":1}],\"funding\":[{\"opportunityId\":\"" + buses
                + "\",\"amount\":\"160000.01\"}]}").id() + "/submission", "{\"quorum\":1,\"majority\":\"SIMPLE\"}");
        assertThat(greedy.status()).isEqualTo(409);
        assertThat(greedy.json().path("available").asText()).isEqualTo("160000.00");
        assertThat(greedy.json().path("requested").asText()).isEqualTo("160000.01");
    }

    /** A priority reopened and rejected after the package's submission: the approving vote is refused whole. */
    @Test
    void anApprovalOfAPackageWhosePriorityIsNoLongerApprovedIsRefusedAndStoresNothing() {
        String cycle = openCycle("SY 2031-32");
        String priority = approvedPriority(cycle);
        String buses = sizedOpportunity(cycle, 1);
        String tradeoff = submittedPackage(cycle, priority, buses, "600000.00");
        String decision = "/api/cycles/" + cycle + "/priorities/" + priority;
        assertThat(app.post("steering", decision + "/reopening", "{\"reason\":\"New enrollment figures\"}").status())
                .isEqualTo(200);
        assertThat(app.post("steering", decision + "/decision", "{\"outcome\":\"REJECTED\",\"rationale\":\"Later\"}")
                .status()).isEqualTo(200);

        assertApprovalRefused(cycle, tradeoff, "priority-not-approved", buses);
    }

    /** An opportunity screened out after the package's submission no longer funds it: the approval is refused whole. */
    @Test
    void anApprovalFundedByAnOpportunityScreenedOutSinceIsRefusedAndStoresNothing() {
        String cycle = openCycle("SY 2032-33");
        String priority = approvedPriority(cycle);
        String buses = sizedOpportunity(cycle, 1);
        String tradeoff = submittedPackage(cycle, priority, buses, "600000.00");
        assertThat(app.post("steering", "/api/cycles/" + cycle + "/opportunities/" + buses + "/screening",
                "{\"decision\":\"SCREENED_OUT\",\"reason\":\"Contract renewed for five years\"}").status())
                .isEqualTo(200);

        assertApprovalRefused(cycle, tradeoff, "opportunity-screened-out", buses);
    }

    /** The approving vote is refused whole: 409 with the code, as the contract says; nothing stored or committed. */
    private void assertApprovalRefused(String cycle, String tradeoff, String code, String opportunity) {
        long head = app.bean(OrderedMongoEventStorageEngine.class).headPosition();

        CommandSide.Response refused = approve(app, cycle, tradeoff);

        assertThat(refused.status()).isEqualTo(409);
        conformsToTheContract("POST", VOTES, refused);
        assertThat(refused.json().path("code").asText()).isEqualTo(code);
        assertThat(app.bean(OrderedMongoEventStorageEngine.class).headPosition()).isEqualTo(head);
        assertThat(approved(tradeoff)).isFalse();
        assertThat(committedOn(opportunity)).isEqualByComparingTo("0");
    }

    // ---------------------------------------------------------------- linked items

    @Test
    void inputsAndPackagesNameOnlyItemsOfTheirOwnCycle() {
        String cycle = openCycle("SY 2031-32");
        String otherCycle = openCycle("SY 2032-33");
        String priority = approvedPriority(cycle);
        String elsewhere = approvedPriority(otherCycle);
        String buses = OpportunityNumbers.idOf(cycle, 1);
        String today = LocalDate.now(ZoneId.of("America/Los_Angeles")).toString();
        String inputs = "/api/cycles/" + cycle + "/stakeholder-inputs";
        String input = "{\"group\":\"PARENTS\",\"channel\":\"SURVEY\",\"receivedOn\":\"" + today
                + "\",\"summary\":\"Protect early literacy\",\"respondents\":689,\"links\":[%s]}";

        CommandSide.Response recorded = app.post("designer", inputs, input.formatted(
                "{\"kind\":\"PRIORITY\",\"id\":\"" + priority + "\",\"stance\":\"SUPPORT\"},"
                        + "{\"kind\":\"OPPORTUNITY\",\"id\":\"" + buses + "\",\"stance\":\"CONCERN\"}"));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        conformsToTheContract("POST", "/api/cycles/{cycleId}/stakeholder-inputs", recorded);
        long head = app.bean(OrderedMongoEventStorageEngine.class).headPosition();
        for (String link : List.of("{\"kind\":\"OPPORTUNITY\",\"id\":\"" + priority + "\",\"stance\":\"IDEA\"}",
                "{\"kind\":\"PRIORITY\",\"id\":\"" + elsewhere + "\",\"stance\":\"IDEA\"}",
                "{\"kind\":\"PRIORITY\",\"id\":\"no-such-priority\",\"stance\":\"IDEA\"}")) {
            CommandSide.Response refused = app.post("designer", inputs, input.formatted(link));
            assertThat(refused.status()).as(link).isEqualTo(409);
            assertThat(refused.json().path("code").asText()).isEqualTo("unknown-linked-item");
        }
        assertThat(app.bean(OrderedMongoEventStorageEngine.class).headPosition()).isEqualTo(head);

        String otherInput = app.post("designer", "/api/cycles/" + otherCycle + "/stakeholder-inputs",
                input.formatted("")).id();
        String tradeoffs = "/api/cycles/" + cycle + "/tradeoffs";
        String draft = "{\"title\":\"Coaches\",\"investments\":[{\"priorityId\":\"" + priority
                + "\",\"amount\":\"10.00\"}],\"consideredInputs\":[\"%s\"]}";
        CommandSide.Response drafted = app.post("designer", tradeoffs, draft.formatted(recorded.id()));
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        conformsToTheContract("POST", "/api/cycles/{cycleId}/tradeoffs", drafted);
        CommandSide.Response refused = app.post("designer", tradeoffs, draft.formatted(otherInput));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("code").asText()).isEqualTo("unknown-linked-item");
        CommandSide.Response auditor = app.post("auditor", tradeoffs, draft.formatted(recorded.id()));
        assertThat(auditor.status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- racing packages

    @Test
    void twoPackagesRacingForTheSameOpportunityCannotTogetherCommitMoreThanItsEstimate() {
        String cycle = openCycle("SY 2029-30");
        String priority = approvedPriority(cycle);
        for (int round = 1; round <= 5; round++) {
            race(cycle, priority, round, app, app);
        }
    }

    @Test
    void twoCommandSidesOnOneStoreCannotTogetherCommitMoreThanAnOpportunitysEstimate() {
        String cycle = openCycle("SY 2030-31");
        String priority = approvedPriority(cycle);
        try (CommandSide other = CommandSide.start(mongo, null)) {
            for (int round = 1; round <= 5; round++) {
                race(cycle, priority, round, app, other);
            }
        }
    }

    /**
     * Two packages of 600,000 each from an opportunity with a high estimate of 760,000, both submitted (each
     * fits alone); then the deciding votes of both at the same moment, through {@code one} and {@code two}.
     */
    private void race(String cycle, String priority, int number, CommandSide one, CommandSide two) {
        String opportunity = sizedOpportunity(cycle, number);
        String first = submittedPackage(cycle, priority, opportunity, "600000.00");
        String second = submittedPackage(cycle, priority, opportunity, "600000.00");

        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<CommandSide.Response> firstVote = CompletableFuture.supplyAsync(
                atStart(start, () -> approve(one, cycle, first)));
        CompletableFuture<CommandSide.Response> secondVote = CompletableFuture.supplyAsync(
                atStart(start, () -> approve(two, cycle, second)));
        start.countDown();
        List<CommandSide.Response> responses = List.of(firstVote.join(), secondVote.join());

        assertThat(committedOn(opportunity)).as("round %d", number).isLessThanOrEqualTo(HIGH);
        assertThat(List.of(approved(first), approved(second))).as("round %d", number).containsOnlyOnce(true);
        assertThat(responses).extracting(CommandSide.Response::status).containsExactlyInAnyOrder(200, 409);
        CommandSide.Response loser = responses.stream().filter(response -> response.status() == 409).findFirst()
                .orElseThrow();
        conformsToTheContract("POST", VOTES, loser);
        assertThat(loser.json().path("code").asText()).isIn("over-committed", "concurrent-modification");
        String loserId = approved(first) ? second : first;
        assertThat(eventsOf(loserId)).as("the refused vote stored nothing").hasSize(2);
        // whoever lost, trying again meets the committed funding
        CommandSide.Response retried = approve(one, cycle, loserId);
        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.json().path("code").asText()).isEqualTo("over-committed");
        assertThat(committedOn(opportunity)).isEqualByComparingTo("600000.00");
    }

    private static <T> Supplier<T> atStart(CountDownLatch start, Supplier<T> action) {
        return () -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return action.get();
        };
    }
}
