package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * How queue items become bytes: a one-byte kind and a compact form for the common types
 * ({@code String}, {@code byte[]}, boxed primitives), Java serialization for the rest. The compact
 * forms skip {@code ObjectOutputStream}'s stream header and class descriptors, which cost ~100 bytes
 * and microseconds per item, and keep small items within one ring slot.
 *
 * <p>Java serialization is filtered ({@link #FILTER}) against depth and size bombs.
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

    /** Rejects graphs deeper than 2000 or streams with more than 10 million references. */
    static final ObjectInputFilter FILTER = info -> info.depth() > 2_000 || info.references() > 10_000_000
            ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(item);
        } catch (NotSerializableException e) {
            throw new SerializationException("cannot put a " + item.getClass().getName() + " on a queue: class "
                    + e.getMessage() + " is not Serializable", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot serialize a " + item.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new LoaderAwareInputStream(bytes)) {
            in.setObjectInputFilter(FILTER);
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new SerializationException("cannot deserialize a queue item: " + e, e);
        }
    }

    /** Resolves classes with the thread's context loader first, as frameworks with their own loaders expect. */
    private static final class LoaderAwareInputStream extends ObjectInputStream {
        LoaderAwareInputStream(byte[] bytes) throws IOException {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution
                }
            }
            return super.resolveClass(desc);
        }
    }
}
