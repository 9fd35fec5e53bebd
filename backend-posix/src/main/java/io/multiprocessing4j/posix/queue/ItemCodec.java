package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.spi.serialization.Codec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * How queue items become bytes: a one-byte kind and a compact form for the common types
 * ({@code String}, {@code byte[]}, boxed primitives), Java serialization for the rest. The compact
 * forms skip {@code ObjectOutputStream}'s stream header and class descriptors, which cost ~100 bytes
 * and microseconds per item, and keep small items small in the ring.
 *
 * <p>The rest goes through the SPI's {@link Codec} (Java serialization, filtered against depth
 * and size bombs), shared with every process backend.
 */
final class ItemCodec {
    static final byte OBJECT = 0;
    static final byte STRING = 1;
    static final byte BYTES = 2;
    static final byte INTEGER = 3;
    static final byte LONG = 4;
    static final byte DOUBLE = 5;
    static final byte BOOLEAN = 6;
    static final byte SHORT = 7;
    static final byte BYTE = 8;
    static final byte CHARACTER = 9;
    static final byte FLOAT = 10;

    /** An encoded item. @param kind its kind @param bytes its bytes */
    record Encoded(byte kind, byte[] bytes) {
    }

    private ItemCodec() {
    }

    static Encoded encode(Object item) {
        return switch (item) {
            case String s -> new Encoded(STRING, s.getBytes(StandardCharsets.UTF_8));
            case byte[] b -> new Encoded(BYTES, b); // copied into shared memory before put returns
            case Integer i -> new Encoded(INTEGER, buffer(4).putInt(i).array());
            case Long l -> new Encoded(LONG, buffer(8).putLong(l).array());
            case Double d -> new Encoded(DOUBLE, buffer(8).putDouble(d).array());
            case Boolean b -> new Encoded(BOOLEAN, new byte[] {(byte) (b ? 1 : 0)});
            case Short s -> new Encoded(SHORT, buffer(2).putShort(s).array());
            case Byte b -> new Encoded(BYTE, new byte[] {b});
            case Character c -> new Encoded(CHARACTER, buffer(2).putChar(c).array());
            case Float f -> new Encoded(FLOAT, buffer(4).putFloat(f).array());
            default -> new Encoded(OBJECT, serialize(item));
        };
    }

    static Object decode(byte kind, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (kind) {
            case STRING -> new String(bytes, StandardCharsets.UTF_8);
            case BYTES -> bytes;
            case INTEGER -> b.getInt();
            case LONG -> b.getLong();
            case DOUBLE -> b.getDouble();
            case BOOLEAN -> bytes[0] != 0;
            case SHORT -> b.getShort();
            case BYTE -> bytes[0];
            case CHARACTER -> b.getChar();
            case FLOAT -> b.getFloat();
            case OBJECT -> deserialize(bytes);
            default -> throw new SerializationException("unknown queue item kind " + kind + ": corrupt queue memory");
        };
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] serialize(Object item) {
        return Codec.serialize(item);
    }

    private static Object deserialize(byte[] bytes) {
        return Codec.deserialize(bytes);
    }
}
