package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.spi.serialization.Codec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    /**
     * A growing buffer written big-endian by hand: a stream pair (ByteArrayOutputStream with a
     * DataOutputStream) was most of a call's garbage, two allocations before the first byte.
     */
    private static final class Out {
        private byte[] buf = new byte[64];
        private int size;

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void writeByte(int v) {
            ensure(1);
            buf[size++] = (byte) v;
        }

        void writeInt(int v) {
            ensure(Integer.BYTES);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        void writeLong(long v) {
            ensure(Long.BYTES);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        void writeBytes(byte[] b) {
            writeInt(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void writeString(String s) {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        /** A value is a {@link Codec} message (compact for the common kinds), length first. */
        void writeValue(Object v) {
            writeBytes(Codec.serialize(v));
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** A reader over a frame, past its kind byte; a frame cut short throws {@link IllegalStateException}. */
    private static final class In {
        private final byte[] b;
        private int at = 1;

        In(byte[] b) {
            this.b = b;
        }

        private int take(int n) {
            if (n < 0 || n > b.length - at) {
                throw new IllegalStateException("a manager message was cut short: " + n + " bytes wanted at "
                        + at + " of " + b.length);
            }
            int from = at;
            at += n;
            return from;
        }

        byte readByte() {
            return b[take(1)];
        }

        int readInt() {
            int from = take(Integer.BYTES);
            return (b[from] & 0xff) << 24 | (b[from + 1] & 0xff) << 16 | (b[from + 2] & 0xff) << 8 | (b[from + 3] & 0xff);
        }

        long readLong() {
            int from = take(Long.BYTES);
            long v = 0;
            for (int k = 0; k < Long.BYTES; k++) {
                v = v << 8 | (b[from + k] & 0xff);
            }
            return v;
        }

        byte[] readBytes() {
            int n = readInt();
            if (n < 0 || n > b.length) {
                throw new IllegalStateException("a manager message names " + n + " bytes in a frame of " + b.length);
            }
            int from = take(n);
            return Arrays.copyOfRange(b, from, from + n);
        }

        String readString() {
            int n = readInt();
            if (n < 0 || n > b.length) {
                throw new IllegalStateException("a manager message names " + n + " bytes in a frame of " + b.length);
            }
            return new String(b, take(n), n, StandardCharsets.UTF_8);
        }

        Object readValue() {
            return Codec.deserialize(readBytes());
        }
    }
}
