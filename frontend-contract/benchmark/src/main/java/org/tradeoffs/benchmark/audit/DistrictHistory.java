package org.tradeoffs.benchmark.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.SavingsCatalog;

/**
 * One district's history as the command side would store it: registered by an administrator, its committee,
 * design team, ROI analysts and an auditor given their roles, then one planning cycle after another (each opened
 * with the 31 catalog opportunities in the same commit), with a member joining or leaving now and then.
 */
final class DistrictHistory {

    static final String DISTRICT = "District";
    static final String CYCLE = "PlanningCycle";
    static final String OPPORTUNITY = "Opportunity";

    private static final List<String> NAMES = List.of("Riverside Unified", "Lakeview Elementary",
            "Mesa Verde Union High", "Pine Hollow Unified", "Coastal Valley Unified", "Cedar Ridge Unified",
            "Harbor City Schools", "Granite Peak Unified");
    /** Most commands of a cycle store one to five events; opening a cycle stores 32. */
    static final int LARGEST_CYCLE_COMMIT = 5;

    private final Story story;
    private final String districtId;
    private final String slug;
    private final int firstYear;
    final List<String> steering = new ArrayList<>();
    final List<String> designTeam = new ArrayList<>();
    final List<String> analysts = new ArrayList<>();
    final List<String> auditors = new ArrayList<>();
    /** Members who ever owned an opportunity: kept on, so their work stays theirs. */
    final Set<String> owners = new HashSet<>();
    private final List<CycleHistory> cycles = new ArrayList<>();
    private final List<Story.Commit> pendingSetup = new ArrayList<>();
    private int members;
    private CycleHistory current;

    DistrictHistory(Story story, int index) {
        this.story = story;
        this.districtId = story.id();
        String name = index < NAMES.size() ? NAMES.get(index) : "District " + (index + 1);
        this.slug = "d" + (index + 1);
        this.firstYear = 2016 + story.between(0, 3);
        pendingSetup.add(story.one(DISTRICT, districtId, new DistrictRegistered(districtId, name,
                story.between(4, 60) * 1000, "admin")));
        for (int i = 0; i < 3; i++) {
            pendingSetup.add(grant(Role.STEERING_COMMITTEE));
        }
        for (int i = 0; i < 4; i++) {
            pendingSetup.add(grant(Role.DESIGN_TEAM));
        }
        for (int i = 0; i < 3; i++) {
            pendingSetup.add(grant(Role.ROI_ANALYST));
        }
        pendingSetup.add(grant(Role.AUDITOR));
    }

    String districtId() {
        return districtId;
    }

    List<CycleHistory> cycles() {
        return cycles;
    }

    /** The district's next commit, of at most {@code maxEvents} events (at least one). */
    Story.Commit next(int maxEvents) {
        if (!pendingSetup.isEmpty()) {
            return pendingSetup.remove(0);
        }
        if (story.chance(0.004)) {
            return story.chance(0.7) || designTeam.size() <= 3 ? grant(story.chance(0.6) ? Role.DESIGN_TEAM
                    : Role.ROI_ANALYST) : revokeDesigner();
        }
        if (current != null && !current.finished()) {
            Story.Commit commit = current.next(maxEvents);
            if (commit != null) {
                return commit;
            }
        }
        if (maxEvents >= SavingsCatalog.ENTRIES.size() + 1) {
            return openCycle();
        }
        // too little room left for a new cycle: someone joins the district instead
        return grant(Role.DESIGN_TEAM);
    }

    private Story.Commit openCycle() {
        int year = firstYear + cycles.size();
        String cycleId = story.id();
        String actor = story.pick(steering);
        Story.Commit commit = story.commit().add(CYCLE, cycleId, new PlanningCycleOpened(cycleId, districtId,
                "SY " + year + "-" + String.format("%02d", (year + 1) % 100), actor));
        List<OpportunityListed> listed = new ArrayList<>();
        for (SavingsCatalog.Entry entry : SavingsCatalog.ENTRIES) {
            OpportunityListed event = new OpportunityListed(CycleHistory.opportunityId(cycleId, entry.number()),
                    cycleId, districtId, entry.number(), entry.focusArea(), entry.question(), true, actor);
            commit.add(OPPORTUNITY, event.opportunityId(), event);
            listed.add(event);
        }
        current = new CycleHistory(story, this, cycleId, year, listed);
        cycles.add(current);
        return commit;
    }

    private Story.Commit grant(Role role) {
        String username = slug + "-" + role.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + (++members);
        switch (role) {
            case STEERING_COMMITTEE -> steering.add(username);
            case DESIGN_TEAM -> designTeam.add(username);
            case ROI_ANALYST -> analysts.add(username);
            case AUDITOR -> auditors.add(username);
        }
        return story.one(DISTRICT, districtId, new MemberRoleGranted(districtId, username, role, "admin"));
    }

    /** A designer leaves; never one who owns opportunities, and never the last three. */
    private Story.Commit revokeDesigner() {
        List<String> leavers = designTeam.stream().filter(member -> !owners.contains(member)).toList();
        if (leavers.isEmpty()) {
            return grant(Role.DESIGN_TEAM);
        }
        String leaver = story.pick(leavers);
        designTeam.remove(leaver);
        return story.one(DISTRICT, districtId, new MemberRoleRevoked(districtId, leaver, Role.DESIGN_TEAM,
                story.pick(steering)));
    }
}
