package org.tradeoffs.eventstore;

import java.util.Set;

/**
 * An append that was decided on a district's directory at a version that has moved since (see
 * {@link DirectoryVersions}): nothing of it was stored. Check again against the current directory and send it again.
 */
public class DirectoryChanged extends RuntimeException {

    private final Set<String> districts;

    public DirectoryChanged(Set<String> districts) {
        super("The directory of district(s) " + String.join(", ", districts) + " changed after the command was checked");
        this.districts = Set.copyOf(districts);
    }

    /** The districts whose directory moved. */
    public Set<String> districts() {
        return districts;
    }
}
