package org.tradeoffs.query.inputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.query.inputs.InputsCycle.InputEntry;
import org.tradeoffs.query.inputs.InputsCycle.PackageEntry;

/**
 * What a cycle's stakeholders said, counted, and what was done with it. Counts follow each input's
 * current content (a correction moves its respondents to the corrected group, channel and links).
 *
 * @param byGroup all seven groups, in the order of {@link StakeholderGroup}
 * @param byChannel all six channels, in the order of {@link InputChannel}
 * @param items every priority and opportunity some input links to now: priorities first, then by title
 * @param youSaidWeDid the inputs that at least one package's current content considers, in the order of the
 *                     input list (newest received first), each with those packages in the order they were
 *                     drafted (a draft too: its outcome stays null until it is decided)
 * @param position global position of the last event applied to the cycle's inputs (0 before any)
 */
public record InputDigest(
        String cycleId,
        Count totals,
        List<GroupCount> byGroup,
        List<ChannelCount> byChannel,
        List<Item> items,
        List<YouSaidWeDid> youSaidWeDid,
        long position) {

    /** How many inputs, and how many people they represent. */
    public record Count(int inputs, int respondents) {

        static final Count NONE = new Count(0, 0);

        Count plus(int moreRespondents) {
            return new Count(inputs + 1, respondents + moreRespondents);
        }
    }

    public record GroupCount(StakeholderGroup group, int inputs, int respondents) {
    }

    public record ChannelCount(InputChannel channel, int inputs, int respondents) {
    }

    /**
     * @param title the priority's current title or the opportunity's question (its id if never seen)
     * @param stances all four stances, in the order of {@link Stance}
     */
    public record Item(InputLink.Kind kind, String id, String title, Map<Stance, Count> stances) {
    }

    public record YouSaidWeDid(String inputId, String summary, StakeholderGroup group, int respondents,
                               List<Decision> decisions) {
    }

    /**
     * @param outcome null while the package is being voted on
     * @param decidedAt likewise
     */
    public record Decision(String tradeoffId, String title, Outcome outcome, Instant decidedAt) {
    }

    /** An item with the key it is listed by: priorities first, then by title, ignoring case. */
    private record Listed(Item item, String title) {

        static final Comparator<Listed> ORDER = Comparator.comparing((Listed listed) -> listed.item().kind())
                .thenComparing(Listed::title)
                .thenComparing(listed -> listed.item().id());

        static Listed of(Item item) {
            return new Listed(item, item.title() == null ? "" : item.title().toLowerCase(Locale.ROOT));
        }
    }

    static InputDigest empty(String cycleId) {
        return of(cycleId, InputsCycle.empty(), 0);
    }

    static InputDigest of(String cycleId, InputsCycle cycle, long position) {
        Map<StakeholderGroup, Count> groups = new EnumMap<>(StakeholderGroup.class);
        Map<InputChannel, Count> channels = new EnumMap<>(InputChannel.class);
        Map<String, Map<Stance, Count>> stancesByItem = new LinkedHashMap<>();
        Map<String, InputLink.Kind> kinds = new LinkedHashMap<>();
        Count totals = Count.NONE;
        for (InputEntry input : cycle.inputs()) {
            totals = totals.plus(input.respondents());
            groups.merge(input.group(), Count.NONE.plus(input.respondents()), InputDigest::add);
            channels.merge(input.channel(), Count.NONE.plus(input.respondents()), InputDigest::add);
            input.links().stream().distinct().forEach(link -> {
                kinds.putIfAbsent(link.id(), link.kind());
                stancesByItem.computeIfAbsent(link.id(), id -> new EnumMap<>(Stance.class))
                        .merge(link.stance(), Count.NONE.plus(input.respondents()), InputDigest::add);
            });
        }
        List<GroupCount> byGroup = Arrays.stream(StakeholderGroup.values()).map(group -> {
            Count count = groups.getOrDefault(group, Count.NONE);
            return new GroupCount(group, count.inputs(), count.respondents());
        }).toList();
        List<ChannelCount> byChannel = Arrays.stream(InputChannel.values()).map(channel -> {
            Count count = channels.getOrDefault(channel, Count.NONE);
            return new ChannelCount(channel, count.inputs(), count.respondents());
        }).toList();
        InputView.Titles titles = cycle.titlesById();
        List<Item> items = stancesByItem.entrySet().stream().map(entry -> {
            Map<Stance, Count> stances = new EnumMap<>(Stance.class);
            for (Stance stance : Stance.values()) {
                stances.put(stance, entry.getValue().getOrDefault(stance, Count.NONE));
            }
            InputLink.Kind kind = kinds.get(entry.getKey());
            return new Item(kind, entry.getKey(), titles.titleOf(kind, entry.getKey()), stances);
        }).map(Listed::of).sorted(Listed.ORDER).map(Listed::item).toList();
        Map<String, List<PackageEntry>> packagesByInput = cycle.packagesByInput();
        List<YouSaidWeDid> youSaidWeDid = new ArrayList<>();
        for (InputEntry input : cycle.inputs()) {
            List<Decision> decisions = packagesByInput.getOrDefault(input.inputId(), List.of()).stream()
                    .map(InputDigest::decision)
                    .toList();
            if (!decisions.isEmpty()) {
                youSaidWeDid.add(new YouSaidWeDid(input.inputId(), input.summary(), input.group(),
                        input.respondents(), decisions));
            }
        }
        return new InputDigest(cycleId, totals, byGroup, byChannel, items, List.copyOf(youSaidWeDid), position);
    }

    /** The same digest, as of another position. */
    InputDigest at(long newPosition) {
        return new InputDigest(cycleId, totals, byGroup, byChannel, items, youSaidWeDid, newPosition);
    }

    private static Decision decision(PackageEntry entry) {
        return new Decision(entry.tradeoffId(), entry.title(), entry.outcome(), entry.decidedAt());
    }

    private static Count add(Count left, Count right) {
        return new Count(left.inputs() + right.inputs(), left.respondents() + right.respondents());
    }
}
