package org.tradeoffs.query.readmodel;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.tradeoffs.query.directory.DirectoryProjection;
import org.tradeoffs.query.directory.DirectoryRepository;
import org.tradeoffs.query.inputs.InputsProjection;
import org.tradeoffs.query.inputs.InputsRepository;
import org.tradeoffs.query.live.LiveUpdates;
import org.tradeoffs.query.priorities.PriorityBoardProjection;
import org.tradeoffs.query.priorities.PriorityBoardRepository;
import org.tradeoffs.query.projection.ViewStore;
import org.tradeoffs.query.savings.SavingsProjection;
import org.tradeoffs.query.savings.SavingsRepository;
import org.tradeoffs.query.timeline.TimelineProjection;
import org.tradeoffs.query.timeline.TimelineRepository;
import org.tradeoffs.query.tradeoffs.TradeoffsProjection;
import org.tradeoffs.query.tradeoffs.TradeoffsRepository;

/**
 * The read models built from the events: each has a repository over a {@link ViewStore} and a projection
 * feeding it. Built in service by its tracking processor; built on demand, in memory, for as-of reads;
 * rebuilt into new collections by an administrator.
 */
public enum ReadModel {

    DIRECTORY("directory", DirectoryProjection.PROCESSING_GROUP,
            DirectoryRepository::new, (repository, live) -> new DirectoryProjection((DirectoryRepository) repository)),
    PRIORITIES("priorities", PriorityBoardProjection.PROCESSING_GROUP, PriorityBoardRepository::new,
            (repository, live) -> new PriorityBoardProjection((PriorityBoardRepository) repository, live)),
    TIMELINE("timeline", TimelineProjection.PROCESSING_GROUP, TimelineRepository::new,
            (repository, live) -> new TimelineProjection((TimelineRepository) repository, live)),
    SAVINGS("savings", SavingsProjection.PROCESSING_GROUP, SavingsRepository::new,
            (repository, live) -> new SavingsProjection((SavingsRepository) repository, live)),
    INPUTS("stakeholder-inputs", InputsProjection.PROCESSING_GROUP, InputsRepository::new,
            (repository, live) -> new InputsProjection((InputsRepository) repository, live)),
    TRADEOFFS("tradeoffs", TradeoffsProjection.PROCESSING_GROUP, TradeoffsRepository::new,
            (repository, live) -> new TradeoffsProjection((TradeoffsRepository) repository, live));

    /** A projection that announces nothing: for read models built off-line (as-of, rebuilds). */
    public static final LiveUpdates SILENT = (topic, frame) -> {
    };

    private final String id;
    private final String processingGroup;
    private final Function<ViewStore, Object> repository;
    private final BiFunction<Object, LiveUpdates, Object> projection;

    ReadModel(String id, String processingGroup, Function<ViewStore, Object> repository,
            BiFunction<Object, LiveUpdates, Object> projection) {
        this.id = id;
        this.processingGroup = processingGroup;
        this.repository = repository;
        this.projection = projection;
    }

    /** The name clients use, as in {@code {"readModel": "priorities"}}. */
    public String id() {
        return id;
    }

    /** The tracking processor that builds it in service. */
    public String processingGroup() {
        return processingGroup;
    }

    public Object repository(ViewStore store) {
        return repository.apply(store);
    }

    /** A projection writing through the given repository (one made by {@link #repository}). */
    public Object projection(Object repository, LiveUpdates live) {
        return projection.apply(repository, live);
    }

    public static Optional<ReadModel> byId(String id) {
        return Arrays.stream(values()).filter(model -> model.id.equals(id)).findFirst();
    }
}
