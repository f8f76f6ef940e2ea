package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' token stores on one MongoDB: a node skips extending a claim it renewed moments ago, and the claim is still
 * its own meanwhile; after that moment, after a release or after a refused write, extensions go to the store again.
 */
class ClaimKeepingTokenStoreTest {

    private static final Duration FRESH = Duration.ofSeconds(2);
    private static final String PROCESSOR = "timeline";

    /** Updates of the token collection sent to the store (extending a claim is one; claiming a token is not). */
    private final AtomicInteger updates = new AtomicInteger();
    private final TestStore store = new TestStore(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("update")) {
                updates.incrementAndGet();
            }
        }
    });
    private final AtomicLong now = new AtomicLong();
    private final TokenStore nodeA = node("a");
    private final TokenStore nodeB = node("b");

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anExtensionSoonAfterAStoredTokenIsSkippedAndTheClaimStaysTheNodes() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);
        nodeA.storeToken(new GlobalSequenceTrackingToken(7), PROCESSOR, 0);
        updates.set(0);

        now.addAndGet(FRESH.toNanos() - 1);
        nodeA.extendClaim(PROCESSOR, 0);
        assertThat(updates).hasValue(0);
        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);

        now.addAndGet(1);
        nodeA.extendClaim(PROCESSOR, 0);
        assertThat(updates).hasValue(1);
        nodeA.extendClaim(PROCESSOR, 0);
        assertThat(updates).as("the extension renewed it").hasValue(1);
    }

    @Test
    void aReleasedClaimIsExtendedInTheStoreWhichRefusesIt() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);
        nodeA.releaseClaim(PROCESSOR, 0);
        assertThat(nodeB.fetchToken(PROCESSOR, 0)).isNull();
        updates.set(0);

        assertThatThrownBy(() -> nodeA.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(updates).hasValue(1);
    }

    @Test
    void aRefusedWriteForgetsTheRenewalBeforeIt() {
        nodeB.initializeTokenSegments(PROCESSOR, 1);
        nodeB.fetchToken(PROCESSOR, 0);
        // the claim passes to another node behind b's back, as after a stall of b longer than the claim timeout
        store.database.getCollection("trackingtokens")
                .updateOne(Filters.eq("processorName", PROCESSOR), Updates.set("owner", "a"));

        assertThatThrownBy(() -> nodeB.storeToken(new GlobalSequenceTrackingToken(3), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        updates.set(0);

        assertThatThrownBy(() -> nodeB.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(updates).hasValue(1);
    }

    private TokenStore node(String nodeId) {
        TokenStore mongo = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(store.database).build())
                .serializer(TestStore.serializer()).claimTimeout(Duration.ofSeconds(10)).nodeId(nodeId).build();
        return new ClaimKeepingTokenStore(mongo, FRESH, now::get);
    }
}
