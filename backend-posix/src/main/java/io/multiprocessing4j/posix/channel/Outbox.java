package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.FdPassing;
import io.multiprocessing4j.posix.ffi.PosixException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The sending side of an {@link FdChannel}'s socket: a native buffer for a frame's header and a
 * body small enough to ride with it (sent in one call, descriptors attached to it), while a
 * larger body goes from its Java array in calls of its own ({@link SocketIo}). Not thread-safe:
 * the channel's write lock guards it.
 *
 * <pre>
 *   buffer: [ length: 4, big-endian | tag: 1, if tagged | inline body, if it fits | free ]
 * </pre>
 */
final class Outbox {
    private static final ValueLayout.OfInt LENGTH = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int SEND_FLAGS = Descriptors.MSG_DONTWAIT | Descriptors.MSG_NOSIGNAL;

    private final int fd;
    private final int capacity;
    private final FdChannel channel;
    /** Allocated on first write, freed by the collector with the channel. */
    private MemorySegment buffer;

    /**
     * @param fd the socket
     * @param capacity the native buffer's size
     * @param channel the owner, whose {@link FdChannel#waitFor} waits while the socket is full
     */
    Outbox(int fd, int capacity, FdChannel channel) {
        this.fd = fd;
        this.capacity = capacity;
        this.channel = channel;
    }

    /**
     * Sends one frame, waiting while the socket is full.
     *
     * @param tag the first body byte, or -1 for an untagged frame
     * @throws ConnectionEOFException if the peer is gone
     * @throws IllegalStateException if the channel is closed while waiting
     * @throws io.multiprocessing4j.ProcessInterruptedException if interrupted while waiting
     */
    void send(int tag, byte[] data, int offset, int length, int[] fds) {
        int head = tag < 0 ? 4 : 5;
        if (buffer == null) {
            buffer = Arena.ofAuto().allocate(capacity);
        }
        buffer.set(LENGTH, 0, length + head - 4);
        if (tag >= 0) {
            buffer.set(ValueLayout.JAVA_BYTE, 4, (byte) tag);
        }
        // a small body rides with the header; a large one goes from its array, unstaged
        int inline = length <= capacity - head ? length : 0;
        MemorySegment.copy(data, offset, buffer, ValueLayout.JAVA_BYTE, head, inline);
        sendBuffer(head + inline, fds);
        for (int done = inline, round = 0; done < length; ) {
            int n;
            try {
                n = SocketIo.send(fd, data, offset + done, length - done);
            } catch (PosixException e) {
                throw peerGone(e);
            }
            if (n < 0) {
                channel.waitFor(Descriptors.POLLOUT, FdChannel.SLICE_MILLIS, "send", round++);
            } else {
                done += n;
            }
        }
    }

    private void sendBuffer(int total, int[] fds) {
        for (int done = 0, round = 0; done < total; ) {
            int n;
            try {
                n = done == 0 && fds.length > 0 ? FdPassing.send(fd, buffer.asSlice(0, total), fds, SEND_FLAGS)
                        : Descriptors.send(fd, buffer.asSlice(done, total - done), SEND_FLAGS);
            } catch (PosixException e) {
                throw peerGone(e);
            }
            if (n < 0) {
                channel.waitFor(Descriptors.POLLOUT, FdChannel.SLICE_MILLIS, "send", round++);
            } else {
                done += n;
            }
        }
    }

    private static RuntimeException peerGone(PosixException e) {
        if (e.errno() == Errno.EPIPE || e.errno() == Errno.ECONNRESET) {
            return new ConnectionEOFException("the other end is gone", e);
        }
        return e;
    }
}
