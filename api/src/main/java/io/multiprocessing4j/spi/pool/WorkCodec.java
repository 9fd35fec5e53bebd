package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.SerializableBiFunction;
import io.multiprocessing4j.SerializableFunction;
import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.spi.serialization.Codec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a {@link Work} travels to a worker when the backend serializes: the function and each
 * argument as a separate {@link Codec} message, so that a worker can keep a function it has
 * already read. Reading a lambda back is the dearest part of a small task (its
 * {@code SerializedLambda} resolves through reflection: 11–17 µs per task in a warm worker, more
 * than the task's round trip), and a map with chunk size 1 reads the same function thousands of
 * times.
 *
 * <p>Only a <em>capture-free</em> lambda or method reference is kept: a hidden class without
 * instance fields, whose every instance behaves alike — the counterpart of a Python function,
 * which pickles by name and which a worker also keeps. Anything with state (a lambda that
 * captured values, an object with fields) is read anew for each task, so a task never sees what
 * an earlier one did to its copy: the semantics of a fresh pickle per task.
 *
 * <pre>
 *   offset 0      1          9        13
 *          +------+----------+--------+-----------------+-----------------------------+
 *          | kind | fn id    | fn len | fn (Codec)      | arguments: int32 len, Codec |
 *          +------+----------+--------+-----------------+-----------------------------+
 *            1 B    int64      int32    fn len bytes      0, 1 or 2 of them, by kind
 * </pre>
 * {@code fn id} is 0 for a function read anew each time, else a number this parent JVM gave the
 * function's class (unique here; a worker talks to one parent). A kept function's bytes travel to
 * each worker once: afterwards {@code fn len} is 0 and the worker uses the one it keeps. The pool
 * tracks per worker which it sent, by the rule the worker keeps them by (at most
 * {@value #CACHE_LIMIT}, all forgotten when a new one would exceed that), over a pipe that loses
 * nothing and reorders nothing; a replacement worker starts with an empty set. A map chunk's items travel as one {@code ArrayList}, which {@link Codec} encodes
 * compactly when they are common values.
 */
final class WorkCodec {
    private static final byte CALL = 1;
    private static final byte RUN = 2;
    private static final byte APPLY1 = 3;
    private static final byte APPLY2 = 4;
    private static final byte MAP = 5;
    private static final byte STAR = 6;
    private static final int FIXED = 13;
    /** Functions a worker keeps at most: more distinct lambdas than this in one pool is unusual. */
    static final int CACHE_LIMIT = 256;

    private static final AtomicLong IDS = new AtomicLong();
    /**
     * Per function class: its id and encoded form if it is capture-free, else {@link #NOT_KEPT}.
     * A {@link ClassValue} does not keep the class from being unloaded.
     */
    private static final ClassValue<Kept> KEPT = new ClassValue<>() {
        @Override
        protected Kept computeValue(Class<?> type) {
            return isCaptureFree(type) ? new Kept(IDS.incrementAndGet()) : NOT_KEPT;
        }
    };
    private static final Kept NOT_KEPT = new Kept(0);

    private WorkCodec() {
    }

    /** A function class's id and (once made) encoded form. */
    private static final class Kept {
        final long id;
        volatile byte[] bytes;

        Kept(long id) {
            this.id = id;
        }
    }

    /**
     * @param type a function's class
     * @return whether every instance of it behaves alike: a lambda or method reference (a hidden
     *     class) that captured nothing (no instance fields)
     */
    static boolean isCaptureFree(Class<?> type) {
        if (!type.isHidden() || !type.isSynthetic()) {
            return false;
        }
        for (var field : type.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Work encoded for a worker, before it is given to one: the function's bytes travel to a
     * worker only until it keeps them (see {@link #bytes}).
     *
     * @param kind the work's kind
     * @param fnId the function's id, 0 if it is read anew each time
     * @param fn the function's bytes
     * @param args the arguments' bytes
     */
    record Encoded(byte kind, long fnId, byte[] fn, byte[][] args) {
        /** @return its size when the function travels with it */
        int size() {
            int size = FIXED + fn.length;
            for (byte[] a : args) {
                size += 4 + a.length;
            }
            return size;
        }

        /**
         * @param header bytes to leave free at the start, for the caller's frame header
         * @param sent the ids of the functions this worker keeps, as it will keep them (updated
         *     here: a worker keeps what it is sent, under the same limit, so the two sets agree)
         * @return the bytes for one worker, after {@code header} bytes
         */
        byte[] bytes(int header, java.util.Set<Long> sent) {
            boolean withFn = fnId == 0 || !sent.contains(fnId);
            if (withFn && fnId != 0) {
                if (sent.size() >= CACHE_LIMIT) {
                    sent.clear();
                }
                sent.add(fnId);
            }
            ByteBuffer out = ByteBuffer.allocate(header + size() - (withFn ? 0 : fn.length)).position(header);
            out.put(kind).putLong(fnId).putInt(withFn ? fn.length : 0);
            if (withFn) {
                out.put(fn);
            }
            for (byte[] a : args) {
                out.putInt(a.length).put(a);
            }
            return out.array();
        }
    }

    /**
     * Encodes work for a worker (parent side).
     *
     * @param work the work
     * @return it encoded
     * @throws SerializationException if its function or an argument cannot be serialized
     */
    static Encoded encode(Work work) {
        return switch (work) {
            case Work.Call c -> encode(CALL, c.task());
            case Work.Run r -> encode(RUN, r.task());
            case Work.Apply1 a -> encode(APPLY1, a.fn(), Codec.serialize(a.arg()));
            case Work.Apply2 a -> encode(APPLY2, a.fn(), Codec.serialize(a.a()), Codec.serialize(a.b()));
            case Work.MapChunk m -> encode(MAP, m.fn(), Codec.serialize(asArrayList(m.items())));
            case Work.StarChunk s -> encode(STAR, s.fn(), Codec.serialize(asArrayList(s.firsts())),
                    Codec.serialize(asArrayList(s.seconds())));
        };
    }

    private static ArrayList<Object> asArrayList(List<Object> items) {
        return items instanceof ArrayList<Object> a && a.getClass() == ArrayList.class ? a : new ArrayList<>(items);
    }

    private static Encoded encode(byte kind, Object fn, byte[]... args) {
        Kept kept = KEPT.get(fn.getClass());
        byte[] fnBytes = kept.bytes;
        if (fnBytes == null) {
            fnBytes = Codec.serialize(fn);
            if (kept != NOT_KEPT) {
                kept.bytes = fnBytes; // a race makes the same bytes twice: harmless
            }
        }
        return new Encoded(kind, kept.id, fnBytes, args);
    }

    /**
     * Reads work back in a worker, reusing a capture-free function it has read before.
     *
     * @param bytes what {@link #encode} made
     * @param kept the worker's functions by id (at most {@link #CACHE_LIMIT}; confined to its thread)
     * @return the work
     * @throws SerializationException if the bytes are malformed or name a class missing here
     */
    @SuppressWarnings("unchecked")
    static Work decode(byte[] bytes, Map<Long, Object> kept) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte kind = in.get();
            long id = in.getLong();
            int fnLength = length(in);
            Object fn;
            if (fnLength == 0) {
                fn = kept.get(id);
                if (fn == null) {
                    throw new SerializationException("pool work names function " + id + ", which this worker does not keep");
                }
            } else {
                fn = Codec.deserialize(bytes, in.position(), fnLength);
                if (id != 0) {
                    // The parent's set of what this worker keeps follows the same rule (Encoded.bytes).
                    if (!kept.containsKey(id) && kept.size() >= CACHE_LIMIT) {
                        kept.clear();
                    }
                    kept.put(id, fn);
                }
            }
            in.position(in.position() + fnLength);
            Work work = switch (kind) {
                case CALL -> new Work.Call((Callable<?>) fn);
                case RUN -> new Work.Run((Runnable) fn);
                case APPLY1 -> new Work.Apply1((SerializableFunction<Object, Object>) fn, next(bytes, in));
                case APPLY2 -> new Work.Apply2((SerializableBiFunction<Object, Object, Object>) fn, next(bytes, in),
                        next(bytes, in));
                case MAP -> new Work.MapChunk((SerializableFunction<Object, Object>) fn, (List<Object>) next(bytes, in));
                case STAR -> new Work.StarChunk((SerializableBiFunction<Object, Object, Object>) fn,
                        (List<Object>) next(bytes, in), (List<Object>) next(bytes, in));
                default -> throw new SerializationException("unknown pool work kind " + kind);
            };
            if (in.hasRemaining()) {
                throw new SerializationException("pool work with " + in.remaining() + " bytes too many");
            }
            return work;
        } catch (java.nio.BufferUnderflowException | ClassCastException e) {
            throw new SerializationException("malformed pool work: " + e, e);
        }
    }

    /** @return a worker's empty function cache */
    static Map<Long, Object> newCache() {
        return new HashMap<>();
    }

    private static Object next(byte[] bytes, ByteBuffer in) {
        int n = length(in);
        Object value = Codec.deserialize(bytes, in.position(), n);
        in.position(in.position() + n);
        return value;
    }

    private static int length(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new SerializationException("malformed pool work: a part of " + n + " bytes where "
                    + in.remaining() + " remain");
        }
        return n;
    }
}
