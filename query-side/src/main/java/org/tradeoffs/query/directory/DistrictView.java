package org.tradeoffs.query.directory;

import java.util.List;

/** A district with its members, as members and administrators see it. */
public record DistrictView(String id, String name, int enrollment, List<Member> members, long version) {
}
