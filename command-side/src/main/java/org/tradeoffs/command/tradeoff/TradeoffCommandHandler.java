package org.tradeoffs.command.tradeoff;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.priority.Priority;
import org.tradeoffs.command.savings.CommitFunding;
import org.tradeoffs.command.savings.Funds;
import org.tradeoffs.command.savings.Opportunity;

import java.math.BigDecimal;

/**
 * Handles the package commands that depend on other aggregates: submission (are its priorities approved, do
 * its opportunities still have the money) and the vote or closing that may approve it (commit the funding).
 * It loads the package, its priorities and its opportunities through their repositories in the command's one
 * unit of work, so the event store stores the package's events and every {@code FundingCommitted} in one
 * commit. In this process the repositories' locks serialise two commands on the same opportunity; across
 * processes the event store refuses the whole commit when the package or an opportunity it commits on got
 * another event meanwhile. Two packages racing for the same opportunity therefore cannot together commit
 * more than its estimate.
 */
@Component
public class TradeoffCommandHandler {

    private final Repository<TradeoffPackage> packages;
    private final Repository<Priority> priorities;
    private final Repository<Opportunity> opportunities;

    public TradeoffCommandHandler(Repository<TradeoffPackage> packages, Repository<Priority> priorities,
                                  Repository<Opportunity> opportunities) {
        this.packages = packages;
        this.priorities = priorities;
        this.opportunities = opportunities;
    }

    @CommandHandler
    public void handle(SubmitTradeoff command) {
        Ledger ledger = ledger(command.cycleId(), command.tradeoffId(), command.actor());
        packages.load(command.tradeoffId()).execute(tradeoff -> tradeoff.submit(command, ledger));
    }

    @CommandHandler
    public void handle(CastVote command) {
        Ledger ledger = ledger(command.cycleId(), command.tradeoffId(), command.actor());
        packages.load(command.tradeoffId()).execute(tradeoff -> tradeoff.castVote(command, ledger));
    }

    @CommandHandler
    public void handle(CloseTradeoff command) {
        Ledger ledger = ledger(command.cycleId(), command.tradeoffId(), command.actor());
        packages.load(command.tradeoffId()).execute(tradeoff -> tradeoff.close(command, ledger));
    }

    /** The cycle's priorities and opportunities, loaded on demand into the current unit of work. */
    private Ledger ledger(String cycleId, String tradeoffId, Actor actor) {
        return new Ledger() {
            @Override
            public boolean isApproved(String priorityId) {
                try {
                    return priorities.load(priorityId)
                            .invoke(priority -> cycleId.equals(priority.cycleId()) && priority.isApproved());
                } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
                    return false;
                }
            }

            @Override
            public Funds fundsOf(String opportunityId) {
                return opportunities.load(opportunityId).invoke(Opportunity::funds);
            }

            @Override
            public void commit(String opportunityId, BigDecimal amount) {
                CommitFunding commit = new CommitFunding(opportunityId, cycleId, tradeoffId, amount, actor);
                opportunities.load(opportunityId).execute(opportunity -> opportunity.handle(commit));
            }
        };
    }
}
