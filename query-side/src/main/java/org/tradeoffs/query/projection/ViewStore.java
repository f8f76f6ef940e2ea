package org.tradeoffs.query.projection;

/** Where a read model keeps its collections. */
public interface ViewStore {

    /**
     * The collection of that name. At the end of a processor's batch ({@link WriteBatch}) the batch's writes are
     * stored collection by collection, in the order the collections were first asked for here; so a repository asks
     * last for the collection its projection's "applied already" checks read, and first for the others: a batch
     * stopped halfway (the process killed, the store gone) and delivered again finds its events not applied yet
     * where they are not, instead of skipping an event whose other writes never were stored.
     */
    ViewCollection collection(String name);
}
