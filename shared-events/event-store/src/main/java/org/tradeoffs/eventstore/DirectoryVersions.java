package org.tradeoffs.eventstore;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A version number for each district's directory (its members and roles, its cycles), kept in the event store's
 * counter document and bumped by every append that changes the directory (events tagged {@link EventTags#DIRECTORY}),
 * right after it is stored and before it is acknowledged. A command decided on a cached copy of the directory carries
 * the versions that copy was read at, in its metadata under {@link #EXPECTED}; its append reads the current versions
 * with its positions, and if one has moved the commit is not stored and the append fails with
 * {@link DirectoryChanged}. So a check against a cached directory is as good as one that read the store, and a change
 * acknowledged before a command started always counts for it, whichever instance stored the change.
 */
public final class DirectoryVersions {

    /** Command metadata: district id to the directory version the command's checks were made at. */
    public static final String EXPECTED = "expectedDirectoryVersions";

    private DirectoryVersions() {
    }

    /** The counter document's field that holds a district's directory version (missing: 0). */
    static String field(String districtId) {
        return "directory." + districtId;
    }

    /** The districts whose directory a commit with these tags changes. */
    static Set<String> changedBy(Collection<String> commitTags) {
        Set<String> districts = new LinkedHashSet<>();
        if (commitTags.contains(EventTags.DIRECTORY)) {
            for (String tag : commitTags) {
                if (tag.startsWith(EventTags.district(""))) {
                    districts.add(tag.substring(EventTags.district("").length()));
                }
            }
        }
        return districts;
    }
}
