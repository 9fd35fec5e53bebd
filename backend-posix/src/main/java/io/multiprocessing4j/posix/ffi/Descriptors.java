package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * File descriptors: {@code socketpair}, {@code pipe2}, {@code close}, {@code fcntl}, {@code poll},
 * {@code read}, {@code write}, {@code send}, {@code recv}. Interrupted calls (EINTR) are retried,
 * except {@code close}.
 *
 * <p>Create every descriptor with {@code SOCK_CLOEXEC}/{@code O_CLOEXEC}: another thread may spawn
 * a child at any moment, and a descriptor without the flag leaks into it. Clear the flag only on
 * the descriptor meant for a child, or better let {@link Spawn} map it.
 */
public final class Descriptors {
    // <sys/socket.h>, <fcntl.h>, <poll.h>: the same on x86_64 and aarch64.
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_NONBLOCK = 04000;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;
    public static final int MSG_PEEK = 0x02;
    public static final int MSG_DONTWAIT = 0x40;
    /** Report EPIPE instead of raising SIGPIPE when the peer has gone. */
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int FD_CLOEXEC = 1;
    public static final short POLLIN = 0x01;
    public static final short POLLPRI = 0x02;
    public static final short POLLOUT = 0x04;
    public static final short POLLERR = 0x08;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    /**
     * {@code struct pollfd}, 8 bytes on every Linux ABI:
     * <pre>
     *   0: int   fd
     *   4: short events
     *   6: short revents
     * </pre>
     */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    private static final long POLLFD_FD = 0;
    private static final long POLLFD_EVENTS = 4;
    private static final long POLLFD_REVENTS = 6;

