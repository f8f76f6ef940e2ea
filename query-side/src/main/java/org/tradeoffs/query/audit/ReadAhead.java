package org.tradeoffs.query.audit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a producer on another thread, at most a few chunks of items ahead of the one consuming them: reading the
 * store overlaps with what the consumer does with what was read. Closing it early stops the producer at its next
 * item. A producer's failure is thrown to the consumer, in order, after the items produced before it.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

    /** Writes its items to the sink in order; returns when done. */
    interface Producer<T> {
        void produce(Consumer<T> sink);
    }

    private static final int CHUNKS_AHEAD = 4;
    private static final Object END = new Object();

    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final int chunkSize;
    private volatile boolean closed;
    private List<T> chunk = List.of();
    private int index;
    private boolean ended;

    private ReadAhead(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    static <T> ReadAhead<T> start(Executor executor, int chunkSize, Producer<T> producer) {
        ReadAhead<T> readAhead = new ReadAhead<>(chunkSize);
        executor.execute(readAhead.run(producer));
        return readAhead;
    }

    private Runnable run(Producer<T> producer) {
        return () -> {
            List<T> filling = new ArrayList<>(chunkSize);
            try {
                producer.produce(item -> {
                    filling.add(item);
                    if (filling.size() == chunkSize) {
                        hand(List.copyOf(filling));
                        filling.clear();
                    }
                });
                hand(List.copyOf(filling));
                hand(END);
            } catch (Stopped stopped) {
                // closed by the consumer: nobody waits for more
            } catch (RuntimeException | Error failure) {
                handQuietly(List.copyOf(filling));
                handQuietly(new Failure(failure));
            }
        };
    }

    /** Waits for room, or throws {@link Stopped} once the consumer closed. */
    private void hand(Object item) {
        try {
            while (!chunks.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
            if (closed) {
                throw new Stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private void handQuietly(Object item) {
        try {
            hand(item);
        } catch (Stopped stopped) {
            // nobody to tell
        }
    }

    @Override
    public boolean hasNext() {
        while (index == chunk.size() && !ended) {
            take();
        }
        return index < chunk.size();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.get(index++);
    }

    @SuppressWarnings("unchecked")
    private void take() {
        Object taken;
        try {
            taken = chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading ahead", e);
        }
        if (taken == END) {
            ended = true;
        } else if (taken instanceof Failure failure) {
            ended = true;
            if (failure.cause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure.cause();
        } else {
            chunk = (List<T>) taken;
            index = 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        chunks.clear();
    }

    private record Failure(Throwable cause) {
    }

    private static final class Stopped extends RuntimeException {

        Stopped() {
            super(null, null, false, false);
        }
    }
}
