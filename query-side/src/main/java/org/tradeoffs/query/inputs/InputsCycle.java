package org.tradeoffs.query.inputs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.query.inputs.InputView.Consideration;
import org.tradeoffs.query.inputs.InputView.PackageStatus;

/**
 * The stored shape of {@code inputs_cycles}: what the cycle's digest is computed from, so that it is
 * recomputed on every event from this one document without reading the inputs' views (during a replay, once at
 * its end: see {@link InputsRepository#deferDigests()}).
 *
 * @param inputs every input with its current content, newest received first (then newest recorded first)
 * @param packages every tradeoff package of the cycle, in the order they were drafted
 * @param items the priorities and opportunities of the cycle some input links to (or linked to), with their current
 *              title (or question); every item's title is kept in {@code inputs_items}
 * @param digest the digest computed from the above
 */
record InputsCycle(List<InputEntry> inputs, List<PackageEntry> packages, List<ItemEntry> items, InputDigest digest)
        implements InputView.Titles {

    /**
     * @param referencedItemIds the items its current content or any earlier one links to (sorted, so that the
     *                          stored array does not depend on whether the entry was read back from its document)
     * @param recordedPosition where it was recorded, the tie-breaker of inputs received the same day
     */
    record InputEntry(String inputId, StakeholderGroup group, InputChannel channel, LocalDate receivedOn,
                      String summary, int respondents, List<InputLink> links, SortedSet<String> referencedItemIds,
                      long recordedPosition) {

        static InputEntry of(InputView view, long recordedPosition) {
            List<InputLink> links = view.links().stream()
                    .map(link -> new InputLink(link.kind(), link.id(), link.stance()))
                    .toList();
            return new InputEntry(view.id(), view.group(), view.channel(), view.receivedOn(), view.summary(),
                    view.respondents(), links, view.referencedItemIds(), recordedPosition);
        }
    }

    /**
     * A package as the inputs see it.
     *
     * @param consideredInputs the inputs its current content lists
     * @param position global position of its last event applied here
     */
    record PackageEntry(String tradeoffId, String title, PackageStatus status, Outcome outcome, Instant decidedAt,
                        List<String> consideredInputs, long draftedPosition, long position) {

        Consideration consideration() {
            return new Consideration(tradeoffId, title, status, outcome);
        }
    }

    /** @param position global position of the last event that named it */
    record ItemEntry(InputLink.Kind kind, String id, String title, long position) {
    }

    private static final Comparator<InputEntry> NEWEST_RECEIVED_FIRST = Comparator
            .comparing(InputEntry::receivedOn).thenComparingLong(InputEntry::recordedPosition).reversed();

    static InputsCycle empty() {
        return new InputsCycle(List.of(), List.of(), List.of(), null);
    }

    @Override
    public String titleOf(InputLink.Kind kind, String id) {
        return item(id).filter(item -> item.kind() == kind).map(ItemEntry::title).orElse(id);
    }

    Optional<InputEntry> input(String inputId) {
        return inputs.stream().filter(input -> input.inputId().equals(inputId)).findFirst();
    }

    Optional<PackageEntry> tradeoff(String tradeoffId) {
        return packages.stream().filter(entry -> entry.tradeoffId().equals(tradeoffId)).findFirst();
    }

    Optional<ItemEntry> item(String id) {
        return items.stream().filter(item -> item.id().equals(id)).findFirst();
    }

    /** The packages whose current content lists the input, in the order they were drafted. */
    List<PackageEntry> packagesConsidering(String inputId) {
        return packages.stream().filter(entry -> entry.consideredInputs().contains(inputId)).toList();
    }

    /** {@link #packagesConsidering} of every input some package considers, computed at once. */
    Map<String, List<PackageEntry>> packagesByInput() {
        Map<String, List<PackageEntry>> byInput = new HashMap<>();
        for (PackageEntry entry : packages) {
            entry.consideredInputs().stream().distinct()
                    .forEach(inputId -> byInput.computeIfAbsent(inputId, id -> new ArrayList<>()).add(entry));
        }
        return byInput;
    }

    /** {@link #titleOf}, looking the items up by id: for titling many links at once. */
    InputView.Titles titlesById() {
        Map<String, ItemEntry> byId = new HashMap<>();
        items.forEach(item -> byId.putIfAbsent(item.id(), item));
        return (kind, id) -> {
            ItemEntry item = byId.get(id);
            return item != null && item.kind() == kind ? item.title() : id;
        };
    }

    List<Consideration> considerationsOf(String inputId) {
        return packagesConsidering(inputId).stream().map(PackageEntry::consideration).toList();
    }

    /** The same cycle with its digest computed from it, at the digest's position. */
    InputsCycle digested(String cycleId) {
        return new InputsCycle(inputs, packages, items,
                InputDigest.of(cycleId, this, digest == null ? 0 : digest.position()));
    }

    /** The inputs that link (or linked before a correction) to the item. */
    List<String> inputsReferencing(String itemId) {
        return inputs.stream()
                .filter(input -> input.referencedItemIds().contains(itemId))
                .map(InputEntry::inputId)
                .toList();
    }

    /**
     * An input that did not change what the digest counts (a tag) leaves the digest as it was but its position.
     *
     * @param deferDigest leave the digest as it was but its position in any case (see {@link InputsRepository})
     */
    InputsCycle withInput(String cycleId, InputView view, long position, boolean deferDigest) {
        Optional<InputEntry> current = input(view.id());
        InputEntry entry = InputEntry.of(view, current.map(InputEntry::recordedPosition).orElse(view.position()));
        if (current.isPresent() && current.get().equals(entry) && digest != null) {
            return new InputsCycle(inputs, packages, items, digest.at(Math.max(position, digest.position())));
        }
        List<InputEntry> updated = new ArrayList<>(inputs);
        updated.removeIf(input -> input.inputId().equals(view.id()));
        updated.add(entry);
        updated.sort(NEWEST_RECEIVED_FIRST);
        return recomputed(cycleId, List.copyOf(updated), packages, items, position, deferDigest);
    }

    InputsCycle withPackage(String cycleId, PackageEntry entry, long position, boolean deferDigest) {
        List<PackageEntry> updated = new ArrayList<>(packages);
        updated.removeIf(candidate -> candidate.tradeoffId().equals(entry.tradeoffId()));
        updated.add(entry);
        updated.sort(Comparator.comparingLong(PackageEntry::draftedPosition));
        return recomputed(cycleId, inputs, List.copyOf(updated), items, position, deferDigest);
    }

    /** An item its inputs link to, (re)titled: the digest is computed again (see {@link InputsProjection}). */
    InputsCycle withItem(String cycleId, ItemEntry item, long position, boolean deferDigest) {
        return recomputed(cycleId, inputs, packages, withItemsKept(List.of(item)).items(), position, deferDigest);
    }

    /** The same cycle also keeping these items' titles (for the inputs about to link to them); digest unchanged. */
    InputsCycle withItemsKept(List<ItemEntry> added) {
        List<ItemEntry> updated = new ArrayList<>(items);
        added.forEach(item -> {
            updated.removeIf(candidate -> candidate.id().equals(item.id()));
            updated.add(item);
        });
        return new InputsCycle(inputs, packages, List.copyOf(updated), digest);
    }

    /** The digest's position never goes back, so a redone event cannot make it look older. */
    private InputsCycle recomputed(String cycleId, List<InputEntry> newInputs, List<PackageEntry> newPackages,
            List<ItemEntry> newItems, long position, boolean deferDigest) {
        long latest = digest == null ? position : Math.max(position, digest.position());
        if (deferDigest) {
            return new InputsCycle(newInputs, newPackages, newItems,
                    (digest == null ? InputDigest.empty(cycleId) : digest).at(latest));
        }
        InputsCycle next = new InputsCycle(newInputs, newPackages, newItems, null);
        return new InputsCycle(newInputs, newPackages, newItems, InputDigest.of(cycleId, next, latest));
    }
}
