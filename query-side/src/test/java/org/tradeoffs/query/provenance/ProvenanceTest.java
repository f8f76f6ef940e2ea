package org.tradeoffs.query.provenance;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradeoffs.auditchain.AuditRecord;
import org.tradeoffs.auditchain.CanonicalJson;
import org.tradeoffs.auditchain.Filing;
import org.tradeoffs.auditchain.HashChain;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.savings.CostDriverAdded;
import org.tradeoffs.events.savings.DriverAdjustment;
import org.tradeoffs.events.savings.FundingCommitted;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.OpportunityScreened;
import org.tradeoffs.events.savings.OpportunitySized;
import org.tradeoffs.events.savings.SavingsCatalog;
import org.tradeoffs.events.savings.ScreeningDecision;
import org.tradeoffs.events.savings.Trend;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Tally;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.Vote;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.query.QueryApplication;
import org.tradeoffs.query.TestMongo;

/**
 * The whole query side over an in-memory MongoDB with events appended to the real event store: a package decided
 * by its vote and a priority decided twice, with inputs, sizings and revisions before and after their decisions.
 * Every answer is checked against the contract.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QueryApplication.CONFIG_NAME)
class ProvenanceTest {

    @RegisterExtension
    static final TestMongo MONGO = new TestMongo();
    static final String PATH = "/api/cycles/{cycleId}/decisions/{decisionId}/provenance";
    /** Reads amounts in payloads exactly as written, so a payload can be hashed again. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        MONGO.register(properties);
    }


    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventProcessingConfiguration processing;

    private final String district = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();
    private final String otherCycle = UUID.randomUUID().toString();
    private final String transport = UUID.randomUUID().toString();
    private final String energy = UUID.randomUUID().toString();
    private final String coaches = UUID.randomUUID().toString();
    private final String undecided = UUID.randomUUID().toString();
    private final String parents = UUID.randomUUID().toString();
    private final String staff = UUID.randomUUID().toString();
    private final String drivers = UUID.randomUUID().toString();
    private final String relinked = UUID.randomUUID().toString();
    private final String tradeoff = UUID.randomUUID().toString();
    private final String driver = UUID.randomUUID().toString();

    private long packageDecided;
    private long fundingCommitted;
    private long priorityRejected;
    private long head;

    /**
     * The coaches priority is proposed, revised and approved; the package invests in it from transportation
     * savings (sized twice) and is approved by the deciding vote, which commits the funding in the same commit.
     * Then the transportation opportunity is sized again, the parents' input tagged, the priority reopened,
     * revised and rejected, and the parents' input corrected. Inputs: parents link the priority; transport
     * drivers link the funded opportunity; staff link the unfunded energy opportunity but the package lists them;
     * "relinked" linked the priority until a correction moved it to energy, before any decision.
     */
    @BeforeEach
    void seed() {
        append("District", district, 0, new DistrictRegistered(district, "Hayward USD", 22272, "admin"));
        append("District", district, 1, new MemberRoleGranted(district, "auditor", Role.AUDITOR, "admin"));
        append("District", district, 2, new MemberRoleGranted(district, "steering", Role.STEERING_COMMITTEE, "admin"));
        append("District", district, 3, new MemberRoleGranted(district, "designer", Role.DESIGN_TEAM, "admin"));
        List<GenericDomainEventMessage<?>> opening = new ArrayList<>();
        opening.add(new GenericDomainEventMessage<>("Cycle", cycle, 0,
                new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering")));
        opening.add(listing(transport, SavingsCatalog.ENTRIES.get(0)));
        opening.add(listing(energy, SavingsCatalog.ENTRIES.get(1)));
        eventStore.publish(opening);
        append("Cycle", otherCycle, 0, new PlanningCycleOpened(otherCycle, district, "SY 2028-29", "steering"));

        append("Priority", coaches, 0, new PriorityProposed(coaches, cycle, district,
                details("K-5 literacy coaches", "1250000.00"), "designer"));
        append("Priority", undecided, 0, new PriorityProposed(undecided, cycle, district,
                details("Smaller K-3 classes", "2400000.00"), "designer"));
        append("Priority", coaches, 1, new PriorityRevised(coaches, cycle, district,
                details("K-5 literacy coaches, 12 FTE", "1300000.00"), "designer"));
        append("StakeholderInput", parents, 0, new StakeholderInputRecorded(parents, cycle, district,
                input("Parents want earlier reading support", new InputLink(InputLink.Kind.PRIORITY, coaches,
                        Stance.SUPPORT)), List.of("early literacy"), "designer"));
        append("StakeholderInput", relinked, 0, new StakeholderInputRecorded(relinked, cycle, district,
                input("Teachers ask about coaching", new InputLink(InputLink.Kind.PRIORITY, coaches, Stance.IDEA)),
                List.of(), "designer"));
        append("StakeholderInput", relinked, 1, new StakeholderInputCorrected(relinked, cycle, district,
                input("Teachers ask about lighting", new InputLink(InputLink.Kind.OPPORTUNITY, energy, Stance.IDEA)),
                "It was about classroom lighting", "designer"));
        append("Priority", coaches, 2, new PriorityApproved(coaches, cycle, district, "Strongest evidence",
                "steering"));
        append("StakeholderInput", staff, 0, new StakeholderInputRecorded(staff, cycle, district,
                input("Staff support LED retrofits", new InputLink(InputLink.Kind.OPPORTUNITY, energy,
                        Stance.SUPPORT)), List.of(), "designer"));
        append("StakeholderInput", drivers, 0, new StakeholderInputRecorded(drivers, cycle, district,
                input("Drivers worry about longer routes", new InputLink(InputLink.Kind.OPPORTUNITY, transport,
                        Stance.CONCERN)), List.of(), "designer"));
        append("Opportunity", transport, 1, new OpportunityScreened(transport, cycle, district,
                ScreeningDecision.SHALLOW_DIVE, "Routes overlap", "designer"));
        append("Opportunity", transport, 2, new CostDriverAdded(transport, cycle, district, driver, "Bus routes",
                "route", new BigDecimal("40"), new BigDecimal("95000.00"), Trend.FLAT, null, "analyst"));
        append("Opportunity", transport, 3, sizing(transport, "35", "32", "475000.00", "760000.00"));
        append("Opportunity", transport, 4, sizing(transport, "34", "31", "570000.00", "855000.00"));
        append("TradeoffPackage", tradeoff, 0, new TradeoffDrafted(tradeoff, cycle, district,
                content("700000.00", List.of()), "designer"));
        append("TradeoffPackage", tradeoff, 1, new TradeoffRevised(tradeoff, cycle, district, 2,
                content("750000.00", List.of(staff)), "designer"));
        append("TradeoffPackage", tradeoff, 2, new TradeoffSubmitted(tradeoff, cycle, district, 1, Majority.SIMPLE,
                List.of("steering"), "designer"));
        eventStore.publish(List.of(
                new GenericDomainEventMessage<>("TradeoffPackage", tradeoff, 3,
                        new VoteCast(tradeoff, cycle, district, Vote.APPROVE, "Funded by routing", "steering")),
                new GenericDomainEventMessage<>("TradeoffPackage", tradeoff, 4,
                        new TradeoffDecided(tradeoff, cycle, district, Outcome.APPROVED, new Tally(1, 0, 0),
                                "steering")),
                new GenericDomainEventMessage<>("Opportunity", transport, 5,
                        new FundingCommitted(transport, cycle, district, tradeoff, new BigDecimal("750000.00"),
                                "steering"))));
        fundingCommitted = headPosition();
        packageDecided = fundingCommitted - 1;

        append("Opportunity", transport, 6, sizing(transport, "30", "28", "950000.00", "1140000.00"));
        append("StakeholderInput", parents, 1, new StakeholderInputTagged(parents, cycle, district, List.of("math"),
                "designer"));
        append("Priority", coaches, 3, new PriorityReopened(coaches, cycle, district, "Costs changed", "steering"));
        append("Priority", coaches, 4, new PriorityRevised(coaches, cycle, district,
                details("K-5 literacy coaches, 16 FTE", "1700000.00"), "designer"));
        priorityRejected = append("Priority", coaches, 5, new PriorityRejected(coaches, cycle, district,
                "Too expensive now", "steering"));
        head = append("StakeholderInput", parents, 2, new StakeholderInputCorrected(parents, cycle, district,
                input("Parents want reading support in K-2", new InputLink(InputLink.Kind.PRIORITY, coaches,
                        Stance.SUPPORT)), "Survey recounted", "designer"));
    }

    @Test
    void packageProvenanceIsTheOrderedChainOfItsPrioritiesOpportunitiesInputsAndVotesUpToItsDecisionCommit() {
        JsonNode provenance = read("auditor", cycle, tradeoff);

        assertThat(provenance.path("kind").asText()).isEqualTo("TRADEOFF");
        assertThat(provenance.path("outcome").asText()).isEqualTo("APPROVED");
        assertThat(provenance.path("decidedBy").asText()).isEqualTo("steering");
        assertThat(provenance.path("decidedAtPosition").asLong()).isEqualTo(packageDecided);
        assertThat(provenance.path("asOfPosition").asLong()).isEqualTo(fundingCommitted);
        assertThat(chain(provenance)).containsExactly(
                tuple("OpportunityListed", transport),
                tuple("PriorityProposed", coaches),
                tuple("PriorityRevised", coaches),
                tuple("StakeholderInputRecorded", parents),
                tuple("PriorityApproved", coaches),
                tuple("StakeholderInputRecorded", staff),
                tuple("StakeholderInputRecorded", drivers),
                tuple("OpportunityScreened", transport),
                tuple("CostDriverAdded", transport),
                tuple("OpportunitySized", transport),
                tuple("OpportunitySized", transport),
                tuple("TradeoffDrafted", tradeoff),
                tuple("TradeoffRevised", tradeoff),
                tuple("TradeoffSubmitted", tradeoff),
                tuple("VoteCast", tradeoff),
                tuple("TradeoffDecided", tradeoff),
                tuple("FundingCommitted", transport));
        JsonNode vote = provenance.path("events").get(14);
        assertThat(vote.path("actor").asText()).isEqualTo("steering");
        assertThat(vote.path("itemKind").asText()).isEqualTo("TRADEOFF");
        assertThat(vote.path("payload").path("comment").asText()).isEqualTo("Funded by routing");
        assertThat(provenance.path("events").get(10).path("payload").path("high").decimalValue())
                .isEqualByComparingTo("855000.00");
    }

    @Test
    void packageItemsShowTheirStateAtTheDecisionNotToday() {
        JsonNode items = read("auditor", cycle, tradeoff).path("items");

        assertThat(items.path("tradeoff").path("status").asText()).isEqualTo("APPROVED");
        assertThat(items.path("tradeoff").path("contentVersion").asInt()).isEqualTo(2);
        assertThat(texts(items.path("priorities"), "id")).containsExactly(coaches);
        JsonNode priority = items.path("priorities").get(0);
        assertThat(priority.path("title").asText()).isEqualTo("K-5 literacy coaches, 12 FTE");
        assertThat(priority.path("status").asText()).isEqualTo("APPROVED");
        assertThat(texts(items.path("opportunities"), "id")).containsExactly(transport);
        JsonNode opportunity = items.path("opportunities").get(0);
        assertThat(opportunity.path("high").asText()).isEqualTo("855000.00");
        assertThat(opportunity.path("sizingHistory")).hasSize(2);
        assertThat(opportunity.path("committed").asText()).isEqualTo("750000.00");
        assertThat(texts(items.path("inputs"), "id")).containsExactly(parents, staff, drivers);
        assertThat(items.path("inputs").get(0).path("summary").asText())
                .isEqualTo("Parents want earlier reading support");
        assertThat(texts(items.path("inputs").get(0).path("themes"))).containsExactly("early literacy");
    }

    @Test
    void priorityProvenanceIsOfItsLatestDecisionWithTheInputsLinkedToIt() {
        JsonNode provenance = read("auditor", cycle, coaches);

        assertThat(provenance.path("kind").asText()).isEqualTo("PRIORITY");
        assertThat(provenance.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(provenance.path("decidedAtPosition").asLong()).isEqualTo(priorityRejected);
        assertThat(provenance.path("asOfPosition").asLong()).isEqualTo(priorityRejected);
        assertThat(chain(provenance)).containsExactly(
                tuple("PriorityProposed", coaches),
                tuple("PriorityRevised", coaches),
                tuple("StakeholderInputRecorded", parents),
                tuple("PriorityApproved", coaches),
                tuple("StakeholderInputTagged", parents),
                tuple("PriorityReopened", coaches),
                tuple("PriorityRevised", coaches),
                tuple("PriorityRejected", coaches));
        JsonNode items = provenance.path("items");
        assertThat(items.path("tradeoff").isNull()).isTrue();
        assertThat(items.path("opportunities")).isEmpty();
        assertThat(items.path("priorities").get(0).path("title").asText()).isEqualTo("K-5 literacy coaches, 16 FTE");
        assertThat(items.path("priorities").get(0).path("status").asText()).isEqualTo("REJECTED");
        assertThat(texts(items.path("inputs"), "id")).containsExactly(parents);
        assertThat(items.path("inputs").get(0).path("summary").asText())
                .isEqualTo("Parents want earlier reading support");
        assertThat(texts(items.path("inputs").get(0).path("themes"))).containsExactly("early literacy", "math");
    }

    @Test
    void everyEventCarriesItsAuditChainHashWhichItsStoredFormRecomputes() throws IOException {
        for (String decision : List.of(tradeoff, coaches)) {
            for (JsonNode event : read("auditor", cycle, decision).path("events")) {
                long position = event.path("position").asLong();
                Document seal = database.getCollection("audit_seals").find(eq("position", position)).first();
                assertThat(seal).as("seal of %d", position).isNotNull();
                assertThat(event.path("hash").asText()).isEqualTo(seal.getString("hash"));
                assertThat(event.path("previousHash").asText()).isEqualTo(seal.getString("previousHash"));
                assertThat(event.path("format").asInt()).isEqualTo(seal.getInteger("format"));
                AuditRecord record = new AuditRecord(position, event.path("time").asText(),
                        event.path("actor").asText(), event.path("payloadType").asText(),
                        CanonicalJson.canonicalize(JSON.writeValueAsString(event.path("payload"))),
                        JSON.treeToValue(event.path("filing"), Filing.class));
                assertThat(record.format()).isEqualTo(2);
                assertThat(HashChain.link(event.path("previousHash").asText(), record))
                        .as("hash of %d", position).isEqualTo(event.path("hash").asText());
            }
        }
    }

    @Test
    void theIndexRebuiltFromScratchGivesTheSameProvenance() {
        JsonNode before = read("auditor", cycle, tradeoff);
        TrackingEventProcessor indexer = processing.eventProcessor(ProvenanceProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        indexer.shutDown();
        indexer.resetTokens();
        indexer.start();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(read("auditor", cycle, tradeoff)).isEqualTo(before));
    }

    @Test
    void anUndecidedUnknownOrOtherItemOrADecisionOfAnotherCycleIsNotFound() {
        read("auditor", cycle, tradeoff);
        for (String[] path : new String[][] {
                {cycle, undecided}, {cycle, UUID.randomUUID().toString()}, {cycle, transport}, {cycle, parents},
                {otherCycle, tradeoff}, {cycle, "not-a-uuid"}}) {
            ResponseEntity<String> answer = get("auditor", path[0], path[1]);

            assertThat(answer.getStatusCode().value()).as(String.join(" ", path)).isEqualTo(404);
            assertThat(answer.getBody()).contains("\"code\":\"not-found\"");
            assertConformsToContract(answer);
        }
    }

    @Test
    void everyMemberMayReadItButNeitherAnOutsiderNorAnAnonymousCaller() {
        read("auditor", cycle, tradeoff);
        assertThat(get("designer", cycle, tradeoff).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<String> outsider = get("outsider", cycle, tradeoff);
        ResponseEntity<String> admin = get("admin", cycle, tradeoff);
        ResponseEntity<String> anonymous = http.getForEntity(PATH, String.class, cycle, tradeoff);

        assertThat(outsider.getStatusCode().value()).isEqualTo(403);
        assertThat(outsider.getBody()).contains("\"code\":\"forbidden\"");
        assertThat(admin.getStatusCode().value()).isEqualTo(403);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        List.of(outsider, admin, anonymous).forEach(ProvenanceTest::assertConformsToContract);
    }

    // ---------------------------------------------------------------- helpers

    /** Reads a provenance once every processor has seen the whole seed, and checks it against the contract. */
    private JsonNode read(String username, String cycleId, String decisionId) {
        ResponseEntity<String> answer = http.withBasicAuth(username, "demo")
                .getForEntity(PATH + "?minPosition=" + head, String.class, cycleId, decisionId);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertConformsToContract(answer);
        return json(answer.getBody());
    }

    private ResponseEntity<String> get(String username, String cycleId, String decisionId) {
        return http.withBasicAuth(username, "demo")
                .getForEntity(PATH + "?minPosition=" + head, String.class, cycleId, decisionId);
    }

    private static void assertConformsToContract(ResponseEntity<String> answer) {
        assertThat(Contract.load().validateResponse("GET", PATH, answer.getStatusCode().value(),
                answer.getHeaders().getContentType().toString(), answer.getBody())).isEmpty();
    }

    private static List<Tuple> chain(JsonNode provenance) {
        List<Tuple> chain = new ArrayList<>();
        long previous = 0;
        for (JsonNode event : provenance.path("events")) {
            assertThat(event.path("position").asLong()).isGreaterThan(previous);
            previous = event.path("position").asLong();
            chain.add(tuple(event.path("type").asText(), event.path("itemId").asText()));
        }
        return chain;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.path(field).asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /** Appends one event and answers its global position. */
    private long append(String type, String aggregateId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, event));
        return headPosition();
    }

    private long headPosition() {
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private GenericDomainEventMessage<OpportunityListed> listing(String opportunity, SavingsCatalog.Entry entry) {
        return new GenericDomainEventMessage<>("Opportunity", opportunity, 0, new OpportunityListed(opportunity,
                cycle, district, entry.number(), entry.focusArea(), entry.question(), true, "steering"));
    }

    private OpportunitySized sizing(String opportunity, String conservative, String ambitious, String low,
            String high) {
        return new OpportunitySized(opportunity, cycle, district, UUID.randomUUID().toString(),
                List.of(new DriverAdjustment(driver, new BigDecimal("40"), new BigDecimal("95000.00"),
                        new BigDecimal(conservative), new BigDecimal(ambitious), null, null)),
                new BigDecimal(low), new BigDecimal(high), 3, "Tiered bell schedule", "analyst");
    }

    private PackageContent content(String amount, List<String> consideredInputs) {
        return new PackageContent("Coaches from routing savings", "Routing savings pay for coaches",
                List.of(new Investment(coaches, new BigDecimal(amount))),
                List.of(new Funding(transport, null, new BigDecimal(amount))), consideredInputs);
    }

    private static PriorityDetails details(String title, String cost) {
        return new PriorityDetails(title, "", "Coaching raises reading", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal(cost)), null);
    }

    private static InputContent input(String summary, InputLink link) {
        return new InputContent(StakeholderGroup.PARENTS, InputChannel.SURVEY, LocalDate.parse("2027-04-01"),
                summary, 120, List.of(link));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
