package org.tradeoffs.events.input;

import org.tradeoffs.events.CycleScoped;

/** Facts about one piece of stakeholder input of a planning cycle. */
public sealed interface InputEvent extends CycleScoped
        permits StakeholderInputRecorded, StakeholderInputCorrected, StakeholderInputTagged {
    String inputId();
}
