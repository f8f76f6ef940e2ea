package org.tradeoffs.command;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AxonConfiguration {

    /** A district's roster is read on every command; a snapshot keeps that read short as it grows. */
    @Bean
    SnapshotTriggerDefinition districtSnapshotTrigger(Snapshotter snapshotter,
                                                      @Value("${tradeoffs.snapshots.district-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
