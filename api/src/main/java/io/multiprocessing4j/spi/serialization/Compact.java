package io.multiprocessing4j.spi.serialization;

import io.multiprocessing4j.SerializationException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The compact form {@link Codec} uses for a few common types: a kind byte, then the value, big-endian.
 *
 * <pre>
 *   NULL    0x01
 *   INT     0x02  int32
 *   LONG    0x03  int64
 *   DOUBLE  0x04  IEEE 754 bits, int64
 *   BOOLEAN 0x05  0 or 1
 *   STRING  0x06  int32 n, then n UTF-16 chars (2 bytes each: exact even for unpaired surrogates)
 *   BYTES   0x07  int32 n, then n bytes
 *   SHORT   0x08  int16
 *   BYTE    0x09  int8
 *   CHAR    0x0A  UTF-16 unit, 2 bytes
 *   FLOAT   0x0B  IEEE 754 bits, int32
 * </pre>
 *
 * The one compact encoding of the project: pipes, pools and managers use it through {@link Codec},
 * and so do both shared-memory queues (each item is a {@link Codec} message).
 *
 * A Java serialization stream starts with {@code 0xAC}, so the first byte tells the forms apart.
 * Lengths are checked against the bytes really there before anything is allocated, and an array
 * longer than {@link Codec#MAX_ARRAY} is refused as the filter would.
 */
final class Compact {
    private static final byte NULL = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte STRING = 6;
    private static final byte BYTES = 7;
    private static final byte SHORT = 8;
    private static final byte BYTE = 9;
    private static final byte CHAR = 10;
    private static final byte FLOAT = 11;

    private Compact() {
    }

    /** @return whether a message starting with {@code first} is in this form */
    static boolean isCompact(byte first) {
        return first >= NULL && first <= FLOAT;
    }

    /** @return the compact form of {@code value}, or null if it has none */
    static byte[] encode(Object value) {
        return switch (value) {
            case null -> new byte[] {NULL};
            case Integer i -> ByteBuffer.allocate(5).put(INT).putInt(i).array();
            case Long l -> ByteBuffer.allocate(9).put(LONG).putLong(l).array();
            case Double d -> ByteBuffer.allocate(9).put(DOUBLE).putLong(Double.doubleToRawLongBits(d)).array();
            case Boolean b -> new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
            case String s when s.length() <= (Integer.MAX_VALUE - 5) / 2 -> {
                ByteBuffer out = ByteBuffer.allocate(5 + 2 * s.length()).put(STRING).putInt(s.length());
                out.asCharBuffer().put(s);
                yield out.array();
            }
            case byte[] b when b.length <= Integer.MAX_VALUE - 5 ->
                ByteBuffer.allocate(5 + b.length).put(BYTES).putInt(b.length).put(b).array();
            case Short v -> ByteBuffer.allocate(3).put(SHORT).putShort(v).array();
            case Byte v -> new byte[] {BYTE, v};
            case Character v -> ByteBuffer.allocate(3).put(CHAR).putChar(v).array();
            case Float v -> ByteBuffer.allocate(5).put(FLOAT).putInt(Float.floatToRawIntBits(v)).array();
            default -> null;
        };
    }

    /** Decodes a whole message in this form. */
    static Object decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        try {
            Object value = switch (bytes[0]) {
                case NULL -> null;
                case INT -> in.getInt();
                case LONG -> in.getLong();
                case DOUBLE -> Double.longBitsToDouble(in.getLong());
                case BOOLEAN -> flag(in.get());
                case STRING -> {
                    int n = length(in.getInt(), in.remaining() / 2);
                    char[] chars = new char[n];
                    in.asCharBuffer().get(chars);
                    in.position(in.position() + 2 * n);
                    yield new String(chars);
                }
                case BYTES -> {
                    byte[] b = new byte[length(in.getInt(), in.remaining())];
                    in.get(b);
                    yield b;
                }
                case SHORT -> in.getShort();
                case BYTE -> in.get();
                case CHAR -> in.getChar();
                case FLOAT -> Float.intBitsToFloat(in.getInt());
                default -> throw new SerializationException("unknown compact kind " + bytes[0]);
            };
            if (in.hasRemaining()) {
                throw new SerializationException("cannot deserialize a message: " + in.remaining()
                        + " bytes after its value");
            }
            return value;
        } catch (java.nio.BufferUnderflowException e) {
            throw new SerializationException("cannot deserialize a message: it is truncated", e);
        }
    }

    /** Decodes one value in this form from a stream whose kind byte {@code kind} was just read. */
    static Object decode(byte kind, InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            return switch (kind) {
                case NULL -> null;
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case DOUBLE -> in.readDouble();
                case BOOLEAN -> flag(in.readByte());
                case STRING -> {
                    int n = length(in.readInt(), Integer.MAX_VALUE / 2);
                    byte[] raw = readExactly(in, 2L * n);
                    char[] chars = new char[n];
                    ByteBuffer.wrap(raw).asCharBuffer().get(chars);
                    yield new String(chars);
                }
                case BYTES -> readExactly(in, length(in.readInt(), Integer.MAX_VALUE));
                case SHORT -> in.readShort();
                case BYTE -> in.readByte();
                case CHAR -> in.readChar();
                case FLOAT -> in.readFloat();
                default -> throw new SerializationException("unknown compact kind " + kind);
            };
        } catch (java.io.EOFException e) {
            throw new SerializationException("cannot deserialize a message: it is truncated", e);
        }
    }

    /** Reads {@code n} bytes without trusting {@code n} for the allocation (it grows as bytes come). */
    private static byte[] readExactly(InputStream in, long n) throws IOException {
        byte[] b = in.readNBytes((int) n);
        if (b.length != n) {
            throw new SerializationException("cannot deserialize a message: it is truncated");
        }
        return b;
    }

    private static int length(int n, int available) {
        if (n < 0 || n > Codec.MAX_ARRAY || n > available) {
            throw new SerializationException("cannot deserialize a message: bad length " + n);
        }
        return n;
    }

    private static boolean flag(byte b) {
        if (b != 0 && b != 1) {
            throw new SerializationException("cannot deserialize a message: bad boolean " + b);
        }
        return b == 1;
    }
}
