package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.shm.Words;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * Python's {@code Semaphore} and {@code BoundedSemaphore} on a futex word.
 *
 * <pre>
 *   0: int value     free permits (the futex word: waiters sleep while it is 0)
 *   4: int sleepers  processes/threads that may be asleep on value (only to skip needless wakes)
 *   8: int max       the bound, or -1 when unbounded
 * </pre>
 *
 * A waiter announces itself in {@code sleepers} before it re-reads {@code value} and sleeps on 0; a
 * releaser increments {@code value} before it reads {@code sleepers}. Both are sequentially
 * consistent, so either the waiter sees the permit or the releaser sees the waiter: no lost
 * wake-up. A sleeper killed while asleep leaves {@code sleepers} too high, which costs only a
 * needless wake call. A permit held by a killed process is lost, as in Python.
 */
public final class PosixSemaphore implements SharedSemaphore {
    /** Bytes it uses. */
    public static final long SIZE = 12;
    @Serial
    private static final long serialVersionUID = 1L;
    private static final long VALUE = 0;
    private static final long SLEEPERS = 4;
    private static final long MAX = 8;

    private final ShmRef ref;
    /**
     * This handle's adaptive spin and yield ({@link Backoff}); made on the first wait that finds no
     * permit, so the uncontended path allocates nothing, and after deserialisation (so each process
     * has its own). A racy first use may make two; one is kept, which only forgets a hit or miss.
     */
    private transient Backoff backoff;

    private PosixSemaphore(ShmRef ref) {
        this.ref = ref;
    }

    /**
     * Initialises a semaphore in fresh (zeroed) shared memory.
     *
     * @param ref the shared object, at least {@value #SIZE} bytes
     * @param value the initial permits
     * @param bounded whether release past {@code value} is refused
     * @return the handle
     */
    public static PosixSemaphore create(ShmRef ref, int value, boolean bounded) {
        MemorySegment s = Objects.requireNonNull(ref, "ref").segment();
        Words.setInt(s, MAX, bounded ? value : -1);
        Words.setInt(s, VALUE, value);
        return new PosixSemaphore(ref);
    }

    @Override
    public void acquire() {
        acquire(Long.MAX_VALUE);
    }

    @Override
    public boolean acquire(Duration timeout) {
        return acquire(Waiting.deadline(Checks.timeoutNanos(timeout)));
    }

    private boolean acquire(long deadline) {
        MemorySegment s = ref.segment();
        if (tryTake(s)) {
            return true;
        }
        // Spin and yield before announcing a sleeper: while we do, a releaser sees no sleeper and
        // skips its FUTEX_WAKE (see Backoff for when each pays off).
        if (Waiting.remaining(deadline) > 0 && backoff().awaitBriefly(s, VALUE, 0) && tryTake(s)) {
            return true;
        }
        Words.getAndAddInt(s, SLEEPERS, 1);
        try {
            while (!tryTake(s)) {
                // "what" is this: no string built per sleep (toString() runs for a message only)
                if (!Waiting.sleep(s, VALUE, 0, deadline, this)) {
                    return false;
                }
            }
            return true;
        } finally {
            Words.getAndAddInt(s, SLEEPERS, -1);
        }
    }

    /** @return this handle's {@link Backoff}, made on first use */
    Backoff backoff() {
        Backoff b = backoff;
        if (b == null) {
            b = new Backoff();
            backoff = b;
        }
        return b;
    }

    private static boolean tryTake(MemorySegment s) {
        while (true) {
            int v = Words.getInt(s, VALUE);
            if (v <= 0) {
                return false;
            }
            if (Words.casInt(s, VALUE, v, v - 1)) {
                return true;
            }
        }
    }

    @Override
    public void release() {
        MemorySegment s = ref.segment();
        int max = Words.getInt(s, MAX);
        while (true) {
            int v = Words.getInt(s, VALUE);
            if (max >= 0 && v >= max) {
                throw new IllegalStateException("bounded semaphore " + ref + " released too many times (value "
                        + v + " is already its bound " + max + ")");
            }
            if (v == Integer.MAX_VALUE) {
                throw new IllegalStateException("semaphore " + ref + " value would overflow");
            }
            if (Words.casInt(s, VALUE, v, v + 1)) {
                break;
            }
        }
        if (Words.getInt(s, SLEEPERS) > 0) {
            Waiting.wakeOne(s, VALUE);
        }
    }

    @Override
    public int value() {
        return Words.getInt(ref.segment(), VALUE);
    }

    @Override
    public boolean bounded() {
        return Words.getInt(ref.segment(), MAX) >= 0;
    }

    @Override
    public String toString() {
        return "PosixSemaphore[" + ref + ", value=" + value() + (bounded() ? ", bounded]" : "]");
    }
}
