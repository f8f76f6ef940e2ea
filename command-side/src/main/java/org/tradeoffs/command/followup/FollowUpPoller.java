package org.tradeoffs.command.followup;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.command.common.RuleViolation;
import org.tradeoffs.command.common.Today;
import org.tradeoffs.command.savings.MarkMilestoneOverdue;
import org.tradeoffs.command.savings.OpenRenegotiationWindow;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Sends the commands of due follow-ups, at startup and then every {@code tradeoffs.followups.poll-interval}
 * (default 5 s), so a date that came while the service was down is handled on the first poll after start.
 * The aggregate ignores a follow-up that is no longer needed, so sending one twice (after a failure, a
 * replay, or from two instances) records it once.
 */
@Component
public class FollowUpPoller {

    static final Actor SYSTEM = new Actor("system", false, Set.of());
    private static final Logger log = LoggerFactory.getLogger(FollowUpPoller.class);
    private static final int BATCH = 100;

    private final FollowUps followUps;
    private final CommandGateway commands;
    private final Today today;

    public FollowUpPoller(FollowUps followUps, CommandGateway commands, Today today) {
        this.followUps = followUps;
        this.commands = commands;
        this.today = today;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${tradeoffs.followups.poll-interval:5s}")
    public void poll() {
        LocalDate date = today.date();
        List<FollowUps.FollowUp> due = followUps.dueBy(date, BATCH);
        for (FollowUps.FollowUp followUp : due) {
            try {
                commands.sendAndWait(switch (followUp.kind()) {
                    case RENEGOTIATION -> new OpenRenegotiationWindow(followUp.opportunityId(), followUp.itemId(), date,
                            SYSTEM);
                    case MILESTONE -> new MarkMilestoneOverdue(followUp.opportunityId(), followUp.itemId(), date,
                            SYSTEM);
                });
                followUps.done(followUp);
            } catch (RuleViolation | AggregateNotFoundException e) {
                // would fail the same way every time
                log.warn("Follow-up {} dropped: {}", followUp.id(), e.getMessage());
                followUps.done(followUp);
            } catch (RuntimeException e) {
                // kept: e.g. a concurrent write won, the next poll tries again
                log.warn("Follow-up {} failed; retrying on the next poll", followUp.id(), e);
            }
        }
    }
}
