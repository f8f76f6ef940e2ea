package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * An embedded-store collection that answers the common forms of query quickly, with the same answers as
 * mongo-java-server's own matching and sorting (which go through generic path lookups for every document).
 * <ul>
 *   <li>{@code {field: {$in: [...]}}}: in constant time per document (per element of an array value).
 *       mongo-java-server checks every document a query finds against the query, also those its unique index found
 *       by key, and checks {@code $in} by going through the list, so a query for n keys cost n² comparisons: reading
 *       by windows of keys (the event store's and the change log's reads, view lookups) cost more per key the larger
 *       the window. Here the listed values (strings or numbers) are a set, normalized as the index normalizes keys
 *       (numbers compare by value).</li>
 *   <li>{@code {field: "text"}}: the field's value is that string, or an array holding it (a district's commits by
 *       tag, its seals).</li>
 *   <li>{@code {field: {$gte: a, $lt: b}}} and the like, with whole-number bounds: a whole-number value is compared
 *       directly (a chain's seals up to its head).</li>
 *   <li>Sorting on one top-level field: two whole numbers (Integer or Long within ±2<sup>53</sup>, which
 *       mongo-java-server compares as longs) are compared directly; any other pair as before.</li>
 *   <li>Including fields, also of subdocuments one level down ({@link IncludedFields}).</li>
 * </ul>
 * These conditions are checked on top-level fields without dots, also inside a top-level {@code $and}; the query's
 * other conditions, and any document whose value is of another kind, are matched by mongo-java-server as before.
 */
final class QuickQueryCollection extends H2Collection {

    /** The largest whole number mongo-java-server compares as a long. */
    private static final long EXACT = 1L << 53;
    private static final Set<String> BOUNDS = Set.of("$lt", "$lte", "$gt", "$gte");

    /** The last query matched, parsed: a query is matched against each document it finds. */
    private volatile Quick last;
    /**
     * The collection's documents, each held as its BSON ({@link BsonDocumentType}), by position: the map
     * mongo-java-server's collection was given, which every method here that reads or writes a document uses instead.
     */
    private final MVMap<Object, byte[]> documents;

    @SuppressWarnings({"unchecked", "rawtypes"})
    QuickQueryCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, byte[]> documents, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, (MVMap) documents, metaMap, cursorRegistry);
        this.documents = documents;
    }

    /**
     * A secondary index on these keys that serves queries for a text in the first one ({@link TextFieldIndex}), or
     * null where it cannot: the first key is a path, or the collection's documents are not stored by {@code _id}.
     */
    Index<Object> textFieldIndex(String name, List<IndexKey> keys, boolean sparse) {
        String idField = getIdField();
        if (idField == null || !TextFieldIndex.serves(keys)) {
            return null;
        }
        return new TextFieldIndex(name, keys, sparse, idField, document -> Utils.getSubdocumentValue(document, idField),
                documents.getKeyType()::compare);
    }

    /**
     * The collection's data size is not kept: mongo-java-server keeps it by encoding every document inserted, deleted,
     * and both versions of every document updated, as BSON, to count its bytes (4% of the process's CPU in the
     * 8-client-thread benchmark phase, most of it for the large views a busy batch rewrites); only {@code collStats}
     * and {@code dbStats} report it, and nothing here asks for them (they answer 0, or what a store kept before).
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    /*
     * The documents are stored as BSON. As maps of Java objects (about 38 objects a document, even with field names
     * shared) the store's documents were most of the objects on the heap, which the garbage collector marks in every
     * concurrent cycle and copies when it compacts the old regions they share with garbage: the mixed collections
     * after each cycle paused the process for 40-100 ms in the live benchmark. One array a document is far less of
     * that work. A client's find answers the stored bytes themselves (handleQuery(QueryParameters) below); the
     * server's own queries (updates, deletes) get a new Document decoded from them, which they may change.
     */

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        byte[] previous = documents.put(Missing.ofNullable(key), BsonDocumentType.encode(document));
        Assert.isNull(previous, () -> "Document with key '" + key + "' already existed in " + this);
        return key;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        documents.put(Missing.ofNullable(position), BsonDocumentType.encode(newDocument));
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] document = documents.get(position);
        return document == null ? null : BsonDocumentType.decode(document);
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(BsonDocumentType.decode(entry.getValue()), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
            int batchSize, Document fieldSelector) {
        Stream<Document> found = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition()
                        .sorted((one, other) -> ValueComparator.desc().compare(one.getPosition(), other.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : documents.values().stream().map(BsonDocumentType::decode);
        return matchDocumentsFromStream(found, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Queries from mongo-java-server itself (updates, deletes, find-and-modify, aggregations, its own bookkeeping):
     * answered with decoded documents, which it may change.
     */
    @Override
    public QueryResult handleQuery(Document query, int numberToSkip, int limit) {
        return super.handleQuery(new QueryParameters(query, numberToSkip, limit));
    }

    /**
     * A client's {@code find} (mongo-java-server calls this form only for the wire's queries): the documents are
     * matched, sorted and answered from their stored BSON where the query allows it ({@link #answersAsStored}), each
     * answered as its bytes ({@link StoredBson#asStored}, written to the reply by {@link BsonReplies}); a document is
     * decoded only where a condition needs more than a top-level value read from its bytes, or a projection applies.
     */
    @Override
    public synchronized QueryResult handleQuery(QueryParameters parameters) {
        Document selector = parameters.getQuerySelector();
        Document query = selector;
        Document orderBy = null;
        for (String prefix : List.of("", "$")) {
            if (selector.containsKey(prefix + "query")) {
                query = (Document) selector.get(prefix + "query");
                orderBy = (Document) selector.get(prefix + "orderby");
                break;
            }
        }
        Document fieldSelector = parameters.getProjection();
        IncludedFields included = IncludedFields.of(fieldSelector, getIdField());
        if (!answersAsStored(orderBy) || (included == null && fieldSelector != null && !fieldSelector.isEmpty())) {
            return super.handleQuery(parameters);
        }
        Stream<Object> positions = null;
        for (Index<Object> index : getIndexes()) {
            if (index.canHandle(query)) {
                positions = StreamSupport.stream(index.getPositions(query).spliterator(), false);
                break;
            }
        }
        Stream<Found> found = (positions == null ? documents.values().stream() : positions.map(documents::get))
                .filter(Objects::nonNull)
                .map(Found::new);
        Document matched = query;
        found = found.filter(document -> document.matches(matched));
        if (orderBy != null && !orderBy.isEmpty()) {
            found = found.sorted(new StoredOrder(orderBy));
        }
        if (parameters.getNumberToSkip() > 0) {
            found = found.skip(parameters.getNumberToSkip());
        }
        if (parameters.getLimit() > 0) {
            found = found.limit(parameters.getLimit());
        }
        List<Document> answers = found
                .map(document -> document.answer(included))
                .collect(Collectors.toList());
        return createQueryResult(answers, parameters.getBatchSize());
    }

    /** Whether a find in this order is answered from the stored BSON: no order, or one by a top-level field. */
    private static boolean answersAsStored(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return true;
        }
        if (orderBy.size() != 1) {
            return false;
        }
        Map.Entry<String, Object> key = orderBy.entrySet().iterator().next();
        return plainField(key.getKey()) && key.getValue() instanceof Number direction
                && Math.abs(direction.intValue()) == 1;
    }

    /** A stored document a find found: its BSON, decoded only where needed. */
    private final class Found {

        private final byte[] bson;
        private Document document;
        private Object sortValue = StoredBson.UNREAD;

        Found(byte[] bson) {
            this.bson = bson;
        }

        Document document() {
            if (document == null) {
                document = BsonDocumentType.decode(bson);
            }
            return document;
        }

        boolean matches(Document query) {
            Quick quick = quick(query);
            if (quick.conditions().isEmpty()) {
                return documentMatchesQuery(document(), query);
            }
            for (int i = 0; i < quick.conditions().size(); i++) {
                Condition condition = quick.conditions().get(i);
                Object value = StoredBson.field(bson, quick.names().get(i));
                Boolean matches = value == StoredBson.UNREAD ? null : condition.matches(value);
                if (matches == null) {
                    return documentMatchesQuery(document(), query);
                }
                if (!matches) {
                    return false;
                }
            }
            return quick.rest().isEmpty() || documentMatchesQuery(document(), quick.rest());
        }

        /** The document as answered: as stored, or with only the fields included, from its bytes where it can. */
        Document answer(IncludedFields included) {
            if (included == null) {
                return StoredBson.asStored(bson);
            }
            byte[] projected = included.projectStored(bson);
            return projected != null ? StoredBson.asStored(projected) : included.project(document());
        }

        Object sortValue(byte[] field) {
            if (sortValue == StoredBson.UNREAD) {
                sortValue = StoredBson.field(bson, field);
            }
            return sortValue;
        }
    }

    /**
     * The order of mongo-java-server's {@link DocumentComparator} on one top-level field, comparing two whole numbers
     * read from the stored BSON directly (it compares them as longs too); any other pair is decoded and compared by
     * the server's comparator.
     */
    private static final class StoredOrder implements Comparator<Found> {

        private final byte[] name;
        private final boolean ascending;
        private final DocumentComparator server;

        StoredOrder(Document orderBy) {
            Map.Entry<String, Object> key = orderBy.entrySet().iterator().next();
            this.name = StoredBson.name(key.getKey());
            this.ascending = ((Number) key.getValue()).intValue() > 0;
            this.server = new DocumentComparator(orderBy);
        }

        @Override
        public int compare(Found first, Found second) {
            Integer order = wholeNumberOrder(first.sortValue(name), second.sortValue(name), ascending);
            return order != null ? order : server.compare(first.document(), second.document());
        }
    }

    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        Quick quick = quick(query);
        if (quick.conditions().isEmpty()) {
            return super.documentMatchesQuery(document, query);
        }
        for (Condition condition : quick.conditions()) {
            Boolean matches = condition.matches(document.get(condition.field()));
            if (matches == null) {
                return super.documentMatchesQuery(document, query);
            }
            if (!matches) {
                return false;
            }
        }
        return quick.rest().isEmpty() || super.documentMatchesQuery(document, quick.rest());
    }

    @Override
    protected QueryResult matchDocumentsFromStream(Stream<Document> documentStream, Document query, Document orderBy,
            int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        if (orderBy != null && orderBy.size() == 1) {
            Map.Entry<String, Object> key = orderBy.entrySet().iterator().next();
            if (plainField(key.getKey()) && key.getValue() instanceof Number direction) {
                Comparator<Document> order = new WholeNumbersFirst(key.getKey(), direction.intValue() > 0,
                        new DocumentComparator(orderBy));
                return matchDocumentsFromStream(query, documentStream, numberToSkip, limit, batchSize, order,
                        fieldSelector);
            }
        }
        return super.matchDocumentsFromStream(documentStream, query, orderBy, numberToSkip, limit, batchSize,
                fieldSelector);
    }

    /**
     * As the server does, but an inclusion of fields ({@link IncludedFields}) is applied here. The documents found are
     * decoded copies, which the server may change (an update does, in place): the stored ones never change, so that
     * an image of the store can be written from the maps' roots while the store goes on ({@link StoreImage}).
     */
    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documentStream, int numberToSkip,
            int limit, int batchSize, Comparator<Document> documentComparator, Document fieldSelector) {
        IncludedFields included = IncludedFields.of(fieldSelector, getIdField());
        if (included == null && fieldSelector != null && !fieldSelector.isEmpty()) {
            return super.matchDocumentsFromStream(query, documentStream, numberToSkip, limit, batchSize,
                    documentComparator, fieldSelector); // projected by the server: new documents
        }
        Stream<Document> found = documentStream.filter(document -> documentMatchesQuery(document, query));
        if (documentComparator != null) {
            found = found.sorted(documentComparator);
        }
        if (numberToSkip > 0) {
            found = found.skip(numberToSkip);
        }
        if (limit > 0) {
            found = found.limit(limit);
        }
        UnaryOperator<Document> answer = included == null ? UnaryOperator.identity() : included::project;
        return createQueryResult(found.map(answer).collect(Collectors.toList()), batchSize);
    }

    /** One top-level condition checked here; {@link #matches} answers null when it leaves the document to the server. */
    private interface Condition {

        String field();

        Boolean matches(Object value);
    }

    /**
     * {@code {field: {$in: [...]}}} with strings and numbers listed. As MongoDB, an array matches if one of its
     * elements is listed (an array of strings and numbers only: for any other the server decides).
     */
    private record KeyIn(String field, Set<Object> values) implements Condition {

        @Override
        public Boolean matches(Object value) {
            if (simple(value)) {
                return values.contains(normalized(value));
            }
            if (value instanceof Collection<?> elements && elements.stream().allMatch(QuickQueryCollection::simple)) {
                return elements.stream().anyMatch(element -> values.contains(normalized(element)));
            }
            return null;
        }
    }

    /** {@code {field: "text"}}: as MongoDB, the value is the text or an array with the text as an element. */
    private record TextEquals(String field, String text) implements Condition {

        @Override
        public Boolean matches(Object value) {
            if (value instanceof String string) {
                return text.equals(string);
            }
            if (value instanceof Collection<?> elements) {
                return elements.contains(text);
            }
            return null;
        }
    }

    /** {@code $lt}, {@code $lte}, {@code $gt}, {@code $gte} with whole-number bounds, for a whole-number value. */
    private record WholeNumberBounds(String field, Map<String, Long> bounds) implements Condition {

        @Override
        public Boolean matches(Object value) {
            if (!wholeNumber(value)) {
                return null;
            }
            long number = ((Number) value).longValue();
            for (Map.Entry<String, Long> bound : bounds.entrySet()) {
                int order = Long.compare(number, bound.getValue());
                boolean within = switch (bound.getKey()) {
                    case "$lt" -> order < 0;
                    case "$lte" -> order <= 0;
                    case "$gt" -> order > 0;
                    default -> order >= 0;
                };
                if (!within) {
                    return false;
                }
            }
            return true;
        }

        static WholeNumberBounds parse(String field, Document operators) {
            Map<String, Long> bounds = new HashMap<>();
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                if (!BOUNDS.contains(operator.getKey()) || !wholeNumber(operator.getValue())) {
                    return null;
                }
                bounds.put(operator.getKey(), ((Number) operator.getValue()).longValue());
            }
            return bounds.isEmpty() ? null : new WholeNumberBounds(field, bounds);
        }
    }

    /**
     * A query split into the conditions checked here and the rest (checked by the server).
     *
     * @param query the query object it was parsed from
     * @param names the conditions' fields as BSON names, to read them from stored documents
     */
    private record Quick(Document query, List<Condition> conditions, List<byte[]> names, Document rest) {
    }

    private Quick quick(Document query) {
        Quick known = last;
        if (known != null && known.query() == query) {
            return known;
        }
        Quick parsed = parse(query);
        last = parsed;
        return parsed;
    }

    private static Quick parse(Document query) {
        List<Condition> conditions = new ArrayList<>();
        Document rest = split(query, conditions);
        List<byte[]> names = conditions.stream().map(condition -> StoredBson.name(condition.field())).toList();
        return new Quick(query, conditions, names, rest);
    }

    /**
     * Adds the query's conditions checked here to {@code conditions} and answers the rest. The parts of a top-level
     * {@code $and} (what the driver's {@code Filters.and} sends) are conditions of the query like its fields.
     */
    private static Document split(Document query, List<Condition> conditions) {
        Document rest = new Document();
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof List<?> parts && !parts.isEmpty()
                    && parts.stream().allMatch(Document.class::isInstance)) {
                List<Document> restOfParts = new ArrayList<>();
                for (Object part : parts) {
                    Document restOfPart = split((Document) part, conditions);
                    if (!restOfPart.isEmpty()) {
                        restOfParts.add(restOfPart);
                    }
                }
                if (!restOfParts.isEmpty()) {
                    rest.put("$and", restOfParts);
                }
                continue;
            }
            Condition condition = condition(entry.getKey(), entry.getValue());
            if (condition != null) {
                conditions.add(condition);
            } else {
                rest.put(entry.getKey(), entry.getValue());
            }
        }
        return rest;
    }

    private static Condition condition(String field, Object value) {
        if (!plainField(field)) {
            return null;
        }
        if (value instanceof String text) {
            return new TextEquals(field, text);
        }
        if (value instanceof Document operator && operator.size() == 1
                && operator.get("$in") instanceof Collection<?> listed
                && listed.stream().allMatch(QuickQueryCollection::simple)) {
            Set<Object> values = new HashSet<>();
            listed.forEach(listedValue -> values.add(normalized(listedValue)));
            return new KeyIn(field, values);
        }
        return value instanceof Document operators ? WholeNumberBounds.parse(field, operators) : null;
    }

    private static boolean plainField(String field) {
        return !field.startsWith("$") && !field.contains(".");
    }

    private static boolean simple(Object value) {
        return value instanceof String || value instanceof Number;
    }

    /** An Integer or a Long within ±2<sup>53</sup>: mongo-java-server compares these as longs. */
    private static boolean wholeNumber(Object value) {
        return (value instanceof Long || value instanceof Integer) && Math.abs(((Number) value).longValue()) <= EXACT;
    }

    /** As a unique index normalizes its keys: numbers of equal value alike, whatever their type. */
    private static Object normalized(Object value) {
        return new KeyValue(value).normalized().get(0);
    }

    /**
     * The order of mongo-java-server's {@link DocumentComparator} on one top-level field, comparing two whole numbers
     * directly: it compares them as longs too. Every other pair goes to the server's comparator.
     */
    private record WholeNumbersFirst(String field, boolean ascending, Comparator<Document> server)
            implements Comparator<Document> {

        @Override
        public int compare(Document first, Document second) {
            Integer order = wholeNumberOrder(first.get(field), second.get(field), ascending);
            return order != null ? order : server.compare(first, second);
        }
    }

    /** The order of two whole numbers, compared as longs as mongo-java-server does; null if either is not one. */
    private static Integer wholeNumberOrder(Object one, Object other, boolean ascending) {
        if (!wholeNumber(one) || !wholeNumber(other)) {
            return null;
        }
        int order = Long.compare(((Number) one).longValue(), ((Number) other).longValue());
        return ascending ? order : -order;
    }
}
