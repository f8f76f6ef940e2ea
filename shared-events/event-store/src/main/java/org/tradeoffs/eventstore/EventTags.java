package org.tradeoffs.eventstore;

import java.util.ArrayList;
import java.util.List;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.cycle.CycleEvent;
import org.tradeoffs.events.district.DistrictEvent;

/**
 * The tags every stored event carries, so that a read scoped to what it is about (one planning cycle, the directory
 * of districts and cycles) finds its events by index instead of reading the whole store: an as-of view of one cycle
 * replays that cycle's events and the directory's, not every event before it.
 * <ul>
 *   <li>{@value #DIRECTORY}: the facts of the directory: districts, their members and roles, the cycles opened;</li>
 *   <li>{@code cycle:<cycleId>}: every fact of one planning cycle (its opening included);</li>
 *   <li>{@code district:<districtId>}: every fact of one district, whose hash chain seals them.</li>
 * </ul>
 * An event about neither has no tag. Tags are derived from the payload alone, so stored events can be tagged later
 * and get the same tags.
 */
public final class EventTags {

    public static final String DIRECTORY = "directory";

    private EventTags() {
    }

    public static String cycle(String cycleId) {
        return "cycle:" + cycleId;
    }

    public static String district(String districtId) {
        return "district:" + districtId;
    }

    /** The tags of an event with this payload. */
    public static List<String> of(Object payload) {
        List<String> tags = new ArrayList<>(2);
        if (payload instanceof DistrictEvent || payload instanceof CycleEvent) {
            tags.add(DIRECTORY);
        }
        if (payload instanceof CycleScoped scoped) {
            tags.add(cycle(scoped.cycleId()));
            tags.add(district(scoped.districtId()));
        } else if (payload instanceof DistrictEvent districtEvent) {
            tags.add(district(districtEvent.districtId()));
        }
        return tags;
    }
}
