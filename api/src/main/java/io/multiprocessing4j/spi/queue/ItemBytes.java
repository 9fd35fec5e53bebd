package io.multiprocessing4j.spi.queue;

import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.spi.serialization.Codec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Queue items as bytes: a one-byte tag and a compact form for the common types ({@code String},
 * {@code byte[]}, boxed primitives), {@link Codec}'s Java serialization for the rest. Java
 * serialization of a boxed int takes 81 bytes and an {@code ObjectOutputStream} with its stream
 * header and class descriptor on each side; its compact form is 5 bytes and two array stores.
 *
 * <p>Every Java serialization stream starts with the magic byte {@code 0xAC}, which is no tag, so
 * {@link #decode} tells the two apart by the first byte.
 */
public final class ItemBytes {
    private static final byte STRING = 1;
    private static final byte BYTES = 2;
    private static final byte INTEGER = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte BOOLEAN = 6;
    private static final byte SHORT = 7;
    private static final byte BYTE = 8;
    private static final byte CHARACTER = 9;
    private static final byte FLOAT = 10;
    private static final byte SERIALIZED = (byte) 0xAC;
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ItemBytes() {
    }

    /**
     * Encodes an item.
     *
     * @param item the item, not null
     * @return its bytes (at least one)
     * @throws SerializationException if it is of no compact type and cannot be serialized
     */
    public static byte[] encode(Object item) {
        return switch (item) {
            case String s -> tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
            case byte[] b -> tagged(BYTES, b);
            case Integer i -> ofInt(INTEGER, i);
            case Long l -> ofLong(LONG, l);
            case Double d -> ofLong(DOUBLE, Double.doubleToRawLongBits(d));
            case Boolean b -> new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
            case Short s -> ofShort(SHORT, s);
            case Byte b -> new byte[] {BYTE, b};
            case Character c -> ofShort(CHARACTER, (short) c.charValue());
            case Float f -> ofInt(FLOAT, Float.floatToRawIntBits(f));
            default -> Codec.serialize(item);
        };
    }

    /**
     * Decodes what {@link #encode} made.
     *
     * @param bytes the bytes
     * @return the item
     * @throws SerializationException if they are no item's bytes, or deserialization fails
     */
    public static Object decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new SerializationException("an empty queue record: corrupt queue memory");
        }
        return switch (bytes[0]) {
            case STRING -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
            case BYTES -> Arrays.copyOfRange(bytes, 1, bytes.length);
            case INTEGER -> (int) INT_LE.get(bytes, 1);
            case LONG -> (long) LONG_LE.get(bytes, 1);
            case DOUBLE -> Double.longBitsToDouble((long) LONG_LE.get(bytes, 1));
            case BOOLEAN -> bytes[1] != 0;
            case SHORT -> (short) SHORT_LE.get(bytes, 1);
            case BYTE -> bytes[1];
            case CHARACTER -> (char) (short) SHORT_LE.get(bytes, 1);
            case FLOAT -> Float.intBitsToFloat((int) INT_LE.get(bytes, 1));
            case SERIALIZED -> Codec.deserialize(bytes);
            default -> throw new SerializationException("unknown queue item tag " + bytes[0] + ": corrupt queue memory");
        };
    }

    private static byte[] tagged(byte tag, byte[] payload) {
        byte[] b = new byte[payload.length + 1];
        b[0] = tag;
        System.arraycopy(payload, 0, b, 1, payload.length);
        return b;
    }

    private static byte[] ofShort(byte tag, short v) {
        byte[] b = new byte[3];
        b[0] = tag;
        SHORT_LE.set(b, 1, v);
        return b;
    }

    private static byte[] ofInt(byte tag, int v) {
        byte[] b = new byte[5];
        b[0] = tag;
        INT_LE.set(b, 1, v);
        return b;
    }

    private static byte[] ofLong(byte tag, long v) {
        byte[] b = new byte[9];
        b[0] = tag;
        LONG_LE.set(b, 1, v);
        return b;
    }
}
