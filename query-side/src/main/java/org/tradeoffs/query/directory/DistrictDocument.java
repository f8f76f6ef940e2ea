package org.tradeoffs.query.directory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.tradeoffs.events.district.Role;

/**
 * The stored state of one district: registration, members and the ids of its cycles.
 *
 * @param version the district aggregate's version (its last sequence number + 1)
 * @param position global position of the last event applied to this document, the idempotency guard
 */
record DistrictDocument(
        String id, String name, int enrollment, List<Member> members, List<String> cycleIds, long version,
        long position) {

    static DistrictDocument registered(String id, String name, int enrollment, long version, long position) {
        return new DistrictDocument(id, name, enrollment, List.of(), List.of(), version, position);
    }

    List<Role> rolesOf(String username) {
        return members.stream()
                .filter(member -> member.username().equals(username))
                .findFirst()
                .map(Member::roles)
                .orElse(List.of());
    }

    DistrictDocument granted(String username, Role role, long version, long position) {
        EnumSet<Role> roles = roleSet(username);
        roles.add(role);
        return withRoles(username, roles, version, position);
    }

    DistrictDocument revoked(String username, Role role, long version, long position) {
        EnumSet<Role> roles = roleSet(username);
        roles.remove(role);
        return withRoles(username, roles, version, position);
    }

    DistrictDocument withCycle(String cycleId, long position) {
        List<String> ids = new ArrayList<>(cycleIds);
        if (!ids.contains(cycleId)) {
            ids.add(cycleId);
        }
        return new DistrictDocument(id, name, enrollment, members, ids, version, position);
    }

    DistrictView view() {
        return new DistrictView(id, name, enrollment, members, version);
    }

    private EnumSet<Role> roleSet(String username) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(rolesOf(username));
        return roles;
    }

    /** Keeps members in the order they first joined; a member left without roles is removed. */
    private DistrictDocument withRoles(String username, EnumSet<Role> roles, long version, long position) {
        List<Member> updated = new ArrayList<>();
        boolean found = false;
        for (Member member : members) {
            if (member.username().equals(username)) {
                found = true;
                if (!roles.isEmpty()) {
                    updated.add(new Member(username, List.copyOf(roles)));
                }
            } else {
                updated.add(member);
            }
        }
        if (!found && !roles.isEmpty()) {
            updated.add(new Member(username, List.copyOf(roles)));
        }
        return new DistrictDocument(id, name, enrollment, updated, cycleIds, version, position);
    }
}
