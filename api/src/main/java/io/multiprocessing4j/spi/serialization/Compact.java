package io.multiprocessing4j.spi.serialization;

import io.multiprocessing4j.SerializationException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;

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
 *   LIST    0x0C  int32 n, then n values in this form, none a list (only for exactly
 *                 java.util.ArrayList, which it reads back as: another List class would change)
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
    private static final byte LIST = 12;
    /** The longest compact form: a Java array's limit, less headroom. */
    private static final int MAX_BODY = Integer.MAX_VALUE - 16;

    private Compact() {
    }

    /** @return whether a message starting with {@code first} is in this form */
    static boolean isCompact(byte first) {
        return first >= NULL && first <= LIST;
    }

    /** @return the compact form of {@code value}, or null if it has none */
    static byte[] encode(Object value) {
        int size = size(value, true);
        if (size < 0) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        put(out, value);
        return out.array();
    }

    /**
     * @param value a value
     * @param listAllowed whether a list may be it (lists do not nest: an element that is a list
     *     takes Java serialization for the whole message, which also bounds the work to one level)
     * @return the bytes of its compact form, or -1 if it has none
     */
    private static int size(Object value, boolean listAllowed) {
        return switch (value) {
            case null -> 1;
            case Integer i -> 5;
            case Long l -> 9;
            case Double d -> 9;
            case Boolean b -> 2;
            case String s when s.length() <= (MAX_BODY - 5) / 2 -> 5 + 2 * s.length();
            case byte[] b when b.length <= MAX_BODY - 5 -> 5 + b.length;
            case Short v -> 3;
            case Byte v -> 2;
            case Character v -> 3;
            case Float v -> 5;
            // Exactly ArrayList: it reads back as the same class, so nothing about it changes on
            // the way (a LinkedList or List.of would come back as another class).
            case ArrayList<?> list when listAllowed && list.getClass() == ArrayList.class -> {
                long total = 5;
                for (Object element : list) {
                    int n = size(element, false);
                    if (n < 0 || (total += n) > MAX_BODY) {
                        yield -1;
                    }
                }
                yield (int) total;
            }
            default -> -1;
        };
    }

    /** Writes the compact form of a value {@link #size} accepted. */
    private static void put(ByteBuffer out, Object value) {
        switch (value) {
            case null -> out.put(NULL);
            case Integer i -> out.put(INT).putInt(i);
            case Long l -> out.put(LONG).putLong(l);
            case Double d -> out.put(DOUBLE).putLong(Double.doubleToRawLongBits(d));
            case Boolean b -> out.put(BOOLEAN).put((byte) (b ? 1 : 0));
            case String s -> {
                out.put(STRING).putInt(s.length());
                out.asCharBuffer().put(s);
                out.position(out.position() + 2 * s.length());
            }
            case byte[] b -> out.put(BYTES).putInt(b.length).put(b);
            case Short v -> out.put(SHORT).putShort(v);
            case Byte v -> out.put(BYTE).put(v);
            case Character v -> out.put(CHAR).putChar(v);
            case Float v -> out.put(FLOAT).putInt(Float.floatToRawIntBits(v));
            case ArrayList<?> list -> {
                out.put(LIST).putInt(list.size());
                for (Object element : list) {
                    put(out, element);
                }
            }
            default -> throw new IllegalStateException("no compact form for " + value.getClass().getName());
        }
    }

    /** Decodes a whole message in this form. */
    static Object decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes a whole message in this form: {@code length} bytes from {@code offset}. */
    static Object decode(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        try {
            Object value = get(in, true);
            if (in.hasRemaining()) {
                throw new SerializationException("cannot deserialize a message: " + in.remaining()
                        + " bytes after its value");
            }
            return value;
        } catch (java.nio.BufferUnderflowException e) {
            throw new SerializationException("cannot deserialize a message: it is truncated", e);
        }
    }

    private static Object get(ByteBuffer in, boolean listAllowed) {
        byte kind = in.get();
        return switch (kind) {
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
            case LIST -> {
                if (!listAllowed) {
                    throw new SerializationException("cannot deserialize a message: a list inside a list");
                }
                int n = length(in.getInt(), in.remaining()); // every element takes a byte at least
                ArrayList<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(get(in, false));
                }
                yield list;
            }
            default -> throw new SerializationException("unknown compact kind " + kind);
        };
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
                case LIST -> {
                    int n = length(in.readInt(), Integer.MAX_VALUE);
                    ArrayList<Object> list = new ArrayList<>(Math.min(n, 1024)); // grows as elements come
                    for (int i = 0; i < n; i++) {
                        byte element = in.readByte();
                        if (element == LIST || !isCompact(element)) {
                            throw new SerializationException("cannot deserialize a message: bad list element kind "
                                    + element);
                        }
                        list.add(decode(element, in));
                    }
                    yield list;
                }
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
