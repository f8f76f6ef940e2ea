package org.tradeoffs.command.district;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;

import java.util.Set;

class DistrictTest {

    private static final String DISTRICT = "d-1";
    private static final Actor ADMIN = new Actor("admin", true, Set.of());
    private static final Actor STEERING = new Actor("steering", false, Set.of(Role.STEERING_COMMITTEE));
    private static final Actor DESIGNER = new Actor("designer", false, Set.of(Role.DESIGN_TEAM));

    private AggregateTestFixture<District> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(District.class);
    }

    private static DistrictRegistered registered() {
        return new DistrictRegistered(DISTRICT, "Hayward USD", 22272, "admin");
    }

    @Test
    void adminCanRegisterADistrict() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDistrict(DISTRICT, "Hayward USD", 22272, ADMIN))
                .expectEvents(registered());
    }

    @Test
    void onlyAnAdminCanRegisterADistrict() {
        fixture.givenNoPriorActivity()
                .when(new RegisterDistrict(DISTRICT, "Hayward USD", 22272, STEERING))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void adminCanGiveAPersonARole() {
        fixture.given(registered())
                .when(new GrantMemberRole(DISTRICT, "steering", Role.STEERING_COMMITTEE, ADMIN))
                .expectEvents(new MemberRoleGranted(DISTRICT, "steering", Role.STEERING_COMMITTEE, "admin"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void steeringCommitteeCanAddMembers() {
        fixture.given(registered(), new MemberRoleGranted(DISTRICT, "steering", Role.STEERING_COMMITTEE, "admin"))
                .when(new GrantMemberRole(DISTRICT, "analyst", Role.ROI_ANALYST, STEERING))
                .expectEvents(new MemberRoleGranted(DISTRICT, "analyst", Role.ROI_ANALYST, "steering"));
    }

    @Test
    void designTeamCannotAddMembers() {
        fixture.given(registered(), new MemberRoleGranted(DISTRICT, "designer", Role.DESIGN_TEAM, "admin"))
                .when(new GrantMemberRole(DISTRICT, "friend", Role.STEERING_COMMITTEE, DESIGNER))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }

    @Test
    void aPersonCanHoldSeveralRoles() {
        fixture.given(registered(), new MemberRoleGranted(DISTRICT, "designer", Role.DESIGN_TEAM, "admin"))
                .when(new GrantMemberRole(DISTRICT, "designer", Role.ROI_ANALYST, ADMIN))
                .expectEvents(new MemberRoleGranted(DISTRICT, "designer", Role.ROI_ANALYST, "admin"));
    }

    @Test
    void grantingARoleThePersonHoldsStoresNothing() {
        fixture.given(registered(), new MemberRoleGranted(DISTRICT, "designer", Role.DESIGN_TEAM, "admin"))
                .when(new GrantMemberRole(DISTRICT, "designer", Role.DESIGN_TEAM, ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(2L); // the district's version, unchanged
    }

    @Test
    void revokingARoleThePersonDoesNotHoldStoresNothing() {
        fixture.given(registered(), new MemberRoleGranted(DISTRICT, "designer", Role.DESIGN_TEAM, "admin"),
                        new MemberRoleGranted(DISTRICT, "analyst", Role.ROI_ANALYST, "admin"))
                .when(new RevokeMemberRole(DISTRICT, "designer", Role.ROI_ANALYST, ADMIN))
                .expectNoEvents()
                .expectResultMessagePayload(3L);
    }

    @Test
    void steeringCommitteeCanRevokeARole() {
        fixture.given(registered(), new MemberRoleGranted(DISTRICT, "steering", Role.STEERING_COMMITTEE, "admin"),
                        new MemberRoleGranted(DISTRICT, "designer", Role.DESIGN_TEAM, "admin"))
                .when(new RevokeMemberRole(DISTRICT, "designer", Role.DESIGN_TEAM, STEERING))
                .expectEvents(new MemberRoleRevoked(DISTRICT, "designer", Role.DESIGN_TEAM, "steering"));
    }

    @Test
    void aRevokedSteeringMemberCanNoLongerAddMembers() {
        fixture.given(registered(), new MemberRoleGranted(DISTRICT, "steering", Role.STEERING_COMMITTEE, "admin"),
                        new MemberRoleRevoked(DISTRICT, "steering", Role.STEERING_COMMITTEE, "admin"))
                .when(new GrantMemberRole(DISTRICT, "analyst", Role.ROI_ANALYST, STEERING))
                .expectException(NotPermitted.class)
                .expectNoEvents();
    }
}
