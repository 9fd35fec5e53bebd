package io.multiprocessing4j.spi.pool;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.spi.remote.RemoteFailure;
import io.multiprocessing4j.spi.serialization.Codec;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The messages between the pool and a worker, over the worker's own pipe. Where the backend
 * serializes, they travel as frames, not as serialized records: the task and its results are
 * already bytes, and wrapping bytes in another serialized object cost both sides a serialization
 * round trip per task (about a third of a warm worker's time per short task, and more while its
 * JVM is cold). A frame:
 * <pre>
 *   offset 0   1          9
 *          +------+----------+-----------------------------+
 *          | kind | task id  | payload (the rest)          |
 *          +------+----------+-----------------------------+
 *            1 B    8 B, big-endian
 * </pre>
 * The payload is the {@link WorkCodec encoded} {@link Work} (RUN), the encoded result list (DONE), or the encoded
 * {@link RemoteFailure} (FAILED, INIT_FAILED); STOP and READY have none. A BATCH (task id 0)
 * carries several RUN frames for one worker, sent in one go: an int32 count, then per frame an
 * int32 length and the frame.
 */
final class Messages {
    private static final byte RUN = 1;
    private static final byte STOP = 2;
    private static final byte DONE = 3;
    private static final byte FAILED = 4;
    private static final byte READY = 5;
    private static final byte INIT_FAILED = 6;
    private static final byte BATCH = 7;
    private static final int HEADER = 9;

    private Messages() {
    }

    /** Parent to worker: run this. {@code work} is the encoded {@link Work} when {@code encoded}, else the object. */
    record RunTask(long taskId, boolean encoded, Object work) implements Serializable {
    }

    /** Parent to worker: run these, in order (they came in one BATCH frame). */
    record Batch(List<RunTask> tasks) implements Serializable {
    }

    /** Parent to worker: finish and exit. */
    record Stop() implements Serializable {
    }

    /** Worker to parent: the results, encoded when the backend serializes. */
    record TaskDone(long taskId, Object results) implements Serializable {
    }

    /** Worker to parent: the task threw. */
    record TaskFailed(long taskId, RemoteFailure failure) implements Serializable {
    }

    /** Worker to parent: the initializer (if any) ran; tasks may come. */
    record Ready() implements Serializable {
    }

    /** Worker to parent: the initializer threw; the worker exits. */
    record InitFailed(RemoteFailure failure) implements Serializable {
    }

    /**
     * Sends a message: as a frame when {@code encoded}, else as the object itself.
     *
     * @param conn the pipe
     * @param encoded whether the backend serializes (then task and results are bytes)
     * @param message one of the records above
     */
    static void send(Connection conn, boolean encoded, Object message) {
        if (!encoded) {
            conn.send(message);
            return;
        }
        byte[] frame = switch (message) {
            case RunTask r -> throw new IllegalArgumentException("encoded work goes through sendRun");
            case Batch b -> throw new IllegalArgumentException("encoded work goes through sendRun");
            case Stop s -> frame(STOP, 0, null);
            case TaskDone d -> frame(DONE, d.taskId(), (byte[]) d.results());
            case TaskFailed f -> frame(FAILED, f.taskId(), Codec.serialize(f.failure()));
            case Ready r -> frame(READY, 0, null);
            case InitFailed f -> frame(INIT_FAILED, 0, Codec.serialize(f.failure()));
            default -> throw new IllegalArgumentException("not a pool message: " + message);
        };
        conn.sendBytes(frame);
    }

    /**
     * Sends encoded chunks to a worker in one message: a RUN frame for one, else a BATCH frame
     * holding their RUN frames.
     *
     * @param conn the worker's pipe
     * @param chunks the chunks (encoded)
     * @param sent the ids of the functions the worker keeps (see {@link WorkCodec.Encoded#bytes})
     */
    static void sendRun(Connection conn, List<Chunk> chunks, Set<Long> sent) {
        if (chunks.size() == 1) {
            conn.sendBytes(runFrame(chunks.get(0), sent));
            return;
        }
        byte[][] frames = new byte[chunks.size()][];
        int size = HEADER + 4;
        for (int i = 0; i < frames.length; i++) {
            frames[i] = runFrame(chunks.get(i), sent);
            size += 4 + frames[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(BATCH).putLong(0).putInt(frames.length);
        for (byte[] f : frames) {
            out.putInt(f.length).put(f);
        }
        conn.sendBytes(out.array());
    }

    private static byte[] runFrame(Chunk chunk, Set<Long> sent) {
        byte[] frame = ((WorkCodec.Encoded) chunk.work()).bytes(HEADER, sent);
        ByteBuffer.wrap(frame).put(RUN).putLong(chunk.taskId());
        return frame;
    }

    /**
     * Receives a message sent by {@link #send} or {@link #sendRun}.
     *
     * @param conn the pipe
     * @param encoded whether the backend serializes
     * @return one of the records above
     * @throws IllegalStateException if a frame is malformed (besides what {@code recv} throws)
     */
    static Object recv(Connection conn, boolean encoded) {
        if (!encoded) {
            return conn.recv();
        }
        return decode(conn.recvBytes());
    }

    /** Decodes one frame (see the class comment). @throws IllegalStateException if it is malformed */
    static Object decode(byte[] frame) {
        if (frame.length < HEADER) {
            throw new IllegalStateException("a pool message of " + frame.length + " bytes is too short");
        }
        long id = ByteBuffer.wrap(frame, 1, 8).getLong();
        byte[] payload = Arrays.copyOfRange(frame, HEADER, frame.length);
        return switch (frame[0]) {
            case RUN -> new RunTask(id, true, payload);
            case STOP -> new Stop();
            case DONE -> new TaskDone(id, payload);
            case FAILED -> new TaskFailed(id, (RemoteFailure) Codec.deserialize(payload));
            case READY -> new Ready();
            case INIT_FAILED -> new InitFailed((RemoteFailure) Codec.deserialize(payload));
            case BATCH -> batch(payload);
            default -> throw new IllegalStateException("unknown pool message kind " + frame[0]);
        };
    }

    private static Batch batch(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            int n = in.getInt();
            if (n < 2 || n > payload.length / (4 + HEADER)) {
                throw new IllegalStateException("a pool batch of " + n + " tasks in " + payload.length + " bytes");
            }
            List<RunTask> tasks = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int length = in.getInt();
                if (length < HEADER || length > in.remaining()) {
                    throw new IllegalStateException("a pool batch part of " + length + " bytes where "
                            + in.remaining() + " remain");
                }
                byte[] part = new byte[length];
                in.get(part);
                if (!(decode(part) instanceof RunTask task)) {
                    throw new IllegalStateException("a pool batch holds a message that is not a task");
                }
                tasks.add(task);
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException("a pool batch with " + in.remaining() + " bytes too many");
            }
            return new Batch(List.copyOf(tasks));
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalStateException("a truncated pool batch", e);
        }
    }

    private static byte[] frame(byte kind, long id, byte[] payload) {
        int n = payload == null ? 0 : payload.length;
        byte[] frame = new byte[HEADER + n];
        ByteBuffer.wrap(frame).put(kind).putLong(id);
        if (n > 0) {
            System.arraycopy(payload, 0, frame, HEADER, n);
        }
        return frame;
    }
}
