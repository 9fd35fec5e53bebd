package io.multiprocessing4j.spi.channel;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.ProcessInterruptedException;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * Length-prefixed messages over a stream socket: each message is a 4-byte big-endian length and
 * that many bytes. The socket runs non-blocking under two selectors (one per direction), so that
 * reads can wait with a timeout, {@link #poll} can look without consuming, and an interrupt wakes a
 * waiting thread without closing the socket (a blocking NIO read would close it).
 *
 * <p>Reads are serialized among themselves, and so are writes; a read and a write may run at once.
 */
public final class FramedChannel implements AutoCloseable {
    private static final int INBOX = 64 * 1024;
    private static final byte[] NO_BYTES = new byte[0];
    /**
     * Asked-for send buffer: larger than the default 208 KiB, so that a sender of large messages
     * (and a pipe broker relaying them) runs further ahead of its reader before it must wait;
     * measured +15-300% on a forkjvm pipe's 64 KiB recv_bytes on a loaded machine. Kernel memory
     * is used only while bytes are in flight.
     */
    private static final int SEND_BUFFER = 512 * 1024;
    /**
     * How long a platform thread reads without waiting before it sleeps in its selector (0 on a
     * one-CPU machine): in a ping-pong the answer usually comes within microseconds, while a sleeping thread
     * costs the scheduler's wake-up latency. Adaptive: see {@link SpinPolicy}.
     */
    private static final long SPIN_NANOS = SpinPolicy.SEVERAL_CPUS ? 30_000 : 0;

    private final SocketChannel channel;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final ByteBuffer inbox = ByteBuffer.allocate(INBOX).flip();
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile boolean eof;
    private volatile boolean closed;
    /** When reads spin; guarded by readLock. */
    private final SpinPolicy spinPolicy = new SpinPolicy();

    /**
     * Takes over a connected socket.
     *
     * @param channel the socket (switched to non-blocking mode here)
     * @throws java.io.UncheckedIOException if the selectors cannot be opened
     */
    public FramedChannel(SocketChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
        try {
            channel.configureBlocking(false);
            try {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER);
            } catch (IOException | UnsupportedOperationException e) {
                // a hint only: the default buffer works, just with more waits
            }
            readSelector = Selector.open();
            writeSelector = Selector.open();
            channel.register(readSelector, SelectionKey.OP_READ);
            channel.register(writeSelector, SelectionKey.OP_WRITE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot set up a framed channel", e);
        }
    }

    /**
     * Writes one message.
     *
     * @param data the buffer
     * @param offset the message's start
     * @param length its length
     * @throws ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if this channel is closed
     * @throws ProcessInterruptedException if interrupted while the socket's buffer was full
     */
    public void write(byte[] data, int offset, int length) {
        writePrefixed(NO_BYTES, data, offset, length);
    }

    /**
     * Writes one message made of {@code prefix} and then a slice of {@code data}, without first
     * copying them together (a gathering write).
     *
     * @param prefix the message's first bytes
     * @param data the buffer holding the rest
     * @param offset the rest's start
     * @param length its length
     * @throws ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if this channel is closed
     * @throws IllegalArgumentException if the message would exceed {@code Integer.MAX_VALUE} bytes
     * @throws ProcessInterruptedException if interrupted while the socket's buffer was full
     */
    public void writePrefixed(byte[] prefix, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if ((long) prefix.length + length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a message of " + ((long) prefix.length + length) + " bytes");
        }
        ByteBuffer header = ByteBuffer.allocate(4).putInt(prefix.length + length).flip();
        ByteBuffer body = ByteBuffer.wrap(data, offset, length);
        ByteBuffer[] all = {header, ByteBuffer.wrap(prefix), body};
        synchronized (writeLock) {
            try {
                while (body.hasRemaining() || all[1].hasRemaining() || header.hasRemaining()) {
                    checkInterrupt("send");
                    if (channel.write(all) == 0) {
                        writeSelector.select(100);
                        writeSelector.selectedKeys().clear();
                    }
                }
            } catch (ClosedChannelException | java.nio.channels.ClosedSelectorException e) {
                throw closedOr(new ConnectionEOFException("the connection is closed", e));
            } catch (IOException e) {
                throw new ConnectionEOFException("the other end is gone: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads the next message.
     *
     * @param timeoutNanos the longest wait for its first byte; {@link Long#MAX_VALUE} for ever
     * @return the message, or null if none started arriving in time
     * @throws ConnectionEOFException at end of stream
     * @throws IllegalStateException if this channel is closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public byte[] read(long timeoutNanos) {
        synchronized (readLock) {
            if (!awaitReadable(timeoutNanos)) {
                return null;
            }
            fill(4, Long.MAX_VALUE);
            int length = inbox.getInt();
            if (length < 0) {
                throw new ConnectionEOFException("corrupt message length " + length);
            }
            byte[] message = new byte[length];
            int fromInbox = Math.min(length, inbox.remaining());
            inbox.get(message, 0, fromInbox);
            ByteBuffer rest = ByteBuffer.wrap(message, fromInbox, length - fromInbox);
            while (rest.hasRemaining()) {
                if (readSome(rest, Long.MAX_VALUE) < 0) {
                    throw new ConnectionEOFException("the other end closed in the middle of a message");
                }
            }
            return message;
        }
    }

    /**
     * Reads the next message, refusing one longer than {@code maxLength} (used before the peer is
     * authenticated, so it cannot make us allocate).
     *
     * @param timeoutNanos the longest wait
     * @param maxLength the largest acceptable length
     * @return the message, or null on timeout
     * @throws ConnectionEOFException at end of stream or if the message is too long
     */
    byte[] readLimited(long timeoutNanos, int maxLength) {
        synchronized (readLock) {
            long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
            if (!awaitReadable(timeoutNanos)) {
                return null;
            }
            fill(4, deadline);
            int length = inbox.getInt(inbox.position());
            if (length < 0 || length > maxLength) {
                throw new ConnectionEOFException("unexpected message of " + length + " bytes before authentication");
            }
            fill(4 + length, deadline);
            inbox.getInt();
            byte[] message = new byte[length];
            inbox.get(message);
            return message;
        }
    }

    /**
     * Says whether a message (or end of stream) can be read, waiting at most {@code timeoutNanos}.
     *
     * @param timeoutNanos the longest wait (0 to only look)
     * @return whether a read would not wait for its first byte
     * @throws IllegalStateException if this channel is closed
     * @throws ProcessInterruptedException if interrupted while waiting
     */
    public boolean poll(long timeoutNanos) {
        synchronized (readLock) {
            return awaitReadable(timeoutNanos);
        }
    }

    /**
     * Registers the socket for reading with another selector too, so that one thread can wait for
     * several channels; after it reports this one, drain it with {@link #poll}{@code (0)} and
     * {@link #read}.
     *
     * @param selector the selector
     * @param attachment the key's attachment
     * @return the key
     * @throws IllegalStateException if this channel is closed
     */
    public SelectionKey registerForReading(Selector selector, Object attachment) {
        try {
            return channel.register(selector, SelectionKey.OP_READ, attachment);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("the connection is closed", e);
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** Shuts down the sending direction: the peer sees end of stream after what was sent. */
    public void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // already gone: nothing to shut
        }
    }

    /** Closes the socket; a thread waiting in {@link #read} gets {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        closed = true;
        readSelector.wakeup();
        writeSelector.wakeup();
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
        synchronized (readLock) {
            closeQuietly(readSelector);
        }
        synchronized (writeLock) {
            closeQuietly(writeSelector);
        }
    }

    private boolean awaitReadable(long timeoutNanos) {
        if (inbox.hasRemaining() || eof) {
            return true;
        }
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        while (true) {
            inbox.compact();
            int n;
            try {
                checkInterrupt("receive");
                n = channel.read(inbox);
            } catch (ClosedChannelException e) {
                throw closedOr(new ConnectionEOFException("the connection is closed", e));
            } catch (IOException e) {
                n = -1;
            } finally {
                inbox.flip();
            }
            if (n < 0) {
                eof = true;
                return true;
            }
            if (n > 0) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            select(left);
        }
    }

    private void fill(int need, long deadline) {
        while (inbox.remaining() < need) {
            if (eof) {
                throw new ConnectionEOFException("the other end closed the connection");
            }
            inbox.compact();
            int n;
            try {
                checkInterrupt("receive");
                n = channel.read(inbox);
            } catch (ClosedChannelException e) {
                throw closedOr(new ConnectionEOFException("the connection is closed", e));
            } catch (IOException e) {
                n = -1;
            } finally {
                inbox.flip();
            }
            if (n < 0) {
                eof = true;
            } else if (n == 0) {
                select(remaining(deadline));
            }
        }
    }

    private static long remaining(long deadline) {
        if (deadline == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ConnectionEOFException("the peer stopped in the middle of a message");
        }
        return left;
    }

    private int readSome(ByteBuffer dst, long deadline) {
        while (true) {
            int n;
            try {
                checkInterrupt("receive");
                n = channel.read(dst);
            } catch (ClosedChannelException e) {
                throw closedOr(new ConnectionEOFException("the connection is closed", e));
            } catch (IOException e) {
                n = -1;
            }
            if (n != 0) {
                return n;
            }
            select(remaining(deadline));
        }
    }

    private void select(long nanos) {
        try {
            if (spinFirst() && spin(nanos)) {
                return;
            }
            long millis = Math.max(1, Math.min(nanos / 1_000_000, 200));
            readSelector.select(millis);
            readSelector.selectedKeys().clear();
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            throw new IllegalStateException("the connection is closed", e);
        }
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    private boolean spinFirst() {
        return SPIN_NANOS > 0 && !Thread.currentThread().isVirtual() && spinPolicy.shouldSpin();
    }

    /** Looks for readable bytes for up to {@link #SPIN_NANOS} (at most {@code nanos}). @return whether some came */
    private boolean spin(long nanos) throws IOException {
        long end = System.nanoTime() + Math.min(SPIN_NANOS, nanos);
        do {
            if (readSelector.selectNow() > 0) {
                readSelector.selectedKeys().clear();
                spinPolicy.hit();
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - end < 0);
        spinPolicy.miss();
        return false;
    }

    private RuntimeException closedOr(RuntimeException other) {
        return closed ? new IllegalStateException("the connection is closed") : other;
    }

    private static void checkInterrupt(String what) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while waiting to " + what);
        }
    }

    private static void closeQuietly(Selector s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }
}
