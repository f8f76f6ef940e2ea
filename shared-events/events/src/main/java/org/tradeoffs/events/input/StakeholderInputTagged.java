package org.tradeoffs.events.input;

import java.util.List;

/** Themes were added to the input (e.g. "class size", "transportation"). */
public record StakeholderInputTagged(String inputId, String cycleId, String districtId, List<String> themes,
                                     String actor)
        implements InputEvent {
}
