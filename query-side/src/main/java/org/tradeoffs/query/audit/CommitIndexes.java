package org.tradeoffs.query.audit;

import java.util.List;
import org.bson.Document;

/**
 * The fields of a commit document that repeat what its events hold, and by which the event store finds them: its
 * positions ({@code first} up to its id, the last), {@code streams} (an {@code aggregateId:sequence} per event, by
 * which an aggregate is loaded) and {@code tags} (every tag of its events, by which an as-of replay finds a cycle's
 * events). The chain seals the events, not these; checked against each sealed event, a change to them that would
 * hide the event from a load or a replay shows all the same.
 */
final class CommitIndexes {

    private CommitIndexes() {
    }

    /** What of the commit's index fields no longer leads to the event at that position in it; null when all do. */
    static String mismatch(Document commit, long position) {
        Document entry = entryAt(commit, position);
        if (entry == null) {
            return null; // not there: reported as missing
        }
        if (!(commit.get("first") instanceof Long first) || first > position
                || !(commit.get("_id") instanceof Long last) || last < position) {
            return "its commit's first or last position no longer spans it";
        }
        Object stream = entry.get("aggregateType") == null ? null
                : entry.get("aggregateIdentifier") + ":" + entry.get("sequenceNumber");
        if (stream != null && !(commit.get("streams") instanceof List<?> streams && streams.contains(stream))) {
            return "its commit's streams no longer name it (" + stream + ")";
        }
        if (entry.get("tags") instanceof List<?> tags && !tags.isEmpty()
                && !(commit.get("tags") instanceof List<?> commitTags && commitTags.containsAll(tags))) {
            return "its commit's tags no longer hold its tags";
        }
        return null;
    }

    private static Document entryAt(Document commit, long position) {
        if (commit.get("events") instanceof List<?> entries) {
            for (Object element : entries) {
                if (element instanceof Document entry && entry.get("position") instanceof Number number
                        && number.longValue() == position) {
                    return entry;
                }
            }
        }
        return null;
    }
}
