package io.multiprocessing4j.spi.serialization;

import io.multiprocessing4j.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.PushbackInputStream;

/**
 * Java serialization with the checks every process backend needs: a value that cannot be
 * serialized fails in the caller naming the offending class, and deserialization runs through an
 * {@link ObjectInputFilter} that stops bombs before they cost memory or time.
 *
 * <p>Limits (per stream): depth {@value #MAX_DEPTH} (a nested-collection bomb; deeper graphs would
 * overflow a default thread stack while being read anyway), references
 * {@value #MAX_REFERENCES}, array length {@value #MAX_ARRAY} elements, and stream size
 * {@value #MAX_BYTES} bytes. They are far above what real messages need and far below what makes a
 * process thrash. Classes are not filtered: every process of a context runs the same class path,
 * and peers are authenticated before any of their bytes are read.
 *
 * <p>The most common messages ({@code null}, the boxed primitives, {@code String}, {@code byte[]},
 * and an {@code ArrayList} of those) take a compact form ({@link Compact}) instead:
 * {@code ObjectOutputStream} spends ~80 bytes of stream header and class descriptors on an
 * {@code Integer}, and a stream pair costs microseconds and kilobytes of buffers per message, which
 * dominated a pipe's ping-pong. A compact form starts with a byte that no Java serialization stream
 * starts with (those start with {@code 0xACED}), so both forms are read back by the same methods.
 */
public final class Codec {
    /** Deepest object graph accepted. */
    public static final long MAX_DEPTH = 500;
    /** Most object references accepted in one message. */
    public static final long MAX_REFERENCES = 10_000_000;
    /** Longest array accepted. */
    public static final long MAX_ARRAY = 1L << 28;
    /** Largest stream accepted. */
    public static final long MAX_BYTES = Integer.MAX_VALUE;

    private static final ObjectInputFilter FILTER = info -> {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > MAX_ARRAY
                || info.streamBytes() > MAX_BYTES) {
            return ObjectInputFilter.Status.REJECTED;
        }
        return ObjectInputFilter.Status.UNDECIDED;
    };

    private Codec() {
    }

    /** @return the filter applied by {@link #deserialize}, for streams a backend reads itself */
    public static ObjectInputFilter filter() {
        return FILTER;
    }

    /**
     * Serializes a value now.
     *
     * @param value the value (may be null)
     * @return its bytes
     * @throws SerializationException if it (or something it refers to) cannot be serialized,
     *     naming the offending class
     */
    public static byte[] serialize(Object value) {
        byte[] compact = Compact.encode(value);
        if (compact != null) {
            return compact;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new SerializationException("cannot serialize " + describe(value) + ": class " + e.getMessage()
                    + " is not Serializable", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("cannot serialize " + describe(value) + ": " + e, e);
        } catch (StackOverflowError e) {
            throw new SerializationException("cannot serialize " + describe(value) + ": its object graph is too deep", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes bytes made by {@link #serialize}, through the filter.
     *
     * @param bytes the bytes
     * @return the value
     * @throws SerializationException if they are malformed, refer to a class missing here, or
     *     exceed a limit
     */
    public static Object deserialize(byte[] bytes) {
        return deserialize(bytes, 0, bytes.length);
    }

    /**
     * Deserializes {@code length} bytes from {@code offset} made by {@link #serialize}, through
     * the filter: a message inside a larger frame, without copying it out first.
     *
     * @param bytes the bytes
     * @param offset where the message starts
     * @param length its length
     * @return the value
     * @throws IndexOutOfBoundsException if the range is not within {@code bytes}
     * @throws SerializationException if they are malformed, refer to a class missing here, or
     *     exceed a limit
     */
    public static Object deserialize(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > 0 && Compact.isCompact(bytes[offset])) {
            return Compact.decode(bytes, offset, length);
        }
        return deserialize(new ByteArrayInputStream(bytes, offset, length));
    }

    /**
     * Deserializes one value from a stream, through the filter.
     *
     * @param in the stream
     * @return the value
     * @throws SerializationException if the bytes are malformed, refer to a class missing here,
     *     or exceed a limit
     */
    public static Object deserialize(InputStream in) {
        PushbackInputStream peek = new PushbackInputStream(in, 1);
        try {
            int first = peek.read();
            if (first >= 0 && Compact.isCompact((byte) first)) {
                return Compact.decode((byte) first, peek);
            }
            if (first >= 0) {
                peek.unread(first);
            }
        } catch (IOException e) {
            throw new SerializationException("cannot deserialize a message: " + e, e);
        }
        try (ObjectInputStream ois = new ContextLoaderInputStream(peek)) {
            ois.setObjectInputFilter(FILTER);
            return ois.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new SerializationException("cannot deserialize a message: " + e, e);
        } catch (StackOverflowError e) {
            throw new SerializationException("cannot deserialize a message: its object graph is too deep", e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    /** Resolves classes with the thread's context loader first, as frameworks with their own loaders expect. */
    private static final class ContextLoaderInputStream extends ObjectInputStream {
        ContextLoaderInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, the caller's loader)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
