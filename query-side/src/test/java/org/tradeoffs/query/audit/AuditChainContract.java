package org.tradeoffs.query.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.tradeoffs.auditchain.AuditRecord;
import org.tradeoffs.auditchain.Digest;
import org.tradeoffs.auditchain.ExportVerifier;
import org.tradeoffs.auditchain.HashChain;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.SavingsCatalog;
import org.tradeoffs.query.QueryApplication;

/**
 * The whole query side over a MongoDB (each subclass brings its own, {@link TestMongo}) with events appended to the
 * real event store: the sealer follows the appends, verify and export agree with each other and with the offline
 * verifier, and tampering done directly in MongoDB (the commit documents) is found at the right position.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + QueryApplication.CONFIG_NAME,
        "tradeoffs.audit.max-concurrent-exports=1", "tradeoffs.audit.max-wait=300ms"})
abstract class AuditChainContract {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    SealRepository sealRepository;
    @Autowired
    AuditLog auditLog;

    private final String district = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();
    private final String otherDistrict = UUID.randomUUID().toString();

    /**
     * The district with an auditor, a cycle opened with three catalog opportunities in one commit, two proposed
     * priorities; another district's events in between, which belong to its own chain.
     */
    @BeforeEach
    void seed() {
        append("District", district, 0, new DistrictRegistered(district, "Hayward USD", 22272, "admin"));
        append("District", otherDistrict, 0, new DistrictRegistered(otherDistrict, "Oakland USD", 34000, "admin"));
        append("District", district, 1, new MemberRoleGranted(district, "auditor", Role.AUDITOR, "admin"));
        append("District", district, 2, new MemberRoleGranted(district, "designer", Role.DESIGN_TEAM, "admin"));
        append("District", otherDistrict, 1, new MemberRoleGranted(otherDistrict, "auditor", Role.AUDITOR, "admin"));
        List<GenericDomainEventMessage<?>> opening = new ArrayList<>();
        opening.add(new GenericDomainEventMessage<>("Cycle", cycle, 0,
                new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering")));
        for (SavingsCatalog.Entry entry : SavingsCatalog.ENTRIES.subList(0, 3)) {
            String opportunity = UUID.randomUUID().toString();
            opening.add(new GenericDomainEventMessage<>("Opportunity", opportunity, 0, new OpportunityListed(
                    opportunity, cycle, district, entry.number(), entry.focusArea(), entry.question(), true,
                    "steering")));
        }
        eventStore.publish(opening);
        propose("1250000.00");
        propose("640000.00");
        awaitSealed(district);
        awaitSealed(otherDistrict);
    }

    @Test
    void sealsEveryEventOfTheDistrictInItsOwnChainAndVerifiesIntact() {
        List<Long> positions = positionsOf(district);
        assertThat(positions).hasSize(9);

        ResponseEntity<String> response = get("auditor", "verify", district);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(Contract.load().validateResponse("GET", "/api/districts/{districtId}/audit/verify", 200,
                response.getHeaders().getContentType().toString(), response.getBody())).isEmpty();
        JsonNode verification = json(response.getBody());
        assertThat(verification.path("intact").asBoolean()).isTrue();
        assertThat(verification.path("checked").asLong()).isEqualTo(9);
        assertThat(verification.path("firstBadPosition").isNull()).isTrue();
        assertThat(verification.path("head").path("position").asLong()).isEqualTo(positions.get(8));
        assertThat(verification.path("head").path("hash").asText()).matches("[0-9a-f]{64}");

        JsonNode other = json(get("auditor", "verify", otherDistrict).getBody());
        assertThat(other.path("intact").asBoolean()).isTrue();
        assertThat(other.path("checked").asLong()).isEqualTo(2);
        assertThat(database.getCollection(SealRepository.SEALS).find(eq("_id", otherDistrict + ":2")).first()
                .getString("previousHash")).isEqualTo(database.getCollection(SealRepository.SEALS)
                .find(eq("_id", otherDistrict + ":1")).first().getString("hash"));
    }

    @Test
    void theExportVerifiesOfflineEveryLineMatchesTheContractAndItsHeadIsTheVerifiedHead() throws IOException {
        ResponseEntity<String> export = get("designer", "export", district);

        assertThat(export.getStatusCode().value()).isEqualTo(200);
        assertThat(export.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        assertThat(Contract.load().validateResponse("GET", "/api/districts/{districtId}/audit/export", 200,
                export.getHeaders().getContentType().toString(), lines(export).get(0))).isEmpty();
        List<String> lines = lines(export);
        assertThat(lines).hasSize(10).allSatisfy(line ->
                assertThat(Contract.load().validate("audit-export-line", line)).isEmpty());
        JsonNode first = json(lines.get(0));
        assertThat(first.path("position").asLong()).isEqualTo(positionsOf(district).get(0));
        assertThat(first.path("actor").asText()).isEqualTo("admin");
        assertThat(first.path("type").asText()).isEqualTo(DistrictRegistered.class.getName());
        assertThat(first.path("payload").path("name").asText()).isEqualTo("Hayward USD");
        assertThat(first.path("previousHash").asText()).isEqualTo(HashChain.GENESIS);

        ExportVerifier.Verification offline = verifyOffline(export.getBody(), null);
        JsonNode online = json(get("auditor", "verify", district).getBody());
        assertThat(offline.intact()).isTrue();
        assertThat(offline.checked()).isEqualTo(9);
        assertThat(offline.head()).isEqualTo(new Digest(online.path("head").path("position").asLong(),
                online.path("head").path("hash").asText()));
    }

    @Test
    void aKeptDigestIsExtendedByLaterEvents() throws IOException {
        JsonNode before = json(get("auditor", "verify", district).getBody()).path("head");
        Digest kept = new Digest(before.path("position").asLong(), before.path("hash").asText());

        propose("90000.00");
        awaitSealed(district);
        String export = get("auditor", "export", district).getBody();

        assertThat(lines(export)).hasSize(11);
        assertThat(verifyOffline(export, kept).intact()).isTrue();
    }

    @Test
    void aPayloadChangedInMongoIsReportedAtItsPositionOnlineAndOffline() throws IOException {
        List<Long> positions = positionsOf(district);
        long changed = positions.get(7); // the first proposed priority
        tamper(changed, entry -> entry.put("payload", entry.getString("payload").replace("1250000.00", "125000.00")));

        JsonNode verification = json(get("auditor", "verify", district).getBody());

        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.path("firstBadPosition").asLong()).isEqualTo(changed);
        assertThat(verification.path("checked").asLong()).isEqualTo(7);
        assertThat(verification.path("reason").asText()).contains("changed");
        assertThat(Contract.load().validate("audit-verification", verification.toString())).isEmpty();
        ExportVerifier.Verification offline = verifyOffline(get("auditor", "export", district).getBody(), null);
        assertThat(offline.intact()).isFalse();
        assertThat(offline.firstBadPosition()).isEqualTo(changed);
    }

    @Test
    void anEventDeletedFromItsCommitInMongoIsReportedAtItsPositionOnlineAndOffline() throws IOException {
        List<Long> positions = positionsOf(district);
        long deleted = positions.get(5); // the second opportunity listed in the cycle's opening commit
        Document commit = commitOf(deleted);
        List<Document> entries = new ArrayList<>(commit.getList("events", Document.class));
        entries.removeIf(entry -> entry.getLong("position") == deleted);
        commits().updateOne(eq("_id", commit.get("_id")), new Document("$set", new Document("events", entries)));

        JsonNode verification = json(get("auditor", "verify", district).getBody());

        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.path("firstBadPosition").asLong()).isEqualTo(deleted);
        assertThat(verification.path("reason").asText()).contains("no longer stored");
        assertThat(verifyOffline(get("auditor", "export", district).getBody(), null).firstBadPosition())
                .isEqualTo(deleted);
    }

    /**
     * What the store files an event by besides its payload is sealed too (chain format 2): its revision (what the
     * upcasters go by), its aggregate and sequence number, its tags (what an as-of replay finds it by) and its
     * commit's time.
     */
    @Test
    void aChangedRevisionAggregateSequenceTagOrCommitTimeIsReportedAtItsPositionOnlineAndOffline()
            throws IOException {
        long changed = positionsOf(district).get(7); // the first proposed priority, a commit of its own
        Document original = entryAt(changed);
        List<Consumer<Document>> changes = List.of(
                entry -> entry.put("payloadRevision", "1"),
                entry -> entry.put("aggregateIdentifier", UUID.randomUUID().toString()),
                entry -> entry.put("sequenceNumber", 5L),
                entry -> entry.put("tags", List.of("district:" + district)));
        for (Consumer<Document> change : changes) {
            try {
                tamper(changed, change);
                assertReportedAt(changed);
            } finally {
                tamper(changed, entry -> {
                    entry.clear();
                    entry.putAll(original);
                });
            }
            assertThat(json(get("auditor", "verify", district).getBody()).path("intact").asBoolean()).isTrue();
        }
        commits().updateOne(eq("_id", commitOf(changed).get("_id")),
                Updates.set("committedAt", "2000-01-01T00:00:00.000000000Z"));
        assertReportedAt(changed);
    }

    /**
     * The commit's fields the store finds events by (its streams, tags, first position) repeat what its events hold:
     * changed so that they no longer lead to an event, they would hide it from an aggregate's load or an as-of replay,
     * and verify reports them at that event. An export carries the events, not these, and still verifies offline.
     */
    @Test
    void aCommitWhoseStreamsTagsOrFirstPositionNoLongerLeadToAnEventIsReportedOnline() throws IOException {
        long opening = positionsOf(district).get(3); // the cycle opened, with three opportunities in its commit
        Document commit = commitOf(opening);
        List<String> streams = commit.getList("streams", String.class);
        List<Map.Entry<Long, Bson>> changes = List.of(
                Map.entry(opening + 2, Updates.set("streams", List.of(streams.get(0), streams.get(1), streams.get(3)))),
                Map.entry(opening, Updates.set("tags", List.of("directory", "district:" + district))),
                Map.entry(opening, Updates.set("first", opening + 1)));
        for (Map.Entry<Long, Bson> change : changes) {
            try {
                commits().updateOne(eq("_id", commit.get("_id")), change.getValue());

                JsonNode verification = json(get("auditor", "verify", district).getBody());
                assertThat(verification.path("intact").asBoolean()).isFalse();
                assertThat(verification.path("firstBadPosition").asLong()).isEqualTo(change.getKey());
                assertThat(verification.path("reason").asText()).contains("its commit's");
                assertThat(verifyOffline(get("auditor", "export", district).getBody(), null).intact()).isTrue();
            } finally {
                commits().replaceOne(eq("_id", commit.get("_id")), commit);
            }
            assertThat(json(get("auditor", "verify", district).getBody()).path("intact").asBoolean()).isTrue();
        }
    }

    private void assertReportedAt(long position) throws IOException {
        JsonNode verification = json(get("auditor", "verify", district).getBody());
        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.path("firstBadPosition").asLong()).isEqualTo(position);
        assertThat(verification.path("reason").asText()).contains("changed");
        assertThat(verifyOffline(get("auditor", "export", district).getBody(), null).firstBadPosition())
                .isEqualTo(position);
    }

    /**
     * A chain sealed in format 1 (the five fields only, before 2026-12-02) is checked as it was sealed and stays
     * intact; the events sealed after it, in format 2, join it.
     */
    @Test
    void aChainSealedInFormatOneStaysIntactAndLaterEventsJoinItInFormatTwo() throws IOException {
        String previous = HashChain.GENESIS;
        List<Seal> chain;
        try (Stream<Seal> seals = sealRepository.chain(district, Long.MAX_VALUE)) {
            chain = seals.toList();
        }
        for (Seal seal : chain) {
            AuditRecord record = StoredEvent.in(commits().find(eq("_id", seal.commit())).first(), seal.position())
                    .orElseThrow().record(1);
            String hash = HashChain.link(previous, record);
            database.getCollection(SealRepository.SEALS).updateOne(eq("_id", Seal.id(district, seal.n())),
                    Updates.combine(Updates.set("previousHash", previous), Updates.set("hash", hash),
                            Updates.unset("format")));
            previous = hash;
        }
        database.getCollection(SealRepository.HEADS).updateOne(eq("_id", district), Updates.set("hash", previous));

        JsonNode formatOne = json(get("auditor", "verify", district).getBody());
        List<String> formatOneLines = lines(get("auditor", "export", district));
        propose("90000.00");
        awaitSealed(district);
        JsonNode mixed = json(get("auditor", "verify", district).getBody());
        String mixedExport = get("auditor", "export", district).getBody();

        assertThat(formatOne.path("intact").asBoolean()).isTrue();
        assertThat(formatOne.path("checked").asLong()).isEqualTo(9);
        assertThat(formatOne.path("head").path("hash").asText()).isEqualTo(previous);
        assertThat(formatOneLines).noneMatch(line -> line.contains("\"format\""));
        assertThat(verifyOffline(String.join("\n", formatOneLines) + "\n", null).intact()).isTrue();
        assertThat(mixed.path("intact").asBoolean()).isTrue();
        assertThat(mixed.path("checked").asLong()).isEqualTo(10);
        assertThat(lines(mixedExport).get(9)).contains("\"format\":2").contains("\"previousHash\":\"" + previous);
        assertThat(verifyOffline(mixedExport, new Digest(chain.get(8).position(), previous)).intact()).isTrue();
    }

    @Test
    void twoEventsWhosePayloadsWereSwappedInMongoAreReportedAtTheFirst() throws IOException {
        List<Long> positions = positionsOf(district);
        long first = positions.get(2);
        long second = positions.get(8);
        String firstPayload = entryAt(first).getString("payload");
        String secondPayload = entryAt(second).getString("payload");
        tamper(first, entry -> entry.put("payload", secondPayload));
        tamper(second, entry -> entry.put("payload", firstPayload));

        JsonNode verification = json(get("auditor", "verify", district).getBody());

        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.path("firstBadPosition").asLong()).isEqualTo(first);
        assertThat(verifyOffline(get("auditor", "export", district).getBody(), null).firstBadPosition())
                .isEqualTo(first);
    }

    @Test
    void aChainLongerThanOneReadWindowVerifiesWholeAndATamperedEventFarDownIsFound() throws IOException {
        // the designer's role revoked and granted again and again: 2,500 more events in commits of 100
        List<GenericDomainEventMessage<?>> commit = new ArrayList<>();
        for (int sequence = 3; sequence < 2_503; sequence++) {
            commit.add(new GenericDomainEventMessage<>("District", district, sequence, sequence % 2 == 1
                    ? new MemberRoleRevoked(district, "designer", Role.DESIGN_TEAM, "admin")
                    : new MemberRoleGranted(district, "designer", Role.DESIGN_TEAM, "admin")));
            if (commit.size() == 100) {
                eventStore.publish(commit);
                commit = new ArrayList<>();
            }
        }
        awaitSealed(district);

        JsonNode intact = json(get("auditor", "verify", district).getBody());
        assertThat(intact.path("intact").asBoolean()).isTrue();
        assertThat(intact.path("checked").asLong()).isEqualTo(2_509);
        assertThat(lines(get("auditor", "export", district))).hasSize(2_510);

        long changed = positionsOf(district).get(2_300);
        tamper(changed, entry -> entry.put("payload", entry.getString("payload").replace("admin", "adm1n")));
        JsonNode verification = json(get("auditor", "verify", district).getBody());
        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.path("firstBadPosition").asLong()).isEqualTo(changed);
        assertThat(verification.path("checked").asLong()).isEqualTo(2_300);
        assertThat(verifyOffline(get("auditor", "export", district).getBody(), null).firstBadPosition())
                .isEqualTo(changed);
    }

    @Test
    void resettingTheSealerNeitherDuplicatesSealsNorLaundersATamperedEvent() {
        long changed = positionsOf(district).get(1);
        tamper(changed, entry -> entry.put("payload", entry.getString("payload").replace("auditor", "intruder")));
        TrackingEventProcessor sealer = processing.eventProcessor(AuditChainProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        sealer.shutDown();
        sealer.resetTokens();
        sealer.start();

        propose("10.00");
        awaitSealed(district);

        JsonNode verification = json(get("auditor", "verify", district).getBody());
        assertThat(verification.path("firstBadPosition").asLong()).isEqualTo(changed);
        assertThat(verification.path("head").path("position").asLong()).isEqualTo(positionsOf(district).get(9));
        assertThat(database.getCollection(SealRepository.HEADS).find(eq("_id", district)).first()
                .get("n", Number.class).longValue()).isEqualTo(10);
    }

    /**
     * The sealer seals a batch of events and moves each district's head once, after the batch's last event. A batch
     * that fails midway has stored some seals but moved no head; delivered again, it finds those seals and repairs
     * the heads, and both chains come out whole, every event sealed once.
     */
    @Test
    void aBatchThatFailsMidwayIsSealedWholeWhenDeliveredAgain() {
        TrackingEventProcessor sealer = processing.eventProcessor(AuditChainProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        sealer.shutDown();
        for (int i = 0; i < 20; i++) {
            propose(i + ".00");
            if (i % 4 == 0) {
                append("District", otherDistrict, 2 + i / 4, new MemberRoleGranted(otherDistrict, "member" + i,
                        Role.DESIGN_TEAM, "admin"));
            }
        }
        // the district's 11th event of the batch finds its link taken by another position: the batch fails there
        MongoCollection<Document> seals = database.getCollection(SealRepository.SEALS);
        Document blocker = new Document("_id", district + ":20").append("districtId", district).append("n", 20L)
                .append("position", -1L).append("commit", -1L).append("previousHash", "0".repeat(64))
                .append("hash", "0".repeat(64));
        seals.insertOne(blocker);
        sealer.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> seals.find(eq("_id", district + ":19")).first() != null);
        seals.deleteOne(eq("_id", district + ":20"));

        awaitSealed(district);
        awaitSealed(otherDistrict);
        JsonNode verification = json(get("auditor", "verify", district).getBody());
        assertThat(verification.path("intact").asBoolean()).isTrue();
        assertThat(verification.path("checked").asLong()).isEqualTo(29);
        assertThat(seals.countDocuments(eq("districtId", district))).isEqualTo(29);
        JsonNode other = json(get("auditor", "verify", otherDistrict).getBody());
        assertThat(other.path("intact").asBoolean()).isTrue();
        assertThat(other.path("checked").asLong()).isEqualTo(7);
        assertThat(seals.countDocuments(eq("districtId", otherDistrict))).isEqualTo(7);
    }

    @Test
    void concurrentWritersOfOneDistrictAreAllSealedIntoOneIntactChain() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        propose(i + ".00");
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }

        awaitSealed(district);
        JsonNode verification = json(get("auditor", "verify", district).getBody());

        assertThat(verification.path("intact").asBoolean()).isTrue();
        assertThat(verification.path("checked").asLong()).isEqualTo(69);
    }

    /**
     * The stored head is where the sealer got to, not what verify trusts: moved back (or deleted) by someone with
     * database access, it hides no later event, and a head ahead of the last seal shows that seals were removed.
     */
    @Test
    void aHeadMovedBackOrDeletedHidesNoLaterEventAndSealsRemovedAtTheEndAreFound() throws IOException {
        List<Long> positions = positionsOf(district);
        MongoCollection<Document> heads = database.getCollection(SealRepository.HEADS);
        MongoCollection<Document> seals = database.getCollection(SealRepository.SEALS);
        Document seventh = seals.find(eq("_id", district + ":7")).first();
        tamper(positions.get(8), entry -> entry.put("payload", entry.getString("payload").replace("640000.00", "64.00")));

        heads.replaceOne(eq("_id", district), new Document("_id", district).append("n", 7L)
                .append("position", seventh.getLong("position")).append("hash", seventh.getString("hash")));
        JsonNode movedBack = json(get("auditor", "verify", district).getBody());
        heads.deleteOne(eq("_id", district));
        JsonNode deleted = json(get("auditor", "verify", district).getBody());

        for (JsonNode verification : List.of(movedBack, deleted)) {
            assertThat(verification.path("intact").asBoolean()).isFalse();
            assertThat(verification.path("firstBadPosition").asLong()).isEqualTo(positions.get(8));
            assertThat(verification.path("checked").asLong()).isEqualTo(8);
        }

        tamper(positions.get(8), entry -> entry.put("payload", entry.getString("payload").replace("64.00", "640000.00")));
        Document ninth = seals.find(eq("_id", district + ":9")).first();
        heads.insertOne(new Document("_id", district).append("n", 9L).append("position", ninth.getLong("position"))
                .append("hash", ninth.getString("hash")));
        assertThat(json(get("auditor", "verify", district).getBody()).path("intact").asBoolean()).isTrue();
        seals.deleteOne(eq("_id", district + ":9"));

        JsonNode cut = json(get("auditor", "verify", district).getBody());
        assertThat(cut.path("intact").asBoolean()).isFalse();
        assertThat(cut.path("firstBadPosition").asLong()).isEqualTo(positions.get(8));
        assertThat(cut.path("reason").asText()).contains("seals are missing");
        assertThat(Contract.load().validate("audit-verification", cut.toString())).isEmpty();
        assertThat(verifyOffline(get("auditor", "export", district).getBody(), null).intact()).isFalse();
    }

    /**
     * Verify vouches for sealed events only, and says how many of the district's stored events no seal covers: a
     * moment after a write, none; while the sealer is stopped (or stuck), every event stored since.
     */
    @Test
    void eventsNoSealCoversAreCountedSoAStoppedSealerShows() {
        assertThat(json(get("auditor", "verify", district).getBody()).path("unsealed").asLong()).isZero();
        TrackingEventProcessor sealer = processing.eventProcessor(AuditChainProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        sealer.shutDown();
        propose("11.00");
        propose("12.00");

        ResponseEntity<String> response = get("auditor", "verify", district);
        JsonNode stalled = json(response.getBody());
        assertThat(stalled.path("intact").asBoolean()).isTrue();
        assertThat(stalled.path("checked").asLong()).isEqualTo(9);
        assertThat(stalled.path("unsealed").asLong()).isEqualTo(2);
        assertThat(Contract.load().validateResponse("GET", "/api/districts/{districtId}/audit/verify", 200,
                response.getHeaders().getContentType().toString(), response.getBody())).isEmpty();

        sealer.start();
        awaitSealed(district);
        JsonNode caughtUp = json(get("auditor", "verify", district).getBody());
        assertThat(caughtUp.path("checked").asLong()).isEqualTo(11);
        assertThat(caughtUp.path("unsealed").asLong()).isZero();
    }

    /** The digest check of the offline verifier, online: the chain must carry the kept hash at its position. */
    @Test
    void verifyChecksADigestKeptFromBefore() {
        JsonNode head = json(get("auditor", "verify", district).getBody()).path("head");
        String kept = head.path("position").asLong() + ":" + head.path("hash").asText();
        long otherDistrictsPosition = positionsOf(otherDistrict).get(0);

        JsonNode extended = json(get("auditor", "verify?digest=" + kept, district).getBody());
        JsonNode empty = json(get("auditor", "verify?digest=0:" + HashChain.GENESIS, district).getBody());
        JsonNode rewritten = json(get("auditor", "verify?digest=" + head.path("position").asLong() + ":"
                + "f".repeat(64), district).getBody());
        JsonNode elsewhere = json(get("auditor", "verify?digest=" + otherDistrictsPosition + ":"
                + head.path("hash").asText(), district).getBody());
        ResponseEntity<String> malformed = get("auditor", "verify?digest=last-week", district);

        assertThat(extended.path("intact").asBoolean()).isTrue();
        assertThat(empty.path("intact").asBoolean()).isTrue();
        assertThat(rewritten.path("intact").asBoolean()).isFalse();
        assertThat(rewritten.path("reason").asText()).contains("does not extend the digest");
        assertThat(rewritten.path("firstBadPosition").asLong()).isEqualTo(head.path("position").asLong());
        assertThat(elsewhere.path("intact").asBoolean()).isFalse();
        assertThat(elsewhere.path("reason").asText()).contains("no seal at position " + otherDistrictsPosition);
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody()).contains("\"code\":\"validation-failed\"").contains("digest");
        assertThat(Contract.load().validateResponse("GET", "/api/districts/{districtId}/audit/verify", 400,
                malformed.getHeaders().getContentType().toString(), malformed.getBody())).isEmpty();
    }

    /** A sealer that paused past its claim while another instance sealed further never moves the head back. */
    @Test
    void theHeadNeverMovesBack() {
        ChainHead stored = sealRepository.head(district).orElseThrow();
        ChainHead older = new ChainHead(district, stored.n() - 2, 1, HashChain.GENESIS);

        sealRepository.moveHead(ChainHead.empty(district), older);

        assertThat(sealRepository.head(district)).contains(stored);
        assertThat(json(get("auditor", "verify", district).getBody()).path("intact").asBoolean()).isTrue();
    }

    /**
     * An export asked for while others run (here at most one at a time) waits for them up to max-wait, then is
     * answered 503 not-ready: many at once hold neither every request thread nor every core. A slow download holds
     * up no verification, which has walks of its own.
     */
    @Test
    void anExportKeptWaitingByAnotherIsAnsweredNotReadyAndAVerificationIsNot() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutputStream slowClient = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writing.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService exporter = Executors.newSingleThreadExecutor();
        try {
            Future<?> export = exporter.submit(() -> {
                auditLog.export(district, slowClient);
                return null;
            });
            assertThat(writing.await(20, TimeUnit.SECONDS)).isTrue();

            ResponseEntity<String> kept = get("auditor", "export", district);
            ResponseEntity<String> verification = get("auditor", "verify", district);
            release.countDown();
            export.get(20, TimeUnit.SECONDS);

            assertThat(kept.getStatusCode().value()).isEqualTo(503);
            assertThat(kept.getHeaders().getFirst("Retry-After")).isEqualTo("2");
            assertThat(kept.getBody()).contains("\"code\":\"not-ready\"");
            assertThat(Contract.load().validateResponse("GET", "/api/districts/{districtId}/audit/export", 503,
                    kept.getHeaders().getContentType().toString(), kept.getBody())).isEmpty();
            assertThat(json(verification.getBody()).path("intact").asBoolean()).isTrue();
            assertThat(lines(get("auditor", "export", district))).hasSize(10);
        } finally {
            release.countDown();
            exporter.shutdownNow();
        }
    }

    @Test
    void onlyMembersOfTheDistrictReadItsAuditTrail() {
        for (String operation : List.of("verify", "export")) {
            String template = "/api/districts/{districtId}/audit/" + operation;
            ResponseEntity<String> outsider = get("outsider", operation, district);
            ResponseEntity<String> admin = get("admin", operation, district);
            ResponseEntity<String> unknown = get("auditor", operation, UUID.randomUUID().toString());
            ResponseEntity<String> anonymous = http.getForEntity("/api/districts/" + district + "/audit/" + operation,
                    String.class);

            for (ResponseEntity<String> refused : List.of(outsider, admin, unknown, anonymous)) {
                assertThat(Contract.load().validateResponse("GET", template, refused.getStatusCode().value(),
                        refused.getHeaders().getContentType().toString(), refused.getBody())).isEmpty();
            }
            assertThat(outsider.getStatusCode().value()).isEqualTo(403);
            assertThat(outsider.getBody()).contains("\"code\":\"forbidden\"");
            assertThat(admin.getStatusCode().value()).isEqualTo(403);
            assertThat(unknown.getStatusCode().value()).isEqualTo(404);
            assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void append(String type, String aggregateId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, event));
    }

    private void propose(String cost) {
        String priority = UUID.randomUUID().toString();
        append("Priority", priority, 0, new PriorityProposed(priority, cycle, district, new PriorityDetails(
                "K-5 early literacy coaches", "", "Coaching raises reading", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal(cost)), null), "designer"));
    }

    private ResponseEntity<String> get(String username, String operation, String districtId) {
        return http.withBasicAuth(username, "demo")
                .getForEntity("/api/districts/" + districtId + "/audit/" + operation, String.class);
    }

    /** Until the chain's head is the district's last stored event (the directory has also caught up by then). */
    private void awaitSealed(String districtId) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Long> positions = positionsOf(districtId);
            ResponseEntity<String> verification = get("auditor", "verify", districtId);
            assertThat(verification.getStatusCode().value()).isEqualTo(200);
            assertThat(json(verification.getBody()).path("head").path("position").asLong())
                    .isEqualTo(positions.get(positions.size() - 1));
        });
    }

    private MongoCollection<Document> commits() {
        return database.getCollection(StoredEvents.COMMITS);
    }

    /** The district's stored positions, found the slow way (a scan): test code only. */
    private List<Long> positionsOf(String districtId) {
        TreeMap<Long, String> positions = new TreeMap<>();
        commits().find().forEach(commit -> commit.getList("events", Document.class).forEach(entry -> {
            if (entry.getString("payload").contains("\"districtId\":\"" + districtId + "\"")) {
                positions.put(entry.getLong("position"), entry.getString("payload"));
            }
        }));
        return new ArrayList<>(positions.keySet());
    }

    private Document commitOf(long position) {
        for (Document commit : commits().find()) {
            for (Document entry : commit.getList("events", Document.class)) {
                if (entry.getLong("position") == position) {
                    return commit;
                }
            }
        }
        throw new AssertionError("no commit holds position " + position);
    }

    private Document entryAt(long position) {
        return commitOf(position).getList("events", Document.class).stream()
                .filter(entry -> entry.getLong("position") == position).findFirst().orElseThrow();
    }

    /** Changes the stored entry at a position in place, in its commit document, as someone with database access could. */
    private void tamper(long position, java.util.function.Consumer<Document> change) {
        Document commit = commitOf(position);
        List<Document> entries = commit.getList("events", Document.class);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getLong("position") == position) {
                Document entry = entries.get(i);
                change.accept(entry);
                commits().updateOne(eq("_id", commit.get("_id")),
                        new Document("$set", new Document("events." + i, entry)));
                return;
            }
        }
    }

    private static List<String> lines(ResponseEntity<String> export) {
        return lines(export.getBody());
    }

    private static List<String> lines(String export) {
        return List.of(export.split("\n"));
    }

    private static ExportVerifier.Verification verifyOffline(String export, Digest digest) throws IOException {
        return ExportVerifier.verify(new BufferedReader(new StringReader(export)), digest);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
