package io.multiprocessing4j.benchmarks.jmh;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedMutex;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The code benchmark children run, mirroring the Python baseline's child functions one for one.
 * Each announces {@link Children#READY} on its control connection once set up, then serves
 * commands until it receives null.
 */
public final class Workers {
    /** What a producer puts after each burst, as the baseline's {@code None} (queues refuse null). */
    public static final String END = "end";
    /** The reply of a worker that finished a command. */
    public static final String DONE = "done";
    /**
     * The longest a ping-pong side waits for its partner: a lost wake-up must fail the benchmark
     * with a message, not hang the run.
     */
    public static final java.time.Duration STALL = java.time.Duration.ofSeconds(10);

    private Workers() {
    }

    /**
     * The pool task: returns its argument.
     *
     * @param x the argument
     * @return {@code x}
     */
    public static Integer identity(Integer x) {
        return x;
    }

    /** A process target that does nothing. */
    public static void noop() {
        // the point is the process around it
    }

    /**
     * Sends {@link System#nanoTime()} at once (CLOCK_MONOTONIC, comparable across processes on
     * Linux), as the baseline's {@code _first_instruction}.
     *
     * @param end where to send it
     */
    public static void firstInstruction(Connection end) {
        long t = System.nanoTime();
        end.send(t);
        end.close();
    }

    /**
     * @param what who waited for what
     * @param round the round trip it stalled in
     * @return the error a stalled ping-pong fails with
     */
    public static IllegalStateException stalled(String what, int round) {
        return new IllegalStateException("ping-pong stalled: " + what + " within " + STALL.toSeconds()
                + " s in round trip " + round + " (a lost wake-up?)");
    }

    /**
     * Puts bursts into a queue: {@code items} ints (or {@code bytes}-long arrays), then {@link #END}.
     *
     * @param job the queue and control connection
     */
    public static void queueProducer(Jobs.Producer job) {
        job.ctl().send(Children.READY);
        while (true) {
            int[] cmd = job.ctl().recv();
            if (cmd == null) {
                break;
            }
            int n = cmd[0];
            int size = cmd[1];
            if (size == 0) {
                for (int i = 0; i < n; i++) {
                    job.queue().put(i);
                }
            } else {
                byte[] payload = new byte[size];
                java.util.Arrays.fill(payload, (byte) 1);
                for (int i = 0; i < n; i++) {
                    job.queue().put(payload);
                }
            }
            job.queue().put(END);
        }
    }

    /**
     * Echoes every object back until null, as the baseline's {@code _echo}.
     *
     * @param job the pipe end and placement
     */
    public static void echo(Jobs.Echo job) {
        job.pin().applyInChild();
        Connection c = job.end();
        while (true) {
            Object x = c.recv();
            if (x == null) {
                break;
            }
            c.send(x);
        }
    }

    /**
     * Sends bursts of byte chunks: commands {@code int[]{chunks, bytes}}.
     *
     * @param ctl the pipe end, commands and data alike
     */
    public static void pipeSender(Connection ctl) {
        ctl.send(Children.READY);
        while (true) {
            int[] cmd = ctl.recv();
            if (cmd == null) {
                break;
            }
            byte[] chunk = new byte[cmd[1]];
            java.util.Arrays.fill(chunk, (byte) 1);
            for (int i = 0; i < cmd[0]; i++) {
                ctl.sendBytes(chunk);
            }
        }
    }

    /**
     * {@code lock.acquire(); value += 1; lock.release()} n times per command.
     *
     * @param job the lock, raw value and control connection
     */
    public static void lockWorker(Jobs.LockWorker job) {
        job.ctl().send(Children.READY);
        while (true) {
            Integer n = job.ctl().recv();
            if (n == null) {
                break;
            }
            for (int i = 0; i < n; i++) {
                job.lock().acquire();
                job.value().setInt(job.value().getInt() + 1);
                job.lock().release();
            }
            job.ctl().send(DONE);
        }
    }

    /**
     * {@code with v.get_lock(): v.value += 1} n times per command.
     *
     * @param job the value and control connection
     */
    public static void valueWorker(Jobs.ValueWorker job) {
        SharedMutex lock = job.value().getLock();
        job.ctl().send(Children.READY);
        while (true) {
            Integer n = job.ctl().recv();
            if (n == null) {
                break;
            }
            for (int i = 0; i < n; i++) {
                try (var held = lock.held()) {
                    job.value().setInt(job.value().getInt() + 1);
                }
            }
            job.ctl().send(DONE);
        }
    }

    /**
     * Copies a whole source (all 1s or all 2s, built before {@code ready}) into the shared array
     * under its lock, and replies the copy's nanoseconds, as the baseline's {@code _array_writer}.
     *
     * @param job the array and control connection
     */
    public static void arrayWriter(Jobs.ArrayWriter job) {
        SharedArray arr = job.array();
        MemorySegment dst = arr.segment();
        long size = dst.byteSize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ones = arena.allocate(size).fill((byte) 1);
            MemorySegment twos = arena.allocate(size).fill((byte) 2);
            SharedMutex lock = arr.getLock();
            job.ctl().send(Children.READY);
            while (true) {
                Integer fill = job.ctl().recv();
                if (fill == null) {
                    break;
                }
                MemorySegment src = fill == 1 ? ones : twos;
                long t0 = System.nanoTime();
                try (var held = lock.held()) {
                    MemorySegment.copy(src, 0, dst, 0, size);
                }
                long t1 = System.nanoTime();
                job.ctl().send(t1 - t0);
            }
        }
    }

    /**
     * {@code d[k] = i; d[k]} for 64 keys, n times per command, timed in the child.
     *
     * @param job the dict proxy and control connection
     */
    public static void dictWorker(Jobs.DictWorker job) {
        var d = job.dict();
        d.put("warm", 1);
        d.get("warm");
        job.ctl().send(Children.READY);
        while (true) {
            Integer n = job.ctl().recv();
            if (n == null) {
                break;
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Integer k = i & 63;
                d.put(k, i);
                d.get(k);
            }
            job.ctl().send(System.nanoTime() - t0);
        }
    }

    /**
     * {@code e1.wait(); e1.clear(); e2.set()} n times per command.
     *
     * @param job the events, control connection and placement
     */
    public static void eventEcho(Jobs.EventEcho job) {
        job.pin().applyInChild();
        job.ctl().send(Children.READY);
        while (true) {
            Integer n = job.ctl().recv();
            if (n == null) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (!job.e1().await(STALL)) {
                    throw stalled("child: e1 not set", i);
                }
                job.e1().clear();
                job.e2().set();
            }
        }
    }

    /**
     * {@code s1.acquire(); s2.release()} n times per command.
     *
     * @param job the semaphores, control connection and placement
     */
    public static void semEcho(Jobs.SemEcho job) {
        job.pin().applyInChild();
        job.ctl().send(Children.READY);
        while (true) {
            Integer n = job.ctl().recv();
            if (n == null) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (!job.s1().acquire(STALL)) {
                    throw stalled("child: s1 not released", i);
                }
                job.s2().release();
            }
        }
    }
}
