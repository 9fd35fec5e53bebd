package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.spi.serialization.Codec;

/**
 * How queue items become bytes: a {@code byte[]} goes into shared memory as it is (no copy to
 * prefix a tag, which for 64 KiB items is a copy per put and per take), everything else as a
 * {@link Codec} message (compact for strings and boxed primitives, filtered Java serialization for
 * the rest). The ring record's kind byte tells the two apart.
 */
final class ItemCodec {
    static final byte MESSAGE = 0;
    static final byte BYTES = 2;

    /** An encoded item. @param kind its kind @param bytes its bytes */
    record Encoded(byte kind, byte[] bytes) {
    }

    private ItemCodec() {
    }

    static Encoded encode(Object item) {
        return item instanceof byte[] b
                ? new Encoded(BYTES, b) // copied into shared memory before put returns
                : new Encoded(MESSAGE, Codec.serialize(item));
    }

    static Object decode(byte kind, byte[] bytes) {
        return switch (kind) {
            case BYTES -> bytes;
            case MESSAGE -> Codec.deserialize(bytes);
            default -> throw new SerializationException("unknown queue item kind " + kind + ": corrupt queue memory");
        };
    }
}
