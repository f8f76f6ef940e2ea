package org.tradeoffs.query.projection;

/** Where a read model keeps its collections. */
public interface ViewStore {

    ViewCollection collection(String name);
}
