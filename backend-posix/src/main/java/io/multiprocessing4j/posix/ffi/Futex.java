package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Cross-process futex wait and wake on a 4-byte aligned int, normally in a {@code MAP_SHARED}
 * mapping ({@link SharedMapping}). Shared futexes (no {@code FUTEX_PRIVATE_FLAG}) are keyed by
 * the backing file and offset, so two processes, or two mappings in one process, meet on the
 * same word even at different addresses.
 *
 * <p>The segment is passed to the kernel as a bare address, deliberately: a segment handed to a
 * downcall keeps its shared arena busy for the whole call, so a waiter blocked here would make
 * {@link SharedMapping#close()} fail. If the mapping is closed while a thread waits, the kernel
 * keeps that thread asleep until its timeout or a wake from another process (no memory is read
 * after the call starts); a call racing with the close fails with EFAULT, or, if the address
 * was reused meanwhile, sleeps until its timeout. Neither crashes the JVM.
 */
public final class Futex {
    /** What a wait ended with. */
    public enum WaitResult {
        /** Woken by {@link #wake}, or spuriously (e.g. a signal): recheck the word. */
        WOKEN,
        /** The timeout elapsed. */
        TIMED_OUT,
        /** The word did not hold the expected value when the wait began (EAGAIN). */
        VALUE_CHANGED
    }

    // <linux/futex.h>: the same on every architecture.
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;

    /**
     * {@code struct timespec} on LP64 Linux (x86_64 and aarch64), 16 bytes:
     * <pre>
     *   0: long tv_sec
     *   8: long tv_nsec   (0 .. 999 999 999)
     * </pre>
     * FUTEX_WAIT takes it as a relative timeout on CLOCK_MONOTONIC.
     */
    static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec"));
    private static final long TV_SEC = 0;
    private static final long TV_NSEC = 8;

    /**
     * {@code long syscall(long number, ...)} called as
     * {@code syscall(SYS_futex, int *uaddr, int op, int val, struct timespec *timeout, int *uaddr2, int val3)}.
     * Variadic from the second argument: on x86_64 the caller must set %al for a variadic call.
     */
    private static final MethodHandle SYSCALL_FUTEX = Ffi.downcallWithErrno("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(1));
    private static final long SYS_FUTEX = Platform.arch().sysFutex();

    private Futex() {}

    /**
     * Sleeps while the int at {@code offset} holds {@code expected}, until woken or timed out.
     * EINTR is retried with the time left. Blocks the carrier thread and ignores
     * {@link Thread#interrupt()}: wait in bounded slices where interruption matters.
     *
     * @param segment a native segment, normally a shared mapping
     * @param offset the int's offset, 4-byte aligned in absolute address terms
     * @param expected the value that means "keep sleeping"
     * @param timeoutNanos the longest wait; negative waits until woken
     * @return why the wait ended
     * @throws IllegalArgumentException if the int is misaligned, out of bounds or on the heap
     * @throws IllegalStateException if the segment's arena is closed (before or as the wait began)
     * @throws PosixException if the call fails
     */
    public static WaitResult wait(MemorySegment segment, long offset, int expected, long timeoutNanos) {
        MemorySegment word = address(segment, offset);
        long deadline = System.nanoTime() + timeoutNanos;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timespec = timeoutNanos < 0 ? MemorySegment.NULL : arena.allocate(TIMESPEC);
            MemorySegment state = Ffi.callState();
            while (true) {
                if (timeoutNanos >= 0) {
                    long left = Math.max(0, deadline - System.nanoTime());
                    timespec.set(JAVA_LONG, TV_SEC, left / 1_000_000_000L);
                    timespec.set(JAVA_LONG, TV_NSEC, left % 1_000_000_000L);
                }
                long result = (long) SYSCALL_FUTEX.invokeExact(state, SYS_FUTEX, word, FUTEX_WAIT, expected,
                        timespec, MemorySegment.NULL, 0);
                if (result == 0) {
                    return WaitResult.WOKEN;
                }
                int errno = Ffi.errno(state);
                switch (errno) {
                    case Errno.EAGAIN -> {
                        return WaitResult.VALUE_CHANGED;
                    }
                    case Errno.ETIMEDOUT -> {
                        return WaitResult.TIMED_OUT;
                    }
                    case Errno.EINTR -> {
                        // Retry with the time left, unless the mapping was closed meanwhile: its
                        // address may be gone or reused, and a spurious wake-up is allowed.
                        if (!segment.scope().isAlive()) {
                            return WaitResult.WOKEN;
                        }
                    }
                    case Errno.EFAULT -> throw segment.scope().isAlive()
                            ? failure(word, expected, timeoutNanos, errno)
                            : new IllegalStateException("futex segment's arena was closed as the wait began: " + segment);
                    default -> throw failure(word, expected, timeoutNanos, errno);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Wakes up to {@code count} processes or threads waiting on the int at {@code offset}.
     *
     * @param segment a native segment, normally a shared mapping
     * @param offset the int's offset, 4-byte aligned
     * @param count how many to wake at most ({@link Integer#MAX_VALUE}: all)
     * @return how many were woken
     * @throws IllegalArgumentException if the int is misaligned, out of bounds or on the heap, or count &lt; 1
     * @throws IllegalStateException if the segment's arena is closed
     * @throws PosixException if the call fails
     */
    public static int wake(MemorySegment segment, long offset, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("wake count must be at least 1: " + count);
        }
        MemorySegment word = address(segment, offset);
        try {
            MemorySegment state = Ffi.callState();
            long woken = (long) SYSCALL_FUTEX.invokeExact(state, SYS_FUTEX, word, FUTEX_WAKE, count,
                    MemorySegment.NULL, MemorySegment.NULL, 0);
            if (woken < 0) {
                throw new PosixException("futex", "futex(0x" + Long.toHexString(word.address())
                        + ", FUTEX_WAKE, " + count + ")", Ffi.errno(state));
            }
            return (int) woken;
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    private static PosixException failure(MemorySegment word, int expected, long timeoutNanos, int errno) {
        return new PosixException("futex", "futex(0x" + Long.toHexString(word.address())
                + ", FUTEX_WAIT, " + expected + ", " + timeoutNanos + " ns)", errno);
    }

    /** Validates the word and returns its address detached from the segment's arena (see class doc). */
    private static MemorySegment address(MemorySegment segment, long offset) {
        Objects.requireNonNull(segment, "segment");
        if (!segment.isNative()) {
            throw new IllegalArgumentException("futex word must be in native memory: " + segment);
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalStateException("futex segment's arena is closed: " + segment);
        }
        if (offset < 0 || offset > segment.byteSize() - Integer.BYTES) {
            throw new IllegalArgumentException("futex offset " + offset + " outside segment of "
                    + segment.byteSize() + " bytes");
        }
        long address = segment.address() + offset;
        if (address % Integer.BYTES != 0) {
            throw new IllegalArgumentException("futex word at 0x" + Long.toHexString(address) + " is not 4-byte aligned");
        }
        return MemorySegment.ofAddress(address);
    }
}
