package org.tradeoffs.query.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.query.problem.ForbiddenException;
import org.tradeoffs.query.problem.NotFoundException;
import org.tradeoffs.query.security.Caller;

/**
 * Who belongs where: answers the directory queries and authorizes every read of a district's
 * data. Members with any role read everything of their district; administrators additionally
 * list and read districts (not their cycles' work). Unknown ids are 404; a known district the
 * caller does not belong to is 403.
 *
 * <p>Who may read is always decided on today's directory; what is answered may come from the directory as it
 * stood at a past position ({@link #asOf}), where a district or cycle that did not exist yet is 404.
 */
@Service
public class Directory {

    private static final Comparator<DistrictSummary> BY_NAME = Comparator
            .comparing(DistrictSummary::name, String.CASE_INSENSITIVE_ORDER).thenComparing(DistrictSummary::id);

    /** Today's directory: who may read. */
    private final DirectoryRepository repository;
    /** What is answered: today's directory, or a past one. */
    private final DirectoryRepository contents;

    @Autowired
    public Directory(DirectoryRepository repository) {
        this(repository, repository);
    }

    private Directory(DirectoryRepository repository, DirectoryRepository contents) {
        this.repository = repository;
        this.contents = contents;
    }

    /** This directory's authorization, answering from the directory as it stood in {@code past}. */
    public Directory asOf(DirectoryRepository past) {
        return new Directory(repository, past);
    }

    public List<Role> rolesOf(String username, String districtId) {
        return repository.district(districtId).map(district -> district.rolesOf(username)).orElse(List.of());
    }

    public boolean isMember(String username, String districtId) {
        return !rolesOf(username, districtId).isEmpty();
    }

    /** Who is a member of the district today, read once: for checking many users against one district. */
    public Predicate<String> membersOf(String districtId) {
        Optional<DistrictDocument> district = repository.district(districtId);
        return username -> district.filter(found -> !found.rolesOf(username).isEmpty()).isPresent();
    }

    public Optional<String> districtOfCycle(String cycleId) {
        return repository.cycle(cycleId).map(CycleView::districtId);
    }

    /** The caller's districts (an administrator's: all), by name: the store keeps no order of its own. */
    public List<DistrictSummary> districtsOf(Caller caller) {
        List<DistrictDocument> districts = caller.admin()
                ? contents.allDistricts()
                : contents.districts(repository.districtIdsOf(caller.username()));
        return districts.stream()
                .map(district -> new DistrictSummary(district.id(), district.name(), district.enrollment(),
                        district.rolesOf(caller.username())))
                .sorted(BY_NAME)
                .toList();
    }

    public DistrictView district(String districtId, Caller caller) {
        DistrictDocument district = knownDistrict(districtId);
        if (!caller.admin()) {
            requireMember(district, caller);
        }
        return existing(districtId).view();
    }

    public List<CycleView> cyclesOf(String districtId, Caller caller) {
        requireMember(knownDistrict(districtId), caller);
        return contents.cycles(existing(districtId).cycleIds());
    }

    /** The cycle, if the caller may read it and everything in it. */
    public CycleView readableCycle(String cycleId, Caller caller) {
        CycleView cycle = repository.cycle(cycleId)
                .orElseThrow(() -> new NotFoundException("No planning cycle " + cycleId));
        requireMember(knownDistrict(cycle.districtId()), caller);
        return contents == repository ? cycle : contents.cycle(cycleId)
                .orElseThrow(() -> new NotFoundException("Planning cycle " + cycleId + " did not exist yet then"));
    }

    private DistrictDocument existing(String districtId) {
        return contents == repository ? knownDistrict(districtId) : contents.district(districtId)
                .orElseThrow(() -> new NotFoundException("District " + districtId + " did not exist yet then"));
    }

    private DistrictDocument knownDistrict(String districtId) {
        return repository.district(districtId)
                .orElseThrow(() -> new NotFoundException("No district " + districtId));
    }

    private static void requireMember(DistrictDocument district, Caller caller) {
        if (district.rolesOf(caller.username()).isEmpty()) {
            throw new ForbiddenException("You are not a member of district " + district.id());
        }
    }
}
