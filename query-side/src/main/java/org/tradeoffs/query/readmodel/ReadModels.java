package org.tradeoffs.query.readmodel;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.tradeoffs.query.directory.DirectoryRepository;
import org.tradeoffs.query.inputs.InputsRepository;
import org.tradeoffs.query.priorities.PriorityBoardRepository;
import org.tradeoffs.query.projection.ViewStore;
import org.tradeoffs.query.savings.SavingsRepository;
import org.tradeoffs.query.timeline.TimelineRepository;
import org.tradeoffs.query.tradeoffs.TradeoffsRepository;

/** One repository per read model, all over the same kind of store: in service, or as of a past position. */
public record ReadModels(
        DirectoryRepository directory,
        PriorityBoardRepository priorities,
        TimelineRepository timeline,
        SavingsRepository savings,
        InputsRepository inputs,
        TradeoffsRepository tradeoffs) {

    public static ReadModels over(Function<ReadModel, ViewStore> stores) {
        Map<ReadModel, Object> repositories = new EnumMap<>(ReadModel.class);
        for (ReadModel model : ReadModel.values()) {
            repositories.put(model, model.repository(stores.apply(model)));
        }
        return new ReadModels(
                (DirectoryRepository) repositories.get(ReadModel.DIRECTORY),
                (PriorityBoardRepository) repositories.get(ReadModel.PRIORITIES),
                (TimelineRepository) repositories.get(ReadModel.TIMELINE),
                (SavingsRepository) repositories.get(ReadModel.SAVINGS),
                (InputsRepository) repositories.get(ReadModel.INPUTS),
                (TradeoffsRepository) repositories.get(ReadModel.TRADEOFFS));
    }

    public Object repository(ReadModel model) {
        switch (model) {
            case DIRECTORY:
                return directory;
            case PRIORITIES:
                return priorities;
            case TIMELINE:
                return timeline;
            case SAVINGS:
                return savings;
            case INPUTS:
                return inputs;
            case TRADEOFFS:
                return tradeoffs;
            default:
                throw new IllegalArgumentException("Unknown read model " + model);
        }
    }
}
