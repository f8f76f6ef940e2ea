package org.tradeoffs.query.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

    public static Document toDocument(Object id, Object view) {
        Document document = new Document("_id", id);
        document.putAll(MAPPER.convertValue(view, FIELDS));
        return document;
    }

    /** Reads a view; fields the view does not declare (such as {@code _id}) are ignored. */
    public static <T> T fromDocument(Document document, Class<T> type) {
        return MAPPER.convertValue(document, type);
    }
}
