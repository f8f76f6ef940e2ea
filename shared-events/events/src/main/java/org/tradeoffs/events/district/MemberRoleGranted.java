package org.tradeoffs.events.district;

/** An administrator or a steering-committee member gave a person a role in the district. */
public record MemberRoleGranted(String districtId, String username, Role role, String actor)
        implements DistrictEvent {
}
