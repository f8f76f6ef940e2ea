package org.tradeoffs.query.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.MongoCursorNotFoundException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A query's documents in ascending order of a field unique among them, read with one cursor at a time. MongoDB kills
 * a cursor left idle for longer than it keeps one (ten minutes by default): a walk whose consumer reads slowly (an
 * export to a client that stalled) would fail there. The cursor the server no longer knows is opened again after
 * the last document read, so such a walk goes on where it was. One that is killed again before it brought a single
 * document, or after one without the field, fails with the server's error.
 */
final class ResumableCursor implements Iterator<Document>, AutoCloseable {

    private final MongoCollection<Document> collection;
    private final Bson filter;
    private final String orderField;
    private final UnaryOperator<FindIterable<Document>> options;
    private MongoCursor<Document> cursor;
    private Object after;
    private boolean readSinceOpened;

    /**
     * @param orderField unique among the filter's documents; {@code options} must leave it in the documents
     * @param options    what else the query takes (a projection, a batch size); not its sort, which is the field's
     */
    ResumableCursor(MongoCollection<Document> collection, Bson filter, String orderField,
            UnaryOperator<FindIterable<Document>> options) {
        this.collection = collection;
        this.filter = filter;
        this.orderField = orderField;
        this.options = options;
        this.cursor = open();
    }

    private MongoCursor<Document> open() {
        Bson query = after == null ? filter : and(filter, gt(orderField, after));
        readSinceOpened = false;
        return options.apply(collection.find(query).sort(Sorts.ascending(orderField))).iterator();
    }

    @Override
    public boolean hasNext() {
        try {
            return cursor.hasNext();
        } catch (MongoCursorNotFoundException killed) {
            if (!readSinceOpened || after == null) {
                throw killed;
            }
            cursor.close();
            cursor = open();
            return hasNext();
        }
    }

    @Override
    public Document next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Document document = cursor.next();
        after = document.get(orderField);
        readSinceOpened = true;
        return document;
    }

    @Override
    public void close() {
        cursor.close();
    }
}
