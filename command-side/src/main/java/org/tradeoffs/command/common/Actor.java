package org.tradeoffs.command.common;

import org.tradeoffs.events.district.Role;

import java.util.Arrays;
import java.util.Set;

/**
 * Who sends a command: the authenticated username, whether they are a platform administrator, and
 * the roles they hold in the district the command concerns (resolved from that district's events).
 */
public record Actor(String username, boolean admin, Set<Role> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean hasAny(Role... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }

    /** Guard for command handlers: the actor must hold one of the roles. */
    public void require(String action, Role... wanted) {
        if (!hasAny(wanted)) {
            throw new NotPermitted(username + " may not " + action + " (needs " + Arrays.toString(wanted) + ")");
        }
    }
}
