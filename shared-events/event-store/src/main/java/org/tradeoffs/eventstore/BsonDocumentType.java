package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the embedded store's collections: documents written as BSON instead of by Java serialization,
 * in images of the store ({@link StoreImage}; until 2026-11-29 in the H2 file, where H2 wrote a whole page of dozens
 * of documents again whenever one of them changed, and that serialization was a third of the store's work). BSON,
 * as the wire protocol encodes the same documents, is several times cheaper than H2's default type, which writes
 * them with {@code ObjectOutputStream}. A document is written under a tag H2's type does not use; everything else,
 * and every value H2's type wrote (the H2 files of earlier versions, converted at start), is read and written by
 * H2's type.
 */
final class BsonDocumentType extends ObjectDataType {

    /** Beyond H2's own tags, which end at 119. */
    private static final byte BSON_DOCUMENT = 126;
    private static final int DOCUMENT_OVERHEAD = 64;

    /** Bytes a document takes in memory, about: a running average, as H2 keeps one for serialized objects. */
    private volatile int averageSize = 1_024;

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof Document document)) {
            super.write(buff, obj);
            return;
        }
        ByteBuf bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, bson);
            int length = bson.readableBytes();
            remember(length);
            buff.put(BSON_DOCUMENT).putVarInt(length).put(bson.nioBuffer());
        } finally {
            bson.release();
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON_DOCUMENT) {
            return super.read(buff);
        }
        buff.get();
        int length = DataUtils.readVarInt(buff);
        remember(length);
        ByteBuffer bytes = buff.slice();
        bytes.limit(length);
        buff.position(buff.position() + length);
        return FieldNames.shared().compact(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes)));
    }

    @Override
    public int getMemory(Object obj) {
        return obj instanceof Document ? averageSize : super.getMemory(obj);
    }

    private void remember(int bsonLength) {
        averageSize = (DOCUMENT_OVERHEAD + 2 * bsonLength + 15 * averageSize) / 16;
    }
}
