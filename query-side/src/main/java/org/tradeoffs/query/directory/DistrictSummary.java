package org.tradeoffs.query.directory;

import java.util.List;
import org.tradeoffs.events.district.Role;

/** A district in the caller's list, with the caller's own roles there (empty for a non-member admin). */
public record DistrictSummary(String id, String name, int enrollment, List<Role> roles) {
}
