package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.spi.serialization.Codec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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

    // Little-endian views of byte arrays: no ByteBuffer per item (it was a third of the
    // allocation of a queued int).
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ItemCodec() {
    }

    static Encoded encode(Object item) {
        return switch (item) {
            case String s -> new Encoded(STRING, s.getBytes(StandardCharsets.UTF_8));
            case byte[] b -> new Encoded(BYTES, b); // copied into shared memory before put returns
            case Integer i -> new Encoded(INTEGER, ofInt(i));
            case Long l -> new Encoded(LONG, ofLong(l));
            case Double d -> new Encoded(DOUBLE, ofLong(Double.doubleToRawLongBits(d)));
            case Boolean b -> new Encoded(BOOLEAN, new byte[] {(byte) (b ? 1 : 0)});
            case Short s -> new Encoded(SHORT, ofShort(s));
            case Byte b -> new Encoded(BYTE, new byte[] {b});
            case Character c -> new Encoded(CHARACTER, ofShort((short) c.charValue()));
            case Float f -> new Encoded(FLOAT, ofInt(Float.floatToRawIntBits(f)));
            default -> new Encoded(OBJECT, serialize(item));
        };
    }

    static Object decode(byte kind, byte[] bytes) {
        return switch (kind) {
            case STRING -> new String(bytes, StandardCharsets.UTF_8);
            case BYTES -> bytes;
            case INTEGER -> (int) INT_LE.get(bytes, 0);
            case LONG -> (long) LONG_LE.get(bytes, 0);
            case DOUBLE -> Double.longBitsToDouble((long) LONG_LE.get(bytes, 0));
            case BOOLEAN -> bytes[0] != 0;
            case SHORT -> (short) SHORT_LE.get(bytes, 0);
            case BYTE -> bytes[0];
            case CHARACTER -> (char) (short) SHORT_LE.get(bytes, 0);
            case FLOAT -> Float.intBitsToFloat((int) INT_LE.get(bytes, 0));
            case OBJECT -> deserialize(bytes);
            default -> throw new SerializationException("unknown queue item kind " + kind + ": corrupt queue memory");
        };
    }

    private static byte[] ofShort(short v) {
        byte[] b = new byte[2];
        SHORT_LE.set(b, 0, v);
        return b;
    }

    private static byte[] ofInt(int v) {
        byte[] b = new byte[4];
        INT_LE.set(b, 0, v);
        return b;
    }

    private static byte[] ofLong(long v) {
        byte[] b = new byte[8];
        LONG_LE.set(b, 0, v);
        return b;
    }

    private static byte[] serialize(Object item) {
        return Codec.serialize(item);
    }

    private static Object deserialize(byte[] bytes) {
        return Codec.deserialize(bytes);
    }
}
