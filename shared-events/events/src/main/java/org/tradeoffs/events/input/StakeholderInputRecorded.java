package org.tradeoffs.events.input;

import java.util.List;

/** The design team or steering committee recorded input from community engagement, with its first themes. */
public record StakeholderInputRecorded(String inputId, String cycleId, String districtId, InputContent content,
                                       List<String> themes, String actor)
        implements InputEvent {
}
