package org.tradeoffs.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tradeoffs.eventstore.upcasting.PriorityCostSplitUpcaster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wires Axon to MongoDB: our ordered event storage engine, the extension's token and saga stores,
 * no transaction manager (mongo-java-server has no sessions; every write we make is a single
 * atomic document), revisions from our own {@code @EventVersion} and the upcasters that read old versions.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, EventProcessingAutoConfiguration.class,
        TransactionAutoConfiguration.class, NoOpTransactionAutoConfiguration.class})
@EnableConfigurationProperties(TradeoffsMongoProperties.class)
public class EventStoreAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "tradeoffs.mongodb.embedded.enabled", havingValue = "true")
    public EmbeddedMongo embeddedMongo(TradeoffsMongoProperties properties) throws IOException {
        return EmbeddedMongo.onDisk(properties.getEmbedded().getDataDirectory(), properties.getEmbedded().getPort());
    }

    @Bean(destroyMethod = "close")
    public MongoClient tradeoffsMongoClient(TradeoffsMongoProperties properties,
                                            ObjectProvider<EmbeddedMongo> embedded) {
        embedded.ifAvailable(server -> { }); // start the embedded server before anyone connects
        return MongoClients.create(clientSettings(properties.getUri()));
    }

    /**
     * The URI's settings, but whatever it says: writes acknowledged once a majority of the replica set has them in
     * its journal, reads from the primary with read concern majority. So nothing acknowledged (an event, a view, a
     * token) can be rolled back by a failover, nothing read (an event a processor projects and pushes live, a token
     * a read waits for) can be taken back by one, and no lagging secondary answers a read that must see a write
     * before it ({@code minPosition}, an aggregate's events, a district's directory version). A single node, as
     * the embedded store is, is its own majority.
     */
    static MongoClientSettings clientSettings(String uri) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readPreference(ReadPreference.primary())
                .readConcern(ReadConcern.MAJORITY)
                .build();
    }

    @Bean
    public MongoDatabase tradeoffsMongoDatabase(MongoClient client, TradeoffsMongoProperties properties) {
        String name = new ConnectionString(properties.getUri()).getDatabase();
        return client.getDatabase(name == null ? "tradeoffs" : name);
    }

    @Bean
    public RevisionResolver revisionResolver() {
        return new EventVersionRevisionResolver();
    }

    /**
     * The JSON form of stored events, fixed here rather than borrowed from the web layer's ObjectMapper:
     * a change to how the REST API renders JSON must never change how events are stored.
     */
    public static ObjectMapper storedJson() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Bean
    @Primary
    public Serializer serializer(RevisionResolver revisionResolver) {
        return JacksonSerializer.builder().objectMapper(storedJson()).revisionResolver(revisionResolver).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(RevisionResolver revisionResolver) {
        return serializer(revisionResolver);
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(RevisionResolver revisionResolver) {
        return serializer(revisionResolver);
    }

    /**
     * Version 1 priority events read as version 2 (a cost split instead of one amount). Every {@link EventUpcaster}
     * bean joins the storage engine's chain, so both services read old events alike, in tracking processors and
     * when loading aggregates.
     */
    @Bean
    public PriorityCostSplitUpcaster priorityCostSplitUpcaster() {
        return new PriorityCostSplitUpcaster();
    }

    @Bean
    public TransactionManager axonTransactionManager() {
        return NoTransactionManager.INSTANCE;
    }

    @Bean
    public OrderedMongoEventStorageEngine eventStorageEngine(MongoDatabase database,
                                                             @Qualifier("eventSerializer") Serializer eventSerializer,
                                                             @Qualifier("serializer") Serializer serializer,
                                                             ObjectProvider<EventUpcaster> upcasters,
                                                             TradeoffsMongoProperties properties) {
        OrderedMongoEventStorageEngine.Builder builder = OrderedMongoEventStorageEngine.builder()
                .database(database)
                .holeTimeout(properties.getEventStore().getHoleTimeout())
                .busyPollInterval(properties.getEventStore().getBusyPollInterval())
                .batchSize(properties.getEventStore().getBatchSize())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer);
        List<EventUpcaster> chain = upcasters.orderedStream().toList();
        if (!chain.isEmpty()) {
            builder.upcasterChain(new EventUpcasterChain(chain));
        }
        OrderedMongoEventStorageEngine engine = builder.build();
        engine.ensureIndexes();
        engine.tagUntaggedCommits();
        return engine;
    }

    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         TradeoffsMongoProperties properties) {
        // Events written by the other service arrive only by polling; the default 1 s delay is too slow for live views.
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(org.axonframework.eventsourcing.eventstore.EventStore.class,
                        "eventStore"))
                .spanFactory(configuration.getComponent(org.axonframework.eventhandling.EventBusSpanFactory.class))
                .fetchDelay(properties.getEventStore().getPollInterval().toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabase database) {
        return DefaultMongoTemplate.builder().mongoDatabase(database).build();
    }

    /**
     * The extension's token store. Axon's Spring Boot support does not configure a store it does not build, so the
     * claim timeout is read here from Axon's own property; the claim owner comes from
     * {@code tradeoffs.mongodb.token-store.node-id} (Axon has no property for it). A processor's claim is not extended
     * again within a fifth of the claim timeout after a write that renewed it ({@link ClaimKeepingTokenStore}).
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                 TradeoffsMongoProperties properties,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        MongoTokenStore.Builder builder = MongoTokenStore.builder().mongoTemplate(axonMongoTemplate)
                .serializer(serializer).claimTimeout(claimTimeout);
        String nodeId = properties.getTokenStore().getNodeId();
        if (nodeId != null && !nodeId.isBlank()) {
            builder.nodeId(nodeId);
        }
        return new ClaimKeepingTokenStore(builder.build(), claimTimeout.dividedBy(5), System::nanoTime);
    }

    @Bean
    public SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }
}
