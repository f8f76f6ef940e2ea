package org.tradeoffs.query.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tradeoffs.events.district.Role.AUDITOR;
import static org.tradeoffs.events.district.Role.DESIGN_TEAM;
import static org.tradeoffs.events.district.Role.ROI_ANALYST;
import static org.tradeoffs.events.district.Role.STEERING_COMMITTEE;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.query.problem.ForbiddenException;
import org.tradeoffs.query.problem.NotFoundException;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.projection.Tokens;
import org.tradeoffs.query.security.Caller;

/** The directory projection and the authorization answers built on it. */
class DirectoryTest {

    static final String HAYWARD = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String TRACY = "9e1d3c5b-7a9f-4b2d-8e6c-0a2b4c6d8e01";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String NEXT_CYCLE = "5f0e6a2b-8c3d-4e1f-9a7b-2d4c6e8f0a13";
    static final Instant OPENED = Instant.parse("2027-03-01T16:20:00.5Z");
    static final Caller STEERING = new Caller("steering", false);
    static final Caller AUDITOR_USER = new Caller("auditor", false);
    static final Caller OUTSIDER = new Caller("outsider", false);
    static final Caller ADMIN = new Caller("admin", true);

    private final InMemoryMongo mongo = new InMemoryMongo();
    private DirectoryProjection projection;
    private Directory directory;

