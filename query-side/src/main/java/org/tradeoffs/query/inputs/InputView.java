package org.tradeoffs.query.inputs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.events.tradeoff.Outcome;

/**
 * One piece of stakeholder input as it reads now, with every earlier content kept in
 * {@code corrections} and the tradeoff packages that considered it.
 *
 * @param links what the input speaks to, each with the linked priority's current title or the opportunity's question
 * @param themes in the order they were added
 * @param corrections oldest first; each holds the content as it was before that correction
 * @param consideredBy the packages whose current content lists this input, in the order they were drafted
 * @param version the input aggregate's version (number of its events so far)
 * @param position global position of the input's last event
 */
public record InputView(
        String id,
        String cycleId,
        StakeholderGroup group,
        InputChannel channel,
        LocalDate receivedOn,
        String summary,
        int respondents,
        List<Link> links,
        List<String> themes,
        List<Correction> corrections,
        String recordedBy,
        Instant recordedAt,
        List<Consideration> consideredBy,
        long version,
        long position) {

    /** @param title the priority's current title or the opportunity's question (its id if never seen) */
    public record Link(InputLink.Kind kind, String id, Stance stance, String title) {
    }

    /** The content fields of an input, as a correction replaced them. */
    public record Content(StakeholderGroup group, InputChannel channel, LocalDate receivedOn, String summary,
                          int respondents, List<Link> links) {
    }

    /** @param previous the content before this correction */
    public record Correction(Content previous, String reason, String by, Instant at) {
    }

    /** @param outcome null until the package is decided */
    public record Consideration(String tradeoffId, String title, PackageStatus status, Outcome outcome) {
    }

    /** Where a tradeoff package that considered the input stands. */
    public enum PackageStatus { DRAFT, VOTING, APPROVED, REJECTED }

    /** The current titles of the items inputs link to. */
    interface Titles {

        /** The priority's title or the opportunity's question; the id when unknown. */
        String titleOf(InputLink.Kind kind, String id);
    }

    static InputView recorded(StakeholderInputRecorded event, Stamp stamp, Titles titles,
            List<Consideration> consideredBy) {
        InputContent content = event.content();
        return new InputView(event.inputId(), event.cycleId(), content.group(), content.channel(),
                content.receivedOn(), content.summary(), content.respondents(), links(content.links(), titles),
                withThemes(List.of(), event.themes()), List.of(), event.actor(), stamp.time(),
                List.copyOf(consideredBy), stamp.version(), stamp.position());
    }

    InputView corrected(StakeholderInputCorrected event, Stamp stamp, Titles titles) {
        InputContent content = event.content();
        List<Correction> history = new ArrayList<>(corrections);
        history.add(new Correction(content(), event.reason(), event.actor(), stamp.time()));
        return new InputView(id, cycleId, content.group(), content.channel(), content.receivedOn(), content.summary(),
                content.respondents(), links(content.links(), titles), themes, List.copyOf(history), recordedBy,
                recordedAt, consideredBy, stamp.version(), stamp.position());
    }

    InputView tagged(StakeholderInputTagged event, Stamp stamp) {
        return new InputView(id, cycleId, group, channel, receivedOn, summary, respondents, links,
                withThemes(themes, event.themes()), corrections, recordedBy, recordedAt, consideredBy,
                stamp.version(), stamp.position());
    }

    /** The same input with every link (also those of earlier contents) titled as the titles say now. */
    InputView retitled(Titles titles) {
        List<Correction> retitledCorrections = corrections.stream()
                .map(correction -> new Correction(new Content(correction.previous().group(),
                        correction.previous().channel(), correction.previous().receivedOn(),
                        correction.previous().summary(), correction.previous().respondents(),
                        retitled(correction.previous().links(), titles)), correction.reason(), correction.by(),
                        correction.at()))
                .toList();
        return new InputView(id, cycleId, group, channel, receivedOn, summary, respondents, retitled(links, titles),
                themes, retitledCorrections, recordedBy, recordedAt, consideredBy, version, position);
    }

    InputView consideredBy(List<Consideration> packages) {
        return new InputView(id, cycleId, group, channel, receivedOn, summary, respondents, links, themes,
                corrections, recordedBy, recordedAt, List.copyOf(packages), version, position);
    }

    Content content() {
        return new Content(group, channel, receivedOn, summary, respondents, links);
    }

    /** Every item the input links to now or linked to before a correction. */
    SortedSet<String> referencedItemIds() {
        SortedSet<String> ids = new TreeSet<>();
        links.forEach(link -> ids.add(link.id()));
        corrections.forEach(correction -> correction.previous().links().forEach(link -> ids.add(link.id())));
        return ids;
    }

    private static List<Link> links(List<InputLink> links, Titles titles) {
        return links.stream()
                .map(link -> new Link(link.kind(), link.id(), link.stance(), titles.titleOf(link.kind(), link.id())))
                .toList();
    }

    private static List<Link> retitled(List<Link> links, Titles titles) {
        return links.stream()
                .map(link -> new Link(link.kind(), link.id(), link.stance(), titles.titleOf(link.kind(), link.id())))
                .toList();
    }

    /**
     * The themes with the added ones that are new, trimmed; the command side already drops case-insensitive
     * duplicates, this keeps the view right for any history.
     */
    private static List<String> withThemes(List<String> current, List<String> added) {
        List<String> themes = new ArrayList<>(current);
        Set<String> seen = new TreeSet<>();
        current.forEach(theme -> seen.add(theme.toLowerCase(Locale.ROOT)));
        for (String theme : added) {
            String trimmed = theme.strip();
            if (!trimmed.isEmpty() && seen.add(trimmed.toLowerCase(Locale.ROOT))) {
                themes.add(trimmed);
            }
        }
        return List.copyOf(themes);
    }
}
