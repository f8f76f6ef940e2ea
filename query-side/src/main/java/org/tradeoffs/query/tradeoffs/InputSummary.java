package org.tradeoffs.query.tradeoffs;

import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.query.tradeoffs.TradeoffView.ConsideredInput;

/**
 * The stored shape of {@code tradeoff_inputs}: what a package shows of an input it considered.
 *
 * @param position global position of the input's last recording or correction, the idempotency guard
 */
record InputSummary(String inputId, String cycleId, String summary, StakeholderGroup group, int respondents,
                    long position) {

    ConsideredInput considered() {
        return new ConsideredInput(inputId, summary, group, respondents);
    }
}
