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
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;

import java.util.List;

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
    void aGrantOrARevocationThatChangesNothingAnswersTheDistrictsCurrentVersion() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(); CommandSide app = CommandSide.start(mongo, null)) {
            String district = app.demoDistrict(); // registered, then four roles granted: version 5
            String members = "/api/districts/" + district + "/members";

            CommandSide.Response again = app.post("admin", members,
                    "{\"username\":\"analyst\",\"role\":\"ROI_ANALYST\"}");
            CommandSide.Response notHeld = app.delete("admin", members + "/analyst/roles/AUDITOR");
            CommandSide.Response granted = app.post("admin", members,
                    "{\"username\":\"analyst\",\"role\":\"AUDITOR\"}");

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("version").asLong()).isEqualTo(5);
            assertThat(again.json().path("position").isNull()).isTrue();
            assertThat(notHeld.status()).isEqualTo(200);
            assertThat(notHeld.json().path("version").asLong()).isEqualTo(5);
            assertThat(granted.status()).isEqualTo(201);
            assertThat(granted.json().path("version").asLong()).isEqualTo(6);
            // the version is the ETag too, as on every write
            assertThat(List.of(again.etag(), notHeld.etag(), granted.etag()))
                    .containsExactly("\"5\"", "\"5\"", "\"6\"");
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

    /**
     * Two command-side instances on one store, each keeping the rosters it read for an hour: their checks answer from
     * them. Roles change through the other instance.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithRostersKept {

        private EmbeddedMongo mongo;
        private CommandSide app;
        private CommandSide other;

        @BeforeAll
        void start() {
            mongo = EmbeddedMongo.inMemory();
            app = CommandSide.start(mongo, null, "tradeoffs.directory.refresh-interval=1h");
            other = CommandSide.start(mongo, null, "tradeoffs.directory.refresh-interval=1h",
                    "tradeoffs.mongodb.token-store.node-id=other");
        }

        @AfterAll
        void stop() {
            other.close();
            app.close();
            mongo.close();
        }

        /** A new opportunity in a new cycle of the district, screened into a deep dive: the path of its resource. */
        private String deepDiveOpportunity(String district) {
            String cycle = app.openCycle(district, "SY 2026-27");
            String opportunity = app.post("designer", "/api/cycles/" + cycle + "/opportunities",
                    "{\"focusArea\":\"MAXIMIZING_REVENUE\",\"question\":\"Can we rent out unused buildings?\"}").id();
            String path = "/api/cycles/" + cycle + "/opportunities/" + opportunity;
            assertThat(app.post("steering", path + "/screening",
                    "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Large lease market\"}").status()).isEqualTo(200);
            return path;
        }

        private void grant(String district, String username, String role) {
            assertThat(other.post("admin", "/api/districts/" + district + "/members",
                    "{\"username\":\"" + username + "\",\"role\":\"" + role + "\"}").status()).isEqualTo(201);
        }

        /**
         * Checks inside a request answer from the roster this instance read last; a revocation stored meanwhile
         * through the other instance still counts for the very next command: its append finds the district's
         * directory version moved, the check is made again on the current roster, and the command is refused.
         */
        @Test
        void aRevocationStoredElsewhereCountsForTheNextCommandThoughThisInstanceKeptTheRoster() {
            String district = app.demoDistrict();
            String cycle = app.openCycle(district, "SY 2026-27");
            String priorities = "/api/cycles/" + cycle + "/priorities";
            assertThat(app.post("designer", priorities, PRIORITY).status()).isEqualTo(201); // the roster is kept
            EventStore store = app.bean(EventStore.class);
            long before = store.lastSequenceNumberFor(cycle).orElseThrow();

            assertThat(other.delete("admin", "/api/districts/" + district + "/members/designer/roles/DESIGN_TEAM")
                    .status()).isEqualTo(200);

            CommandSide.Response refused = app.post("designer", priorities, PRIORITY);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("code").asText()).isEqualTo("forbidden");
            assertThat(store.lastSequenceNumberFor(cycle)).hasValue(before);
            assertThat(app.post("steering", priorities, PRIORITY).status()).as("others go on").isEqualTo(201);
        }

        /** A grant through the other instance counts at once too: a check that refuses reads the current roster. */
        @Test
        void aGrantStoredElsewhereCountsForTheNextCommandThoughThisInstanceKeptTheRoster() {
            String district = app.demoDistrict();
            String cycle = app.openCycle(district, "SY 2026-27");
            String priorities = "/api/cycles/" + cycle + "/priorities";
            assertThat(app.post("outsider", priorities, PRIORITY).status()).isEqualTo(403);

            grant(district, "outsider", "DESIGN_TEAM");

            assertThat(app.post("outsider", priorities, PRIORITY).status()).isEqualTo(201);
        }

        /**
         * Someone else's roles changed through the other instance: the next command's append is refused, its checks
         * answer the same on the current roster, and it is sent again, which the client does not notice (here a
         * revision of an existing priority: the refused attempt left nothing behind in the aggregate either).
         */
        @Test
        void aCommandWhoseChecksStillHoldAfterAChangeElsewhereIsSentAgainUnnoticed() {
            String district = app.demoDistrict();
            String cycle = app.openCycle(district, "SY 2026-27");
            CommandSide.Response proposed = app.post("designer", "/api/cycles/" + cycle + "/priorities", PRIORITY);
            String priority = "/api/cycles/" + cycle + "/priorities/" + proposed.id();

            grant(district, "outsider", "AUDITOR");
            CommandSide.Response revised = app.put("designer", priority, PRIORITY, "\"1\"");

            assertThat(revised.status()).isEqualTo(200);
            assertThat(revised.json().path("version").asLong()).isEqualTo(2);
            assertThat(app.bean(EventStore.class).lastSequenceNumberFor(proposed.id())).hasValue(1L);
        }

        /**
         * A grant this instance stored lets go of its kept roster at once: the next command is checked on the current
         * roster and stored at the next position, not refused by its append first (which would burn a position).
         */
        @Test
        void aGrantThroughThisInstanceIsReadAtTheNextCheck() {
            String district = app.demoDistrict();
            String cycle = app.openCycle(district, "SY 2026-27");
            String priorities = "/api/cycles/" + cycle + "/priorities";
            assertThat(app.post("designer", priorities, PRIORITY).status()).isEqualTo(201); // the roster is kept

            long granted = app.post("admin", "/api/districts/" + district + "/members",
                    "{\"username\":\"outsider\",\"role\":\"DESIGN_TEAM\"}").json().path("position").asLong();
            CommandSide.Response proposed = app.post("designer", priorities, PRIORITY);

            assertThat(proposed.status()).isEqualTo(201);
            assertThat(proposed.json().path("position").asLong()).isEqualTo(granted + 1);
        }

        /**
         * A rule's refusal that rests on a kept roster is confirmed first: the owner to assign was granted a role
         * through the other instance, so "not a member" no longer holds; the client is told to send the request
         * again (409 roles-changed, nothing stored), and then it succeeds.
         */
        @Test
        void aRefusalThatRestsOnRolesChangedElsewhereAsksForTheRequestAgain() {
            String district = app.demoDistrict();
            String path = deepDiveOpportunity(district);
            String owner = path + "/owner";
            assertThat(app.put("steering", owner, "{\"username\":\"outsider\"}").json().path("code").asText())
                    .isEqualTo("owner-not-a-member");

            grant(district, "outsider", "ROI_ANALYST");

            CommandSide.Response again = app.put("steering", owner, "{\"username\":\"outsider\"}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().path("code").asText()).isEqualTo("roles-changed");
            assertThat(app.put("steering", owner, "{\"username\":\"outsider\"}").status()).isEqualTo(200);
        }

        /** Auditors write nothing, so one who only audits the district cannot own its opportunities. */
        @Test
        void anAuditorCannotBeMadeAnOwner() {
            String path = deepDiveOpportunity(app.demoDistrict());

            CommandSide.Response refused = app.put("steering", path + "/owner", "{\"username\":\"auditor\"}");

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("code").asText()).isEqualTo("owner-read-only");
            assertThat(app.put("steering", path + "/owner", "{\"username\":\"designer\"}").json().path("version").asLong())
                    .isEqualTo(3); // listed, screened, then the owner: the refusal stored nothing
        }
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
