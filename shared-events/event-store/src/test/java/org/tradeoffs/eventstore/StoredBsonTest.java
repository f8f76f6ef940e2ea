package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * A stored document's top-level field read from its BSON is the value the whole document decodes to, after values of
 * every kind the store holds; and a reply writes a document found as stored byte for byte.
 */
class StoredBsonTest {

    private static final org.bson.Document KINDS = new org.bson.Document("_id", "kinds").append("double", 2.5)
            .append("text", "é ü").append("sub", new org.bson.Document("deep", List.of(1, "two")))
            .append("array", List.of(1L, 2.0, "3", new org.bson.Document("four", 4)))
            .append("binary", new Binary(new byte[] {1, 2, 3})).append("objectId", new ObjectId())
            .append("flag", true).append("date", new Date(1_700_000_000_000L)).append("nothing", null)
            .append("int", 7).append("timestamp", new BsonTimestamp(5, 1)).append("long", 1L << 40)
            .append("decimal", Decimal128.parse("12.34")).append("min", new MinKey()).append("max", new MaxKey())
            .append("tags", List.of("d:1", "c:2")).append("at", 3);

    @Test
    void aTopLevelFieldReadFromTheBytesIsWhatTheWholeDocumentDecodesTo() {
        byte[] bson = bytes(KINDS);
        Document decoded = BsonDocumentType.decode(bson);

        assertThat(decoded.keySet()).hasSize(KINDS.size());
        for (String key : decoded.keySet()) {
            assertThat(StoredBson.field(bson, StoredBson.name(key))).as(key).isEqualTo(decoded.get(key));
        }
        assertThat(StoredBson.field(bson, StoredBson.name("at"))).isEqualTo(3);
        assertThat(StoredBson.field(bson, StoredBson.name("tags"))).isEqualTo(List.of("d:1", "c:2"));
        assertThat(StoredBson.field(bson, StoredBson.name("absent"))).isNull();
        assertThat(StoredBson.field(bson, StoredBson.name("ta"))).as("a prefix of a field's name").isNull();
    }

    @Test
    void aFieldAfterAValueOfAKindNotSkippedIsLeftToDecoding() {
        byte[] bson = bytes(new org.bson.Document("before", 1).append("pattern", Pattern.compile("a+"))
                .append("after", 2));

        assertThat(StoredBson.field(bson, StoredBson.name("before"))).isEqualTo(1);
        assertThat(StoredBson.field(bson, StoredBson.name("after"))).isSameAs(StoredBson.UNREAD);
    }

    @Test
    void includedFieldsReadFromTheBytesAreThoseOfTheDecodedDocumentInTheSameOrder() {
        org.bson.Document commit = new org.bson.Document("_id", 7L).append("tags", List.of("d:1"))
                .append("events", List.of(new org.bson.Document("position", 7L).append("payload", "{}")
                                .append("payloadType", "Proposed").append("timestamp", "2026-12-01T00:00:00Z"),
                        5, new org.bson.Document("payload", "x"), List.of(new org.bson.Document("position", 8L))))
                .append("sub", new org.bson.Document("x", 1).append("y", new MinKey()))
                .append("kinds", KINDS).append("last", "end");
        byte[] bson = bytes(commit);
        Document decoded = BsonDocumentType.decode(bson);

        for (String projection : List.of("{'events.position': 1, 'events.timestamp': 1, 'events.payloadType': 1}",
                "{'events.payload': 1, last: 1, 'sub.y': 1, 'events.position': 1}", "{kinds: 1}",
                "{'kinds.decimal': 1, 'kinds.at': 1, 'kinds.none': 1, 'tags.x': 1}", "{missing: 1, 'last.x': 1}",
                "{_id: 1, last: true}")) {
            IncludedFields included = IncludedFields.of(parsed(projection), "_id");
            assertThat(included).as(projection).isNotNull();
            assertThat(BsonDocumentType.decode(included.projectStored(bson))).as(projection)
                    .hasToString(included.project(decoded).toString());
        }
        assertThat(BsonDocumentType.decode(IncludedFields.of(parsed("{'events.position': 1}"), "_id")
                .projectStored(bson))).as("the subdocuments of an array, other elements left out")
                .isEqualTo(new Document("_id", 7L).append("events", List.of(new Document("position", 7L), new Document())));
    }

    @Test
    void aReplyWritesAStoredDocumentAsItsBytesAndAnyOtherAsTheServerWould() {
        byte[] bson = bytes(KINDS);
        Document reply = new Document("cursor", new Document("firstBatch",
                List.of(StoredBson.asStored(bson), BsonDocumentType.decode(bson))).append("id", 0L)).append("ok", 1.0);

        ByteBuf written = Unpooled.buffer();
        BsonReplies.encodeDocument(reply, written);
        Document read = BsonDocumentType.decode(ByteBufUtil.getBytes(written));

        Document expected = new Document("cursor", new Document("firstBatch",
                List.of(BsonDocumentType.decode(bson), BsonDocumentType.decode(bson))).append("id", 0L)).append("ok", 1.0);
        assertThat(read).isEqualTo(expected);
    }

    private static Document parsed(String json) {
        return BsonDocumentType.decode(bytes(org.bson.Document.parse(json)));
    }

    private static byte[] bytes(org.bson.Document document) {
        ByteBuffer buffer = new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
