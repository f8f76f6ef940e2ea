package org.tradeoffs.query.readmodel;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tradeoffs.query.directory.DirectoryRepository;
import org.tradeoffs.query.inputs.InputsRepository;
import org.tradeoffs.query.priorities.PriorityBoardRepository;
import org.tradeoffs.query.projection.BatchedWrites;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.projection.WriteBatch;
import org.tradeoffs.query.savings.SavingsRepository;
import org.tradeoffs.query.timeline.TimelineRepository;
import org.tradeoffs.query.tradeoffs.TradeoffsRepository;

/** The read models in service: in MongoDB, in each model's serving generation. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfiguration {

    /** Each read model's processor writes its views once per batch of events (see {@link WriteBatch}). */
    @Autowired
    public void batchWrites(EventProcessingConfigurer processing) {
        for (ReadModel model : ReadModel.values()) {
            processing.registerHandlerInterceptor(model.processingGroup(), configuration -> new BatchedWrites());
        }
    }

    /**
     * The event store as the processors that name it as their {@code source} read it: larger batches under load (see
     * {@link LingeringEvents}). A batch as large as the smallest of their batch sizes counts as full.
     */
    @Bean
    public LingeringEvents projectionEvents(EventStore eventStore, EventProcessorProperties processors,
            @Value("${tradeoffs.projections.linger:25ms}") Duration linger,
            @Value("${tradeoffs.projections.busy-batch:16}") int busyBatch) {
        return new LingeringEvents(eventStore, linger, busyBatch, smallestBatchReading("projectionEvents", processors));
    }

    /**
     * The event store as the processors that feed no live topic read it (their {@code source} is {@code indexEvents}):
     * after a batch that did not fill their batch size, the next starts {@code linger} later. A change after a quiet
     * spell is still handled at once; under a steady stream each batch takes what arrived during the linger, and only
     * the reads of their own views wait for them (see {@link org.tradeoffs.query.consistency.ReadsFrom}).
     */
    @Bean
    public LingeringEvents indexEvents(EventStore eventStore, EventProcessorProperties processors,
            @Value("${tradeoffs.projections.index-linger:100ms}") Duration linger) {
        return new LingeringEvents(eventStore, linger, 1, smallestBatchReading("indexEvents", processors));
    }

    private static int smallestBatchReading(String source, EventProcessorProperties processors) {
        return processors.getProcessors().values().stream()
                .filter(settings -> source.equals(settings.getSource()))
                .mapToInt(EventProcessorProperties.ProcessorSettings::getBatchSize).min().orElse(Integer.MAX_VALUE);
    }

    @Bean
    public ReadModels liveReadModels(MongoDatabase database, Generations generations) {
        return ReadModels.over(model -> new MongoViewStore(database, generations.serving(model)));
    }

    @Bean
    public DirectoryRepository directoryRepository(ReadModels live) {
        return live.directory();
    }

    @Bean
    public PriorityBoardRepository priorityBoardRepository(ReadModels live) {
        return live.priorities();
    }

    @Bean
    public TimelineRepository timelineRepository(ReadModels live) {
        return live.timeline();
    }

    @Bean
    public SavingsRepository savingsRepository(ReadModels live) {
        return live.savings();
    }

    @Bean
    public InputsRepository inputsRepository(ReadModels live) {
        return live.inputs();
    }

    @Bean
    public TradeoffsRepository tradeoffsRepository(ReadModels live) {
        return live.tradeoffs();
    }
}
