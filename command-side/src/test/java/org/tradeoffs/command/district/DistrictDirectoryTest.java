package org.tradeoffs.command.district;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory on the real event store, with districts snapshotted every 3 events. */
class DistrictDirectoryTest {

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
