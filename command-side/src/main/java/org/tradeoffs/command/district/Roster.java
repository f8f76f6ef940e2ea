package org.tradeoffs.command.district;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.tradeoffs.events.district.DistrictEvent;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Who holds which roles in a district, folded from the district's events. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Roster {

    private final Map<String, Set<Role>> roles = new HashMap<>();

    public void apply(DistrictEvent event) {
        if (event instanceof MemberRoleGranted granted) {
            roles.computeIfAbsent(granted.username(), u -> EnumSet.noneOf(Role.class)).add(granted.role());
        } else if (event instanceof MemberRoleRevoked revoked) {
            Set<Role> held = roles.get(revoked.username());
            if (held != null) {
                held.remove(revoked.role());
                if (held.isEmpty()) {
                    roles.remove(revoked.username());
                }
            }
        }
    }

    /** A roster of its own with the same roles, to apply later events to. */
    public Roster copy() {
        Roster copy = new Roster();
        roles.forEach((username, held) -> {
            Set<Role> same = EnumSet.noneOf(Role.class);
            same.addAll(held);
            copy.roles.put(username, same);
        });
        return copy;
    }

    public Set<Role> rolesOf(String username) {
        Set<Role> held = roles.get(username);
        return held == null ? Set.of() : Set.copyOf(held);
    }

    public boolean holds(String username, Role role) {
        return rolesOf(username).contains(role);
    }

    /** Everyone holding the role, by username. */
    public List<String> holdersOf(Role role) {
        return roles.entrySet().stream().filter(entry -> entry.getValue().contains(role)).map(Map.Entry::getKey)
                .sorted().toList();
    }
}
