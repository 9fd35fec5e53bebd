package io.multiprocessing4j.posix.channel;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.Ffi;
import io.multiprocessing4j.posix.ffi.PosixException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Socket calls the channel needs beyond {@code posix/ffi}: the send buffer's size, and
 * non-blocking {@code send}/{@code recv} straight from and into a Java {@code byte[]}: the kernel
 * copies between the socket and the array, with no native staging buffer and no extra copy.
 *
 * <p>The send and receive handles are <em>critical</em> ({@link Linker.Option#critical(boolean)} with heap access):
 * the JVM passes the array's address and holds off the garbage collector for the call's length.
 * That is safe only for calls that return at once, so every call here uses {@code MSG_DONTWAIT}
 * and moves at most {@value #MAX_CALL} bytes (a few microseconds of copying).
 */
final class SocketIo {
    /** Most bytes one call moves, so that the collector is never held off for long. */
    static final int MAX_CALL = 256 * 1024;

    private static final MethodHandle SEND = Ffi.downcallWithErrno("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), Linker.Option.critical(true));
    private static final MethodHandle RECV = Ffi.downcallWithErrno("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), Linker.Option.critical(true));

    // <sys/socket.h>, the same on x86_64 and aarch64
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final MethodHandle SETSOCKOPT = Ffi.downcallWithErrno("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

    private SocketIo() {
    }

    /**
     * Sets a socket's send buffer ({@code SO_SNDBUF}; the kernel doubles the value for its
     * bookkeeping and caps it at {@code net.core.wmem_max}, silently).
     *
     * @param fd the socket
     * @param bytes the size asked for
     * @throws PosixException if the call fails
     */
    static void setSendBuffer(int fd, int bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocateFrom(JAVA_INT, bytes);
            MemorySegment state = Ffi.callState();
            if ((int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_SNDBUF, value, 4) != 0) {
                throw new PosixException("setsockopt", "setsockopt(" + fd + ", SO_SNDBUF, " + bytes + ")",
                        Ffi.errno(state));
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Sends part of an array without waiting ({@code MSG_DONTWAIT|MSG_NOSIGNAL}), retrying EINTR.
     *
     * @return bytes sent, or -1 if the socket is full
     * @throws PosixException on any other error (EPIPE, ECONNRESET: the peer is gone)
     */
    static int send(int fd, byte[] data, int offset, int length) {
        return transfer(SEND, "send", fd, data, offset, length, Descriptors.MSG_DONTWAIT | Descriptors.MSG_NOSIGNAL);
    }

    /**
     * Receives into part of an array without waiting; reads at most {@code length} bytes, so it
     * never touches the bytes (or descriptors) of a later message.
     *
     * @return bytes received, 0 at end of stream, or -1 if nothing is there
     * @throws PosixException on any other error
     */
    static int recv(int fd, byte[] data, int offset, int length) {
        return transfer(RECV, "recv", fd, data, offset, length, Descriptors.MSG_DONTWAIT);
    }

    private static int transfer(MethodHandle handle, String function, int fd, byte[] data, int offset, int length,
            int flags) {
        MemorySegment bytes = MemorySegment.ofArray(data).asSlice(offset, Math.min(length, MAX_CALL));
        MemorySegment state = Ffi.callState();
        try {
            while (true) {
                long n = (long) handle.invokeExact(state, fd, bytes, bytes.byteSize(), flags);
                if (n >= 0) {
                    return (int) n;
                }
                int errno = Ffi.errno(state);
                if (errno == Errno.EAGAIN) {
                    return -1;
                }
                if (errno != Errno.EINTR) {
                    throw new PosixException(function, function + "(" + fd + ", byte[], " + bytes.byteSize() + ")",
                            errno);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }
}
