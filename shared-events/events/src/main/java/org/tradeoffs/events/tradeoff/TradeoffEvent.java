package org.tradeoffs.events.tradeoff;

import org.tradeoffs.events.CycleScoped;

/** Facts about one resource-tradeoff package of a planning cycle, from draft to decision. */
public sealed interface TradeoffEvent extends CycleScoped
        permits TradeoffDrafted, TradeoffRevised, TradeoffSubmitted, VotingRulesChanged, VoteCast, VoteChanged,
        TradeoffDecided, TradeoffClosed {
    String tradeoffId();
}
