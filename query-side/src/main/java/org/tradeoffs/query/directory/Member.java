package org.tradeoffs.query.directory;

import java.util.List;
import org.tradeoffs.events.district.Role;

/** A person who holds at least one role in a district; roles in {@link Role} declaration order. */
public record Member(String username, List<Role> roles) {
}
