package org.tradeoffs.events.district;

/** An administrator or a steering-committee member took a role away from a person in the district. */
public record MemberRoleRevoked(String districtId, String username, Role role, String actor)
        implements DistrictEvent {
}