    @BeforeEach
    void setUp() {
        DirectoryRepository repository = new DirectoryRepository(MongoViewStore.plain(mongo.database()));
        projection = new DirectoryProjection(repository);
        directory = new Directory(repository);
        projection.on(new DistrictRegistered(HAYWARD, "Hayward USD", 22272, "admin"), Tokens.at(1), 0);
        projection.on(new MemberRoleGranted(HAYWARD, "steering", STEERING_COMMITTEE, "admin"), Tokens.at(2), 1);
        projection.on(new MemberRoleGranted(HAYWARD, "auditor", AUDITOR, "steering"), Tokens.at(3), 2);
        projection.on(new PlanningCycleOpened(CYCLE, HAYWARD, "SY 2027-28", "steering"), Tokens.at(4), OPENED);
        projection.on(new DistrictRegistered(TRACY, "Tracy USD", 17000, "admin"), Tokens.at(5), 0);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void memberSeesTheirDistrictsWithTheirOwnRoles() {
        assertThat(directory.districtsOf(STEERING))
                .containsExactly(new DistrictSummary(HAYWARD, "Hayward USD", 22272, List.of(STEERING_COMMITTEE)));
        assertThat(directory.districtsOf(OUTSIDER)).isEmpty();
    }

    @Test
    void adminSeesEveryDistrictWithoutRolesWhereNotAMember() {
        assertThat(directory.districtsOf(ADMIN)).extracting(DistrictSummary::id).containsExactlyInAnyOrder(HAYWARD, TRACY);
        assertThat(directory.districtsOf(ADMIN)).allSatisfy(summary -> assertThat(summary.roles()).isEmpty());
        assertThat(directory.district(TRACY, ADMIN).name()).isEqualTo("Tracy USD");
    }

    /** The store keeps no order of its own; a list that reorders itself between two reads is a bug users see. */
    @Test
    void districtsAreListedByNameWhateverOrderTheyWereRegisteredOrJoinedIn() {
        String alameda = "d-alameda";
        projection.on(new DistrictRegistered(alameda, "alameda Unified", 9000, "admin"), Tokens.at(6), 0);
        projection.on(new MemberRoleGranted(alameda, "steering", STEERING_COMMITTEE, "admin"), Tokens.at(7), 1);

        assertThat(directory.districtsOf(ADMIN)).extracting(DistrictSummary::name)
                .containsExactly("alameda Unified", "Hayward USD", "Tracy USD");
        assertThat(directory.districtsOf(STEERING)).extracting(DistrictSummary::name)
                .containsExactly("alameda Unified", "Hayward USD");
    }

    @Test
    void rolesAccumulateInRoleOrderAndTheDistrictVersionCountsItsEvents() {
        projection.on(new MemberRoleGranted(HAYWARD, "designer", ROI_ANALYST, "steering"), Tokens.at(6), 3);
        projection.on(new MemberRoleGranted(HAYWARD, "designer", DESIGN_TEAM, "steering"), Tokens.at(7), 4);

        DistrictView district = directory.district(HAYWARD, STEERING);
        assertThat(district.members()).containsExactly(
                new Member("steering", List.of(STEERING_COMMITTEE)),
                new Member("auditor", List.of(AUDITOR)),
                new Member("designer", List.of(DESIGN_TEAM, ROI_ANALYST)));
        assertThat(district.version()).isEqualTo(5);
        assertThat(directory.rolesOf("designer", HAYWARD)).containsExactly(DESIGN_TEAM, ROI_ANALYST);
    }

    @Test
    void revokingTheLastRoleEndsMembership() {
        projection.on(new MemberRoleRevoked(HAYWARD, "auditor", AUDITOR, "steering"), Tokens.at(6), 3);

        assertThat(directory.isMember("auditor", HAYWARD)).isFalse();
        assertThat(directory.districtsOf(AUDITOR_USER)).isEmpty();
        assertThat(directory.district(HAYWARD, STEERING).members()).extracting(Member::username)
                .containsExactly("steering");
        assertThatThrownBy(() -> directory.readableCycle(CYCLE, AUDITOR_USER)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anyMemberReadsTheDistrictsCyclesInOpeningOrder() {
        projection.on(new PlanningCycleOpened(NEXT_CYCLE, HAYWARD, "SY 2028-29", "steering"), Tokens.at(6),
                OPENED.plusSeconds(60));

        assertThat(directory.cyclesOf(HAYWARD, AUDITOR_USER)).extracting(CycleView::id).containsExactly(CYCLE, NEXT_CYCLE);
        assertThat(directory.readableCycle(CYCLE, AUDITOR_USER))
                .isEqualTo(new CycleView(CYCLE, HAYWARD, "SY 2027-28", "steering", OPENED, 4));
        assertThat(directory.districtOfCycle(CYCLE)).contains(HAYWARD);
    }

    @Test
    void outsiderCannotReadAnotherDistrictOrItsCycles() {
        assertThatThrownBy(() -> directory.district(HAYWARD, OUTSIDER)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> directory.cyclesOf(HAYWARD, OUTSIDER)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> directory.readableCycle(CYCLE, OUTSIDER)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void adminWhoIsNotAMemberCannotReadTheDistrictsCycleWork() {
        assertThatThrownBy(() -> directory.readableCycle(CYCLE, ADMIN)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void unknownDistrictsAndCyclesAreNotFoundEvenForOutsiders() {
        assertThatThrownBy(() -> directory.district("nope", OUTSIDER)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> directory.cyclesOf("nope", STEERING)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> directory.readableCycle("nope", STEERING)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void reapplyingAlreadyAppliedEventsChangesNothing() {
        DistrictView before = directory.district(HAYWARD, STEERING);

        projection.on(new DistrictRegistered(HAYWARD, "Renamed", 1, "admin"), Tokens.at(1), 0);
        projection.on(new MemberRoleRevoked(HAYWARD, "steering", STEERING_COMMITTEE, "admin"), Tokens.at(2), 1);
        projection.on(new MemberRoleGranted(HAYWARD, "auditor", AUDITOR, "steering"), Tokens.at(3), 2);
        projection.on(new PlanningCycleOpened(CYCLE, HAYWARD, "SY 2027-28", "steering"), Tokens.at(4), OPENED);

        assertThat(directory.district(HAYWARD, STEERING)).isEqualTo(before);
        assertThat(directory.cyclesOf(HAYWARD, STEERING)).hasSize(1);
    }

    @Test
    void resetForgetsEveryDistrict() {
        projection.reset();

        assertThat(directory.districtsOf(ADMIN)).isEmpty();
        assertThat(directory.isMember("steering", HAYWARD)).isFalse();
        assertThat(directory.districtOfCycle(CYCLE)).isEmpty();
    }
}
