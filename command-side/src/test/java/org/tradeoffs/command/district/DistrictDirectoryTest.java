package org.tradeoffs.command.district;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory on the real event store, with districts snapshotted every 3 events. */
class DistrictDirectoryTest {

    private static final String PRIORITY = """
            {"title":"Middle-school math intervention","description":"6 intervention teachers",
             "theoryOfAction":"Small-group intervention closes grade-7 math gaps","fundability":"ACTION",
             "estimatedAnnualCost":"720000.00"}""";

    @Test
    void membersKeepTheirRolesOnceTheDistrictIsSnapshotted() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
             CommandSide app = CommandSide.start(mongo, null, "tradeoffs.snapshots.district-threshold=3")) {
            String district = app.demoDistrict();
            assertThat(app.bean(MongoDatabase.class).getCollection("snapshots")
                    .countDocuments(Filters.eq("_id", district))).isEqualTo(1);

            DistrictDirectory directory = app.bean(DistrictDirectory.class);
            assertThat(directory.actorIn(district, "steering", false).roles()).containsExactly(Role.STEERING_COMMITTEE);
            assertThat(directory.rolesOf(district, "auditor")).containsExactly(Role.AUDITOR);
            assertThat(app.post("steering", "/api/districts/" + district + "/cycles", "{\"name\":\"SY 2027-28\"}")
                    .status()).isEqualTo(201);
        }
    }

    @Test
    void aGrantOrARevocationCountsFromTheNextCheckWhicheverInstanceStoredIt() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
             CommandSide app = CommandSide.start(mongo, null, "tradeoffs.snapshots.district-threshold=3")) {
            String district = app.demoDistrict();
            DistrictDirectory directory = app.bean(DistrictDirectory.class);
            String cycles = "/api/districts/" + district + "/cycles";
            assertThat(directory.rolesOf(district, "analyst")).doesNotContain(Role.STEERING_COMMITTEE);

            assertThat(app.post("admin", "/api/districts/" + district + "/members",
                    "{\"username\":\"analyst\",\"role\":\"STEERING_COMMITTEE\"}").status()).isEqualTo(201);
            assertThat(directory.rolesOf(district, "analyst")).contains(Role.STEERING_COMMITTEE);
            assertThat(app.post("analyst", cycles, "{\"name\":\"SY 2027-28\"}").status()).isEqualTo(201);

            // another command-side instance takes the role away: its event is in the store, not in this instance
            EventStore store = app.bean(EventStore.class);
            long next = store.lastSequenceNumberFor(district).orElseThrow() + 1;
            store.publish(new GenericDomainEventMessage<>("District", district, next,
                    new MemberRoleRevoked(district, "analyst", Role.STEERING_COMMITTEE, "admin")));

            assertThat(directory.rolesOf(district, "analyst")).doesNotContain(Role.STEERING_COMMITTEE);
            assertThat(app.post("analyst", cycles, "{\"name\":\"SY 2028-29\"}").status()).isEqualTo(403);
            assertThat(directory.holdersOf(district, Role.STEERING_COMMITTEE)).containsExactly("steering");
        }
    }

    /** This instance keeps each roster it read for an hour: its checks answer from it. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithRostersKept {

        private EmbeddedMongo mongo;
        private CommandSide app;

        @BeforeAll
        void start() {
            mongo = EmbeddedMongo.inMemory();
            app = CommandSide.start(mongo, null, "tradeoffs.directory.refresh-interval=1h");
        }

        @AfterAll
        void stop() {
            app.close();
            mongo.close();
        }

        /**
         * Checks inside a request answer from the roster this instance read last; a revocation stored meanwhile by
         * another instance still counts for the very next command: its append finds the district's directory version
         * moved, the check is made again on the current roster, and the command is refused.
         */
        @Test
        void aRevocationStoredElsewhereCountsForTheNextCommandThoughThisInstanceKeptTheRoster() {
            String district = app.demoDistrict();
            String cycle = app.openCycle(district, "SY 2026-27");
            String priorities = "/api/cycles/" + cycle + "/priorities";
            assertThat(app.post("designer", priorities, PRIORITY).status()).isEqualTo(201); // the roster is kept
            EventStore store = app.bean(EventStore.class);
            long before = store.lastSequenceNumberFor(cycle).orElseThrow();

            publish(store, district, new MemberRoleRevoked(district, "designer", Role.DESIGN_TEAM, "admin"));

            CommandSide.Response refused = app.post("designer", priorities, PRIORITY);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("code").asText()).isEqualTo("forbidden");
            assertThat(store.lastSequenceNumberFor(cycle)).hasValue(before);
            assertThat(app.post("steering", priorities, PRIORITY).status()).as("others go on").isEqualTo(201);
        }

        /** A grant stored by another instance counts at once too: a check that refuses reads the current roster. */
        @Test
        void aGrantStoredElsewhereCountsForTheNextCommandThoughThisInstanceKeptTheRoster() {
            String district = app.demoDistrict();
            String cycle = app.openCycle(district, "SY 2026-27");
            String priorities = "/api/cycles/" + cycle + "/priorities";
            assertThat(app.post("outsider", priorities, PRIORITY).status()).isEqualTo(403);

            publish(app.bean(EventStore.class), district,
                    new MemberRoleGranted(district, "outsider", Role.DESIGN_TEAM, "admin"));

            assertThat(app.post("outsider", priorities, PRIORITY).status()).isEqualTo(201);
        }

        /**
         * A rule's refusal that rests on a kept roster is confirmed first: the owner to assign was granted a role by
         * another instance, so "not a member" no longer holds; the client is told to send the request again (409
         * roles-changed, nothing stored), and then it succeeds.
         */
        @Test
        void aRefusalThatRestsOnRolesChangedElsewhereAsksForTheRequestAgain() {
            String district = app.demoDistrict();
            String cycle = app.openCycle(district, "SY 2026-27");
            String opportunity = app.post("designer", "/api/cycles/" + cycle + "/opportunities",
                    "{\"focusArea\":\"MAXIMIZING_REVENUE\",\"question\":\"Can we rent out unused buildings?\"}").id();
            String path = "/api/cycles/" + cycle + "/opportunities/" + opportunity;
            assertThat(app.post("steering", path + "/screening",
                    "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Large lease market\"}").status()).isEqualTo(200);
            String owner = path + "/owner";
            assertThat(app.put("steering", owner, "{\"username\":\"outsider\"}").json().path("code").asText())
                    .isEqualTo("owner-not-a-member");

            publish(app.bean(EventStore.class), district,
                    new MemberRoleGranted(district, "outsider", Role.ROI_ANALYST, "admin"));

            CommandSide.Response again = app.put("steering", owner, "{\"username\":\"outsider\"}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().path("code").asText()).isEqualTo("roles-changed");
            assertThat(app.put("steering", owner, "{\"username\":\"outsider\"}").status()).isEqualTo(200);
        }
    }

    /** Stores a district event as another command-side instance would: straight into the shared store. */
    private static void publish(EventStore store, String district, Object event) {
        long next = store.lastSequenceNumberFor(district).orElseThrow() + 1;
        store.publish(new GenericDomainEventMessage<>("District", district, next, event));
    }

    @Test
    void theHoldersOfARoleComeFromTheSnapshotAndTheGrantsSinceSortedByName() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
             CommandSide app = CommandSide.start(mongo, null, "tradeoffs.snapshots.district-threshold=3")) {
            String district = app.demoDistrict();
            assertThat(app.post("admin", "/api/districts/" + district + "/members",
                    "{\"username\":\"analyst\",\"role\":\"STEERING_COMMITTEE\"}").status()).isEqualTo(201);

            DistrictDirectory directory = app.bean(DistrictDirectory.class);
            assertThat(directory.holdersOf(district, Role.STEERING_COMMITTEE)).containsExactly("analyst", "steering");
            assertThat(directory.holdersOf(district, Role.AUDITOR)).containsExactly("auditor");
        }
    }
}
