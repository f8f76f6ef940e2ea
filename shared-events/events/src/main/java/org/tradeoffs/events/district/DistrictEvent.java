package org.tradeoffs.events.district;

import org.tradeoffs.events.DomainEvent;

/** Facts about a district (a tenant): its registration and its members' roles. */
public sealed interface DistrictEvent extends DomainEvent
        permits DistrictRegistered, MemberRoleGranted, MemberRoleRevoked {
    String districtId();
}
