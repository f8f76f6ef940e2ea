package org.tradeoffs.query.provenance;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.tradeoffs.query.projection.BatchedWrites;
import org.tradeoffs.query.projection.WriteBatch;

/**
 * An error while indexing goes back to the processor, which keeps the event and retries it with back-off, instead
 * of Axon's default of logging and moving on: an event the index skipped would silently be missing from the
 * provenance of every decision that cites its item.
 */
@Configuration
public class ProvenanceConfiguration {

    @Autowired
    void retryIndexingFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(ProvenanceProjection.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }

    /** A batch's index writes go to MongoDB in one request at its end, before the token (see {@link WriteBatch}). */
    @Autowired
    void batchWrites(EventProcessingConfigurer processing) {
        processing.registerHandlerInterceptor(ProvenanceProjection.PROCESSING_GROUP,
                configuration -> new BatchedWrites());
    }
}
