package org.tradeoffs.events.district;

/**
 * A platform administrator registered a school district (or charter network) as a tenant.
 *
 * @param enrollment number of students, as the district reports it
 */
public record DistrictRegistered(String districtId, String name, int enrollment, String actor)
        implements DistrictEvent {
}
