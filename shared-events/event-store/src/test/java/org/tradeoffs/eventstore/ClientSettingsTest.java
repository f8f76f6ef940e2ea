package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

/**
 * On a replica set, a write acknowledged before a majority has it, or a read of what a majority does not have yet, can
 * be undone by a failover after a view or a live frame showed it: a URI that asks for less gets majority all the same.
 */
class ClientSettingsTest {

    @Test
    void writesAndReadsAreMajorityOnThePrimaryWhateverTheUriAsksFor() {
        MongoClientSettings settings = EventStoreAutoConfiguration.clientSettings(
                "mongodb://a:27017,b:27017/tradeoffs?replicaSet=rs0&w=1&journal=false"
                        + "&readPreference=secondaryPreferred&readConcernLevel=local&appName=district-a");

        assertThat(settings.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        assertThat(settings.getReadPreference()).isEqualTo(ReadPreference.primary());
        assertThat(settings.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(settings.getApplicationName()).isEqualTo("district-a");
        assertThat(settings.getClusterSettings().getRequiredReplicaSetName()).isEqualTo("rs0");
    }
}
