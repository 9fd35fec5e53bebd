package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.spi.serialization.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How requests and replies travel between proxies and the server. The common call, a method on
 * a manager object with parameter types from a short list, goes as a compact frame whose values
 * are {@link Codec} messages (compact for null, numbers, strings and byte arrays, Java-serialized
 * otherwise); any other request, and a failed reply, goes Java-serialized as a whole. Java serialization of the request and reply records
 * (with their {@code Class[]} of parameter types) was most of a proxy call's cost: thousands of
 * bytecodes per call, which a child JVM runs interpreted for its first seconds. Values are
 * copies either way.
 *
 * <pre>
 * request  JAVA    | serialized Request
 *          INVOKE  | id: long | method: str | ntypes: byte | type codes: byte* | caller: str
 *                  | nargs: int | value*
 * reply    JAVA    | serialized Reply
 *          VALUE   | value                       (a reply without failure)
 * value    len: int | a Codec message (its compact form for null, numbers, strings, byte[])
 * str      len: int | UTF-8 bytes
 * </pre>
 */
final class Wire {
    private static final byte JAVA = 0;
    private static final byte INVOKE = 1;
    private static final byte VALUE = 2;


    /** Parameter types a compact request may name, by their index here. */
    private static final List<Class<?>> TYPES = List.of(Object.class, int.class, long.class, boolean.class,
            double.class, String.class, Object[].class);

    private Wire() {
    }

    /**
     * @param request a request
     * @return its bytes
     * @throws io.multiprocessing4j.SerializationException if an argument cannot be serialized
     */
    static byte[] request(Protocol.Request request) {
        if (request instanceof Protocol.Invoke i && compactTypes(i.types())) {
            Out out = new Out();
            out.writeByte(INVOKE);
            out.writeLong(i.id());
            out.writeString(i.method());
            out.writeByte(i.types().length);
            for (Class<?> t : i.types()) {
                out.writeByte(TYPES.indexOf(t));
            }
            out.writeString(i.caller());
            out.writeInt(i.args().length);
            for (Object a : i.args()) {
                out.writeValue(a);
            }
            return out.bytes();
        }
        return java(request);
    }

    /**
     * @param bytes what {@link #request} made
     * @return the request
     * @throws RuntimeException if the bytes are malformed or a value cannot be read back
     */
    static Protocol.Request request(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == INVOKE) {
            In in = new In(bytes);
            long id = in.readLong();
            String method = in.readString();
            Class<?>[] types = new Class<?>[in.readByte()];
            for (int k = 0; k < types.length; k++) {
                types[k] = TYPES.get(in.readByte());
            }
            String caller = in.readString();
            Object[] args = new Object[in.readInt()];
            for (int k = 0; k < args.length; k++) {
                args[k] = in.readValue();
            }
            return new Protocol.Invoke(id, method, types, args, caller);
        }
        return (Protocol.Request) fromJava(bytes);
    }

    /**
     * @param reply a reply
     * @return its bytes
     * @throws io.multiprocessing4j.SerializationException if its value cannot be serialized
     */
    static byte[] reply(Protocol.Reply reply) {
        if (reply.failure() != null) {
            return java(reply);
        }
        Out out = new Out();
        out.writeByte(VALUE);
        out.writeValue(reply.value());
        return out.bytes();
    }

    /**
     * @param bytes what {@link #reply} made
     * @return the reply
     * @throws RuntimeException if the bytes are malformed or the value cannot be read back
     */
    static Protocol.Reply reply(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == VALUE) {
            return new Protocol.Reply(new In(bytes).readValue(), null);
        }
        return (Protocol.Reply) fromJava(bytes);
    }

    private static boolean compactTypes(Class<?>[] types) {
        if (types.length > Byte.MAX_VALUE) {
            return false;
        }
        for (Class<?> t : types) {
            if (!TYPES.contains(t)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] java(Object message) {
        byte[] body = Codec.serialize(message);
        byte[] out = new byte[body.length + 1];
        out[0] = JAVA;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    private static Object fromJava(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != JAVA) {
            throw new IllegalStateException("a manager message of unknown kind "
                    + (bytes.length == 0 ? "(empty)" : String.valueOf(bytes[0])));
        }
        return Codec.deserialize(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
    }

    /** A growing buffer; its writes cannot fail (IOException is impossible on a byte array). */
    private static final class Out {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        private final DataOutputStream d = new DataOutputStream(buf);

        void writeByte(int v) {
            try {
                d.writeByte(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void writeInt(int v) {
            try {
                d.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void writeLong(long v) {
            try {
                d.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void writeBytes(byte[] b) {
            writeInt(b.length);
            buf.write(b, 0, b.length);
        }

        void writeString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** A value is a {@link Codec} message (compact for the common kinds), length first. */
        void writeValue(Object v) {
            writeBytes(Codec.serialize(v));
        }

        byte[] bytes() {
            return buf.toByteArray();
        }
    }

    /** A reader over a frame, past its kind byte; a frame cut short throws {@link IllegalStateException}. */
    private static final class In {
        private final byte[] b;
        private final DataInputStream d;

        In(byte[] b) {
            this.b = b;
            this.d = new DataInputStream(new ByteArrayInputStream(b, 1, b.length - 1));
        }

        byte readByte() {
            try {
                return d.readByte();
            } catch (IOException e) {
                throw malformed(e);
            }
        }

        int readInt() {
            try {
                return d.readInt();
            } catch (IOException e) {
                throw malformed(e);
            }
        }

        long readLong() {
            try {
                return d.readLong();
            } catch (IOException e) {
                throw malformed(e);
            }
        }

        byte[] readBytes() {
            int n = readInt();
            if (n < 0 || n > b.length) {
                throw new IllegalStateException("a manager message names " + n + " bytes in a frame of " + b.length);
            }
            byte[] out = new byte[n];
            try {
                d.readFully(out);
            } catch (IOException e) {
                throw malformed(e);
            }
            return out;
        }

        String readString() {
            return new String(readBytes(), StandardCharsets.UTF_8);
        }

        Object readValue() {
            return Codec.deserialize(readBytes());
        }

        private static IllegalStateException malformed(IOException e) {
            return new IllegalStateException("a manager message was cut short", e);
        }
    }
}
