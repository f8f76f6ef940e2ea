package org.tradeoffs.command.input;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.tradeoffs.command.common.ConflictingState;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.command.common.Versions;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.tradeoffs.events.district.Role.DESIGN_TEAM;
import static org.tradeoffs.events.district.Role.STEERING_COMMITTEE;

/**
 * What a group of stakeholders said through one channel (a survey, a town hall, ...), linked to the
 * priorities and savings opportunities of the cycle it speaks to, and tagged with themes. The design team
 * or steering committee records it; a correction states the content in full again and keeps the earlier
 * content in the history.
 */
@Aggregate
public class StakeholderInput {

    @AggregateIdentifier
    private String inputId;
    private String cycleId;
    private String districtId;
    private InputContent content;
    /** Theme keys (trimmed, lower case) the input already has. */
    private final Set<String> themes = new HashSet<>();

    protected StakeholderInput() {
    }

    @CommandHandler
    public StakeholderInput(RecordStakeholderInput command, CycleItems items) {
        command.actor().require("record stakeholder input", DESIGN_TEAM, STEERING_COMMITTEE);
        requireLinkedItemsOf(command.cycleId(), command.content().links(), items);
        apply(new StakeholderInputRecorded(command.inputId(), command.cycleId(), command.districtId(),
                command.content(), Themes.newOnes(command.themes(), Set.of()), command.actor().username()));
    }

    @CommandHandler
    public void handle(CorrectStakeholderInput command, CycleItems items) {
        requireInCycle(command.cycleId());
        command.actor().require("correct stakeholder input", DESIGN_TEAM, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        if (command.content().equals(content)) {
            throw new ConflictingState("duplicate", "The input already says exactly this");
        }
        requireLinkedItemsOf(cycleId, command.content().links(), items);
        apply(new StakeholderInputCorrected(inputId, cycleId, districtId, command.content(), command.reason(),
                command.actor().username()));
    }

    @CommandHandler
    public void handle(TagStakeholderInput command) {
        requireInCycle(command.cycleId());
        command.actor().require("tag stakeholder input", DESIGN_TEAM, STEERING_COMMITTEE);
        Versions.require(command.expectedVersion());
        List<String> added = Themes.newOnes(command.themes(), themes);
        if (added.isEmpty()) {
            throw new ConflictingState("duplicate", "The input already has all of these themes");
        }
        apply(new StakeholderInputTagged(inputId, cycleId, districtId, added, command.actor().username()));
    }

    /** The cycle the input belongs to; packages consider only inputs of their own cycle. */
    public String cycleId() {
        return cycleId;
    }

    /**
     * Every link must name a priority or opportunity of the input's cycle; the first that does not, as given, is
     * refused. Priorities are looked up first, then opportunities, each by id: the order in which every command
     * loads (and so locks) them, so that two commands never wait for each other.
     */
    private static void requireLinkedItemsOf(String cycleId, List<InputLink> links, CycleItems items) {
        Map<InputLink, Boolean> known = new HashMap<>();
        links.stream()
                .sorted(Comparator.comparing(InputLink::kind).thenComparing(InputLink::id))
                .forEach(link -> known.computeIfAbsent(link, l -> switch (l.kind()) {
                    case PRIORITY -> items.isPriority(cycleId, l.id());
                    case OPPORTUNITY -> items.isOpportunity(cycleId, l.id());
                }));
        for (InputLink link : links) {
            if (!known.get(link)) {
                throw new ConflictingState("unknown-linked-item",
                        "No " + link.kind().name().toLowerCase(Locale.ROOT) + " " + link.id() + " in this cycle");
            }
        }
    }

    private void requireInCycle(String requestedCycle) {
        if (!cycleId.equals(requestedCycle)) {
            throw new UnknownItem("No stakeholder input " + inputId + " in cycle " + requestedCycle);
        }
    }

    @EventSourcingHandler
    void on(StakeholderInputRecorded event) {
        inputId = event.inputId();
        cycleId = event.cycleId();
        districtId = event.districtId();
        content = event.content();
        event.themes().forEach(theme -> themes.add(Themes.key(theme)));
    }

    @EventSourcingHandler
    void on(StakeholderInputCorrected event) {
        content = event.content();
    }

    @EventSourcingHandler
    void on(StakeholderInputTagged event) {
        event.themes().forEach(theme -> themes.add(Themes.key(theme)));
    }
}
