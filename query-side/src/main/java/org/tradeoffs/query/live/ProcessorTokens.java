package org.tradeoffs.query.live;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * How far each processor got, as the shared token store says: the same answer on every query-side instance,
 * whichever instance's processor did the work. A processor stores its token after its batch's writes, so every
 * view change and stored live change up to its token is visible.
 */
@Component
public class ProcessorTokens {

    /** Axon's MongoTokenStore default collection. */
    static final String COLLECTION = "trackingtokens";

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    public ProcessorTokens(MongoDatabase database, @Qualifier("serializer") Serializer serializer) {
        this.tokens = database.getCollection(COLLECTION);
        this.serializer = serializer;
    }

    /**
     * The highest position each processor has handled (segment 0: every processor here has one segment);
     * processors without a stored token yet are absent.
     */
    public Map<String, Long> positions() {
        Map<String, Long> positions = new HashMap<>();
        tokens().forEach((processor, token) -> positions.put(processor, token.getIndex()));
        return positions;
    }

    /** Each processor's stored token (segment 0), with its gaps; processors without one yet are absent. */
    public Map<String, GapAwareTrackingToken> tokens() {
        Map<String, GapAwareTrackingToken> found = new HashMap<>();
        for (Document entry : tokens.find(new Document("segment", 0))) {
            TrackingToken token = token(entry);
            GapAwareTrackingToken gapAware = token == null ? null
                    : WrappedToken.unwrap(token, GapAwareTrackingToken.class).orElse(null);
            if (gapAware != null) {
                found.put(entry.getString("processorName"), gapAware);
            }
        }
        return found;
    }

    private TrackingToken token(Document entry) {
        Object data = entry.get("token");
        String type = entry.getString("tokenType");
        if (data == null || type == null) {
            return null;
        }
        SerializedObject<?> serialized = data instanceof Binary binary
                ? new SimpleSerializedObject<>(binary.getData(), byte[].class, type, null)
                : data instanceof byte[] bytes ? new SimpleSerializedObject<>(bytes, byte[].class, type, null)
                : new SimpleSerializedObject<>(data.toString(), String.class, type, null);
        return serializer.deserialize(serialized);
    }
}
