package io.multiprocessing4j.spi.remote;

import io.multiprocessing4j.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization to and from byte arrays, for the generic pool and manager: they serialize
 * at the call (so that a value that cannot be serialized fails in the caller, naming its class)
 * and keep manager values as copies on every backend. Reading honours the JVM-wide
 * {@link java.io.ObjectInputFilter}; messages only come over the context's authenticated
 * connections.
 */
public final class Codec {
    private Codec() {
    }

    /**
     * Serializes an object.
     *
     * @param value the object (may be null)
     * @return its bytes
     * @throws SerializationException if it (or something it holds) cannot be serialized, naming the class
     */
    public static byte[] encode(Object value) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new SerializationException("cannot serialize " + describe(value) + ": class " + e.getMessage()
                    + " is not Serializable", e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot serialize " + describe(value) + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes what {@link #encode(Object)} made.
     *
     * @param bytes the bytes
     * @return the object
     * @throws SerializationException if the bytes cannot be read back (a class is missing, the
     *     filter refused them, a {@code readObject} failed)
     */
    public static Object decode(byte[] bytes) {
        try (var in = new LoaderAwareInput(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new SerializationException("cannot deserialize a message of " + bytes.length + " bytes: " + e, e);
        }
    }

    /**
     * Copies an object by serializing and deserializing it.
     *
     * @param <T> its type
     * @param value the object
     * @return the copy
     * @throws SerializationException if it cannot be serialized or read back
     */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        return (T) decode(encode(value));
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }

    /** Resolves classes through the thread's context loader first, as application servers need. */
    private static final class LoaderAwareInput extends ObjectInputStream {
        LoaderAwareInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }
    }
}