    private static final MethodHandle SOCKETPAIR = Ffi.downcallWithErrno("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle PIPE2 = Ffi.downcallWithErrno("pipe2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = Ffi.downcallWithErrno("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** {@code int fcntl(int fd, int cmd, ...)}: variadic from the third argument on. */
    private static final MethodHandle FCNTL = Ffi.downcallWithErrno("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle POLL = Ffi.downcallWithErrno("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle READ = Ffi.downcallWithErrno("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = Ffi.downcallWithErrno("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle SEND = Ffi.downcallWithErrno("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV = Ffi.downcallWithErrno("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private Descriptors() {}

    /**
     * Creates a connected pair of Unix-domain sockets.
     *
     * @param type {@code SOCK_STREAM} etc., normally or-ed with {@code SOCK_CLOEXEC}
     * @return the two descriptors
     * @throws PosixException if the call fails
     */
    public static int[] socketpair(int type) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment state = Ffi.callState();
            if ((int) SOCKETPAIR.invokeExact(state, AF_UNIX, type, 0, fds) != 0) {
                throw new PosixException("socketpair", "socketpair(AF_UNIX, " + type + ", 0)", Ffi.errno(state));
            }
            return fds.toArray(JAVA_INT);
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Creates a pipe.
     *
     * @param flags {@code O_CLOEXEC}, {@code O_NONBLOCK} or 0
     * @return {read end, write end}
     * @throws PosixException if the call fails
     */
    public static int[] pipe2(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment state = Ffi.callState();
            if ((int) PIPE2.invokeExact(state, fds, flags) != 0) {
                throw new PosixException("pipe2", "pipe2(" + flags + ")", Ffi.errno(state));
            }
            return fds.toArray(JAVA_INT);
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Closes a descriptor. Never retried: on Linux the descriptor is released even when close
     * reports EINTR, and a retry could close a descriptor another thread has just opened.
     *
     * @param fd the descriptor
     * @throws PosixException if the call fails (EBADF: it was not open); EINTR is ignored
     */
    public static void close(int fd) {
        try {
            MemorySegment state = Ffi.callState();
            if ((int) CLOSE.invokeExact(state, fd) != 0) {
                int errno = Ffi.errno(state);
                if (errno != Errno.EINTR) {
                    throw new PosixException("close", "close(" + fd + ")", errno);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Calls {@code fcntl} with an int argument (pass 0 for commands that take none).
     *
     * @param fd the descriptor
     * @param cmd {@code F_*}
     * @param arg the argument
     * @return the call's non-negative result
     * @throws PosixException if the call fails
     */
    public static int fcntl(int fd, int cmd, int arg) {
        try {
            MemorySegment state = Ffi.callState();
            while (true) {
                int result = (int) FCNTL.invokeExact(state, fd, cmd, arg);
                if (result >= 0) {
                    return result;
                }
                int errno = Ffi.errno(state);
                if (errno != Errno.EINTR) {
                    throw new PosixException("fcntl", "fcntl(" + fd + ", " + cmd + ", " + arg + ")", errno);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * @param fd the descriptor
     * @return whether it is closed on exec
     * @throws PosixException if it is not open
     */
    public static boolean isCloseOnExec(int fd) {
        return (fcntl(fd, F_GETFD, 0) & FD_CLOEXEC) != 0;
    }

    /**
     * Sets or clears {@code FD_CLOEXEC}. Clearing it makes the descriptor leak into every child
     * any thread spawns from now on; prefer mapping it with {@link Spawn.Builder#mapFd}.
     *
     * @param fd the descriptor
     * @param closeOnExec the new state
     * @throws PosixException if it is not open
     */
    public static void setCloseOnExec(int fd, boolean closeOnExec) {
        int flags = fcntl(fd, F_GETFD, 0);
        fcntl(fd, F_SETFD, closeOnExec ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC);
    }

    /**
     * Duplicates a descriptor onto the lowest free number at or above {@code minFd}, close-on-exec.
     *
     * @param fd the descriptor
     * @param minFd the lowest acceptable number
     * @return the new descriptor
     * @throws PosixException if the call fails
     */
    public static int dupCloseOnExec(int fd, int minFd) {
        return fcntl(fd, F_DUPFD_CLOEXEC, minFd);
    }

    /**
     * Waits until one descriptor is ready.
     *
     * @param fd the descriptor
     * @param events {@code POLLIN}, {@code POLLOUT}, ...
     * @param timeoutMillis the longest wait; negative waits forever
     * @return the returned events ({@code POLLHUP}, {@code POLLERR} may appear unasked), 0 on timeout
     * @throws PosixException if the call fails
     */
    public static short poll(int fd, short events, int timeoutMillis) {
        short[] revents = new short[1];
        poll(new int[] {fd}, new short[] {events}, revents, timeoutMillis);
        return revents[0];
    }

    /**
     * Waits until one of several descriptors is ready, retrying on EINTR with the time left.
     *
     * @param fds the descriptors
     * @param events the events to wait for, one entry per descriptor
     * @param revents receives the returned events, one entry per descriptor
     * @param timeoutMillis the longest wait; negative waits forever
     * @return how many descriptors are ready, 0 on timeout
     * @throws IllegalArgumentException if the arrays differ in length
     * @throws PosixException if the call fails
     */
    public static int poll(int[] fds, short[] events, short[] revents, int timeoutMillis) {
        if (fds.length != events.length || fds.length != revents.length) {
            throw new IllegalArgumentException("fds, events and revents differ in length: "
                    + fds.length + ", " + events.length + ", " + revents.length);
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate(POLLFD, fds.length);
            for (int i = 0; i < fds.length; i++) {
                long base = i * POLLFD.byteSize();
                array.set(JAVA_INT, base + POLLFD_FD, fds[i]);
                array.set(JAVA_SHORT, base + POLLFD_EVENTS, events[i]);
            }
            MemorySegment state = Ffi.callState();
            int timeout = timeoutMillis;
            while (true) {
                int ready = (int) POLL.invokeExact(state, array, (long) fds.length, timeout);
                if (ready >= 0) {
                    for (int i = 0; i < fds.length; i++) {
                        revents[i] = array.get(JAVA_SHORT, i * POLLFD.byteSize() + POLLFD_REVENTS);
                    }
                    return ready;
                }
                int errno = Ffi.errno(state);
                if (errno != Errno.EINTR) {
                    throw new PosixException("poll", "poll(" + fds.length + " fds, " + timeoutMillis + " ms)", errno);
                }
                if (timeoutMillis >= 0) {
                    timeout = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Reads into native memory, retrying on EINTR.
     *
     * @param fd the descriptor
     * @param buffer where to read to; at most its size is read
     * @return bytes read, 0 at end of file, -1 if the descriptor is non-blocking and empty (EAGAIN)
     * @throws PosixException if the call fails
     */
    public static int read(int fd, MemorySegment buffer) {
        return (int) transfer(READ, "read", fd, buffer, 0);
    }

    /**
     * Reads into a byte array, retrying on EINTR.
     *
     * @param fd the descriptor
     * @param bytes destination
     * @param offset where in it to start
     * @param length most bytes to read
     * @return bytes read, 0 at end of file, -1 if non-blocking and empty
     * @throws IndexOutOfBoundsException if the range is outside {@code bytes}
     * @throws PosixException if the call fails
     */
    public static int read(int fd, byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, length));
            int n = read(fd, buffer.asSlice(0, length));
            if (n > 0) {
                MemorySegment.copy(buffer, JAVA_BYTE, 0, bytes, offset, n);
            }
            return n;
        }
    }

    /**
     * Writes from native memory, retrying on EINTR. May write less than asked.
     *
     * @param fd the descriptor
     * @param buffer the bytes to write
     * @return bytes written, -1 if non-blocking and full (EAGAIN)
     * @throws PosixException if the call fails (EPIPE when the reader has gone)
     */
    public static int write(int fd, MemorySegment buffer) {
        return (int) transfer(WRITE, "write", fd, buffer, 0);
    }

    /**
     * Writes all of a byte array to a blocking descriptor.
     *
     * @param fd the descriptor
     * @param bytes what to write
     * @throws PosixException if a call fails, or the descriptor is non-blocking and full
     */
    public static void writeFully(int fd, byte[] bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, bytes);
            long done = 0;
            while (done < bytes.length) {
                int n = write(fd, buffer.asSlice(done));
                if (n < 0) {
                    throw new PosixException("write", "write(" + fd + ", ..., " + (bytes.length - done) + ")", Errno.EAGAIN);
                }
                done += n;
            }
        }
    }

    /**
     * Sends on a socket, retrying on EINTR. Pass {@link #MSG_NOSIGNAL} so that a vanished peer
     * gives EPIPE rather than a SIGPIPE.
     *
     * @param fd the socket
     * @param buffer the bytes to send
     * @param flags {@code MSG_*}
     * @return bytes sent, -1 if non-blocking and full (EAGAIN)
     * @throws PosixException if the call fails
     */
    public static int send(int fd, MemorySegment buffer, int flags) {
        return (int) transfer(SEND, "send", fd, buffer, flags);
    }

    /**
     * Receives from a socket, retrying on EINTR.
     *
     * @param fd the socket
     * @param buffer where to receive to
     * @param flags {@code MSG_*}
     * @return bytes received, 0 when the peer has shut down, -1 if non-blocking and empty (EAGAIN)
     * @throws PosixException if the call fails
     */
    public static int recv(int fd, MemorySegment buffer, int flags) {
        return (int) transfer(RECV, "recv", fd, buffer, flags);
    }

    /** One read/write/send/recv, with EINTR retried and EAGAIN reported as -1. */
    private static long transfer(MethodHandle handle, String function, int fd, MemorySegment buffer, int flags) {
        boolean withFlags = handle == SEND || handle == RECV;
        try {
            MemorySegment state = Ffi.callState();
            while (true) {
                long n = withFlags
                        ? (long) handle.invokeExact(state, fd, buffer, buffer.byteSize(), flags)
                        : (long) handle.invokeExact(state, fd, buffer, buffer.byteSize());
                if (n >= 0) {
                    return n;
                }
                int errno = Ffi.errno(state);
                if (errno == Errno.EAGAIN) {
                    return -1;
                }
                if (errno != Errno.EINTR) {
                    throw new PosixException(function, function + "(" + fd + ", ..., " + buffer.byteSize()
                            + (withFlags ? ", " + flags : "") + ")", errno);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }
}
