package org.tradeoffs.command.district;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.eventstore.EmbeddedMongo;
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
