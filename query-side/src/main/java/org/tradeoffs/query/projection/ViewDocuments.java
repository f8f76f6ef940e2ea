package org.tradeoffs.query.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Converts view records to MongoDB documents and back.
 *
 * <p>It has its own mapper, independent of the web one, so the stored shape does not change when
 * the REST configuration does. Instants are stored as ISO-8601 strings (not BSON dates) to keep
 * their full precision: a view read back is equal to the view that was pushed live.
 */
public final class ViewDocuments {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private ViewDocuments() {
    }

    /**
     * The view as a document whose nested objects are documents too, as MongoDB gives them back: a view stored in
     * memory (as-of reads, batches) reads back exactly like one stored in MongoDB.
     */
    public static Document toDocument(Object id, Object view) {
        Document document = new Document("_id", id);
        MAPPER.convertValue(view, FIELDS).forEach((field, value) -> document.put(field, bson(value)));
        return document;
    }

    /** The view as a document, followed by extra top-level fields (such as a timeline entry's {@code cycleId}). */
    public static Document toDocument(Object id, Object view, Map<String, ?> fields) {
        Document document = toDocument(id, view);
        fields.forEach(document::append);
        return document;
    }

    private static Object bson(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((field, nested) -> document.put((String) field, bson(nested)));
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>(list.size());
            list.forEach(element -> values.add(bson(element)));
            return values;
        }
        return value;
    }

    /** Reads a view; fields the view does not declare (such as {@code _id}) are ignored. */
    public static <T> T fromDocument(Document document, Class<T> type) {
        return MAPPER.convertValue(document, type);
    }
}
