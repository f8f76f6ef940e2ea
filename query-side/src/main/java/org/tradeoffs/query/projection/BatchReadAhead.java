package org.tradeoffs.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Reads with one query the views a tracking processor's batch is about to read one event at a time. A handler calls
 * it before its first read; the first call in a batch finds, for every event of the batch of the given type, the id
 * of the view it will read, and reads those the {@link WriteBatch} does not know yet in one {@code _id $in} query
 * (ids without a view are remembered as absent). Later reads in the batch are answered from what the batch holds, as
 * they would be after a read of their own: a read ahead changes how many queries are made, never what a read answers.
 * Outside a processor's batch (a replay into memory, a web request) it does nothing.
 */
public final class BatchReadAhead {

    private BatchReadAhead() {
    }

    /**
     * @param views the collection the handler reads
     * @param eventType the events that read it
     * @param idOf the id of the view an event reads, from the event and its global position; null for none
     */
    public static <E> void views(ViewCollection views, Class<E> eventType, BiFunction<E, Long, Object> idOf) {
        WriteBatch batch = WriteBatch.current();
        if (batch == null || !CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> unitOfWork)
                || !batch.firstReadAhead(views)) {
            return;
        }
        List<Object> ids = new ArrayList<>();
        for (Object message : unitOfWork.getMessages()) {
            if (message instanceof TrackedEventMessage<?> event && eventType.isAssignableFrom(event.getPayloadType())) {
                Object id = idOf.apply(eventType.cast(event.getPayload()), EventPositions.of(event.trackingToken()));
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        if (ids.size() > 1) {
            views.getAll(ids);
        }
    }
}
