package org.tradeoffs.events.input;

/** The input's content was corrected (stated in full); the earlier content stays in the history. */
public record StakeholderInputCorrected(String inputId, String cycleId, String districtId, InputContent content,
                                        String reason, String actor)
        implements InputEvent {
}
