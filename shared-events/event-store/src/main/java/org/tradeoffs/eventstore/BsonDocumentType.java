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
 * The value type of the embedded store's collections: each document is held in memory as its BSON, the bytes the wire
 * protocol would carry ({@link QuickQueryCollection} encodes and decodes them), and written as such to images of the
 * store ({@link StoreImage}; until 2026-11-29 to the H2 file, where H2 wrote a whole page of dozens of documents again
 * whenever one of them changed). A document is written under a tag H2's type does not use; anything else, and every
 * value H2's type wrote (the H2 files of earlier versions, converted at start), is read by H2's type, a document read
 * that way answered as its BSON.
 */
final class BsonDocumentType extends ObjectDataType {

    /** Beyond H2's own tags, which end at 119. */
    private static final byte BSON_DOCUMENT = 126;
    private static final int MAX_SCRATCH = 256 * 1024;
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4 * 1024));
    /** An array's header and reference, about. */
    private static final int ARRAY_OVERHEAD = 24;

    /**
     * The document as BSON. Encoded into a buffer of the thread's, kept from one document to the next: a new one, grown
     * by doubling from 256 bytes, cost as much garbage again as the document's bytes, for every document written.
     */
    static byte[] encode(Document document) {
        ByteBuf bson = SCRATCH.get().clear();
        BsonEncoder.encodeDocument(document, bson);
        byte[] bytes = new byte[bson.readableBytes()];
        bson.getBytes(bson.readerIndex(), bytes);
        if (bson.capacity() > MAX_SCRATCH) {
            SCRATCH.remove(); // a document far larger than most: not kept
        }
        return bytes;
    }

    /** A new document, decoded from its BSON. */
    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof byte[] bson)) {
            super.write(buff, obj);
            return;
        }
        buff.put(BSON_DOCUMENT).putVarInt(bson.length).put(bson);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON_DOCUMENT) {
            Object value = super.read(buff);
            return value instanceof Document document ? encode(document) : value;
        }
        buff.get();
        byte[] bson = new byte[DataUtils.readVarInt(buff)];
        buff.get(bson);
        return bson;
    }

    @Override
    public int getMemory(Object obj) {
        return obj instanceof byte[] bson ? ARRAY_OVERHEAD + bson.length : super.getMemory(obj);
    }
}
