package org.tradeoffs.query.directory;

import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.MemberRoleRevoked;
import org.tradeoffs.query.projection.EventPositions;

/**
 * Keeps the directory (districts, members, cycles) that every query and subscription is
 * authorized against. Idempotent: a district document remembers the position of the last event
 * applied to it and ignores events at or before it.
 */
@Component
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection {

    public static final String PROCESSING_GROUP = "directory";

    private static final Logger log = LoggerFactory.getLogger(DirectoryProjection.class);

    private final DirectoryRepository repository;

    public DirectoryProjection(DirectoryRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    public void on(DistrictRegistered event, TrackingToken token, @SequenceNumber long sequence) {
        long position = EventPositions.of(token);
        if (repository.district(event.districtId()).isEmpty()) {
            repository.save(DistrictDocument.registered(
                    event.districtId(), event.name(), event.enrollment(), sequence + 1, position));
        }
    }

    @EventHandler
    public void on(MemberRoleGranted event, TrackingToken token, @SequenceNumber long sequence) {
        long position = EventPositions.of(token);
        unapplied(event.districtId(), position).ifPresent(district -> repository.save(
                district.granted(event.username(), event.role(), sequence + 1, position)));
        syncMembership(event.districtId(), event.username());
    }

    @EventHandler
    public void on(MemberRoleRevoked event, TrackingToken token, @SequenceNumber long sequence) {
        long position = EventPositions.of(token);
        unapplied(event.districtId(), position).ifPresent(district -> repository.save(
                district.revoked(event.username(), event.role(), sequence + 1, position)));
        syncMembership(event.districtId(), event.username());
    }

    @EventHandler
    public void on(PlanningCycleOpened event, TrackingToken token, @Timestamp Instant time) {
        long position = EventPositions.of(token);
        repository.save(new CycleView(event.cycleId(), event.districtId(), event.name(), event.actor(), time, position));
        unapplied(event.districtId(), position)
                .ifPresent(district -> repository.save(district.withCycle(event.cycleId(), position)));
    }

    @ResetHandler
    public void reset() {
        repository.clear();
    }

    /** The district, unless it is unknown or this position was already applied to it. */
    private Optional<DistrictDocument> unapplied(String districtId, long position) {
        Optional<DistrictDocument> district = repository.district(districtId);
        if (district.isEmpty()) {
            log.warn("Event at position {} names unknown district {}; ignored", position, districtId);
        }
        return district.filter(found -> found.position() < position);
    }

    /** Derived from the stored district, so redoing an event after a crash repairs the index. */
    private void syncMembership(String districtId, String username) {
        repository.district(districtId).ifPresent(district ->
                repository.updateMembership(username, districtId, !district.rolesOf(username).isEmpty()));
    }
}
