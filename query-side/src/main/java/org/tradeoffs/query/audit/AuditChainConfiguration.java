package org.tradeoffs.query.audit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * An error while sealing goes back to the processor, which keeps the event and retries it with back-off, instead
 * of Axon's default of logging and moving on: an event skipped by the sealer would be missing from its chain
 * forever.
 */
@Configuration
public class AuditChainConfiguration {

    @Autowired
    void retrySealingFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(AuditChainProjection.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
