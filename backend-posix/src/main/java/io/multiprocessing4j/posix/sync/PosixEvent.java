package io.multiprocessing4j.posix.sync;

import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.shm.Words;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * Python's {@code Event}: one futex word, 0 clear and 1 set; waiters sleep while it is 0 and
 * {@link #set()} wakes them all.
 */
public final class PosixEvent implements SharedEvent {
    /** Bytes it uses. */
    public static final long SIZE = 4;
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRef ref;

    /** @param ref the shared object (zeroed: clear), at least {@value #SIZE} bytes */
    public PosixEvent(ShmRef ref) {
        this.ref = Objects.requireNonNull(ref, "ref");
    }

    @Override
    public void set() {
        MemorySegment s = ref.segment();
        if (Words.getAndSetInt(s, 0, 1) == 0) {
            Waiting.wakeAll(s, 0);
        }
    }

    @Override
    public void clear() {
        Words.setInt(ref.segment(), 0, 0);
    }

    @Override
    public boolean isSet() {
        return Words.getInt(ref.segment(), 0) != 0;
    }

    @Override
    public void await() {
        await(Long.MAX_VALUE);
    }

    @Override
    public boolean await(Duration timeout) {
        return await(Waiting.deadline(Checks.timeoutNanos(timeout)));
    }

    private boolean await(long deadline) {
        MemorySegment s = ref.segment();
        return Words.getInt(s, 0) != 0 || Waiting.awaitChange(s, 0, 0, deadline, "event " + ref);
    }

    @Override
    public String toString() {
        return "PosixEvent[" + ref + (isSet() ? ", set]" : ", clear]");
    }
}
