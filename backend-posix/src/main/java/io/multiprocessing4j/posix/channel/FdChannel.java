package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.PosixException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Messages over a connected stream socket descriptor (a {@code socketpair} end): each is a 4-byte
 * big-endian length and that many bytes, the framing of the SPI's
 * {@link io.multiprocessing4j.spi.channel.FramedChannel}, so a child's
 * {@code FramedChannel} on the inherited end and this on ours speak the same protocol.
 *
 * <p>Java cannot wrap a raw descriptor in a {@code SocketChannel}, hence this class. Every wait is
 * a {@code poll} of at most {@value #SLICE_MILLIS} ms, so interrupts are seen and nothing blocks
 * in the kernel for long (a virtual thread never blocks in the kernel: it looks and parks 1 ms, so
 * it does not pin its carrier); sends use {@code MSG_DONTWAIT|MSG_NOSIGNAL} (a vanished peer gives EPIPE,
 * not SIGPIPE). Reads are serialized among themselves, and so are writes. {@link #close()} waits
 * for the calls in progress to leave (at most a slice) before closing the descriptor, so that no
 * call ever touches a number the kernel has reused.
 */
public final class FdChannel implements AutoCloseable {
    static final int SLICE_MILLIS = 100;
    private static final int CHUNK = 64 * 1024;
    private static final long VIRTUAL_PARK_NANOS = 1_000_000;

    private final int fd;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final AtomicInteger active = new AtomicInteger();
    private byte[] pending = new byte[0];
    private int pendingStart;
    private volatile boolean closed;
    private volatile boolean eof;

    /** @param fd a connected stream socket, close-on-exec; this channel owns it */
    public FdChannel(int fd) {
        this.fd = fd;
    }

    /** @return the descriptor (to map into a child) */
    public int fd() {
        return fd;
    }

    /**
     * Writes one message.
     *
     * @param data the message
     * @param offset its start
     * @param length its length
     * @throws ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while the socket was full
     */
    public void write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(4L + length);
            buffer.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 0, length);
            MemorySegment.copy(data, offset, buffer, ValueLayout.JAVA_BYTE, 4, length);
            synchronized (writeLock) {
                long done = 0;
                while (done < buffer.byteSize()) {
                    int n;
                    try {
                        n = Descriptors.send(fd, buffer.asSlice(done),
                                Descriptors.MSG_DONTWAIT | Descriptors.MSG_NOSIGNAL);
                    } catch (PosixException e) {
                        if (e.errno() == Errno.EPIPE || e.errno() == Errno.ECONNRESET) {
                            throw new ConnectionEOFException("the other end is gone", e);
                        }
                        throw e;
                    }
                    if (n < 0) {
                        waitFor(Descriptors.POLLOUT, SLICE_MILLIS, "send");
                    } else {
                        done += n;
                    }
                }
            }
        } finally {
            leave();
        }
    }

    /**
     * Reads the next message.
     *
     * @param timeoutNanos longest wait for it to start; {@link Long#MAX_VALUE} for ever
     * @return the message, or null on timeout
     * @throws ConnectionEOFException at end of stream
     * @throws IllegalStateException if closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public byte[] read(long timeoutNanos) {
        enter();
        try {
            synchronized (readLock) {
                if (!awaitData(timeoutNanos)) {
                    return null;
                }
                int length = java.nio.ByteBuffer.wrap(take(4)).getInt();
                if (length < 0) {
                    throw new ConnectionEOFException("corrupt message length " + length);
                }
                return take(length);
            }
        } finally {
            leave();
        }
    }

    /**
     * @param timeoutNanos longest wait (0: just look)
     * @return whether a message or end of stream can be read without waiting for its first byte
     */
    public boolean poll(long timeoutNanos) {
        enter();
        try {
            synchronized (readLock) {
                return awaitData(timeoutNanos);
            }
        } finally {
            leave();
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the descriptor once calls in progress have left. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        while (active.get() > 0) {
            LockSupport.parkNanos(1_000_000);
        }
        Descriptors.close(fd);
    }

    private void enter() {
        active.incrementAndGet();
        if (closed) {
            active.decrementAndGet();
            throw new IllegalStateException("the connection is closed");
        }
    }

    private void leave() {
        active.decrementAndGet();
    }

    /** Waits until buffered bytes, new bytes or EOF are there. */
    private boolean awaitData(long timeoutNanos) {
        long start = System.nanoTime();
        while (pending.length - pendingStart == 0 && !eof) {
            long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - start);
            int slice = (int) Math.min(SLICE_MILLIS, Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)));
            if (left <= 0) {
                return readAvailable() || eof;
            }
            if (waitFor(Descriptors.POLLIN, slice == 0 ? 1 : slice, "receive")) {
                readAvailable();
            }
        }
        return true;
    }

    /** Reads what the socket holds now, without waiting. @return whether anything (or EOF) came */
    private boolean readAvailable() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(CHUNK);
            int n = Descriptors.recv(fd, buffer, Descriptors.MSG_DONTWAIT);
            if (n == 0) {
                eof = true;
                return true;
            }
            if (n < 0) {
                return false;
            }
            byte[] fresh = new byte[pending.length - pendingStart + n];
            System.arraycopy(pending, pendingStart, fresh, 0, pending.length - pendingStart);
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, fresh, pending.length - pendingStart, n);
            pending = fresh;
            pendingStart = 0;
            return true;
        } catch (PosixException e) {
            if (e.errno() == Errno.ECONNRESET) {
                eof = true;
                return true;
            }
            throw e;
        }
    }

    /** Takes {@code n} bytes, reading more as needed. */
    private byte[] take(int n) {
        while (pending.length - pendingStart < n) {
            if (eof) {
                throw new ConnectionEOFException(pending.length - pendingStart == 0
                        ? "end of stream: the other end is closed" : "the other end closed in the middle of a message");
            }
            if (waitFor(Descriptors.POLLIN, SLICE_MILLIS, "receive")) {
                readAvailable();
            }
        }
        byte[] out = new byte[n];
        System.arraycopy(pending, pendingStart, out, 0, n);
        pendingStart += n;
        if (pendingStart == pending.length) {
            pending = new byte[0];
            pendingStart = 0;
        }
        return out;
    }

    private boolean waitFor(short events, int millis, String what) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while waiting to " + what);
        }
        if (closed) {
            throw new IllegalStateException("the connection was closed while waiting to " + what);
        }
        if (Thread.currentThread().isVirtual()) {
            // poll(2) would pin the carrier for the whole slice: look, then park briefly instead.
            if (Descriptors.poll(fd, events, 0) != 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(millis), VIRTUAL_PARK_NANOS));
            return Descriptors.poll(fd, events, 0) != 0;
        }
        return Descriptors.poll(fd, events, millis) != 0;
    }
}
