package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Descriptors passed over a Unix-domain socket as {@code SCM_RIGHTS} ancillary data, with
 * {@code sendmsg} and {@code recvmsg}: the receiver gets its own descriptors for the same open
 * files (here: pipe ends sent over a pipe). Received descriptors are close-on-exec
 * ({@code MSG_CMSG_CLOEXEC}).
 *
 * <pre>
 * struct msghdr (LP64, 56 bytes)        struct iovec (16)       struct cmsghdr (16 + data)
 *   0: void  *msg_name                    0: void *iov_base        0: size_t cmsg_len
 *   8: int    msg_namelen (+4 pad)        8: size_t iov_len        8: int    cmsg_level
 *  16: iovec *msg_iov                                             12: int    cmsg_type
 *  24: size_t msg_iovlen                                          16: int    fds[]
 *  32: void  *msg_control
 *  40: size_t msg_controllen
 *  48: int    msg_flags (+4 pad)
 * </pre>
 */
public final class FdPassing {
    /** Most descriptors one message may carry. */
    public static final int MAX_FDS = 64;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_CTRUNC = 0x8;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final long CMSG_HEADER = 16;
    private static final MethodHandle SENDMSG = Ffi.downcallWithErrno("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = Ffi.downcallWithErrno("recvmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));

    private FdPassing() {
    }

    private static long space(int fds) {
        return CMSG_HEADER + ((fds * 4L + 7) & ~7L);
    }

    /**
     * Sends bytes with descriptors attached, retrying on EINTR.
     *
     * @param socket a connected Unix-domain socket
     * @param buffer the bytes (at least one)
     * @param fds the descriptors to pass (1 to {@value #MAX_FDS})
     * @param flags {@code MSG_*}
     * @return bytes sent, or -1 if non-blocking and full (nothing sent)
     * @throws PosixException if the call fails
     * @throws IllegalArgumentException if there are no or too many descriptors
     */
    public static int send(int socket, MemorySegment buffer, int[] fds, int flags) {
        if (fds.length < 1 || fds.length > MAX_FDS) {
            throw new IllegalArgumentException("1 to " + MAX_FDS + " descriptors per message, not " + fds.length);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ADDRESS, 0, buffer);
            iov.set(JAVA_LONG, 8, buffer.byteSize());
            MemorySegment control = arena.allocate(space(fds.length), 8);
            control.set(JAVA_LONG, 0, CMSG_HEADER + fds.length * 4L);
            control.set(JAVA_INT, 8, SOL_SOCKET);
            control.set(JAVA_INT, 12, SCM_RIGHTS);
            for (int i = 0; i < fds.length; i++) {
                control.set(JAVA_INT, CMSG_HEADER + 4L * i, fds[i]);
            }
            MemorySegment msg = arena.allocate(56, 8);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1L);
            msg.set(ADDRESS, 32, control);
            msg.set(JAVA_LONG, 40, control.byteSize());
            MemorySegment state = Ffi.callState();
            while (true) {
                long n = (long) SENDMSG.invokeExact(state, socket, msg, flags);
                if (n >= 0) {
                    return (int) n;
                }
                int errno = Ffi.errno(state);
                if (errno == Errno.EAGAIN) {
                    return -1;
                }
                if (errno != Errno.EINTR) {
                    throw new PosixException("sendmsg", "sendmsg(" + socket + ", " + fds.length + " fds)", errno);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Receives bytes and any descriptors sent with them, retrying on EINTR.
     *
     * @param socket a connected Unix-domain socket
     * @param buffer where the bytes go
     * @param fds receives the descriptors that arrived, in order
     * @param flags {@code MSG_*}
     * @return bytes received, 0 at end of stream, -1 if non-blocking and empty
     * @throws PosixException if the call fails, or descriptors were lost (MSG_CTRUNC)
     */
    public static int receive(int socket, MemorySegment buffer, java.util.Collection<Integer> fds, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return new Receiver(arena).receive(socket, buffer, fds, flags);
        }
    }

    /**
     * What {@code recvmsg} needs besides the buffer ({@code msghdr}, {@code iovec}, room for
     * {@value #MAX_FDS} descriptors), allocated once: a reader that receives a header per message
     * then allocates nothing per call. Not thread-safe: one per reader.
     */
    public static final class Receiver {
        private final MemorySegment iov;
        private final MemorySegment control;
        private final MemorySegment msg;

        /** Allocates the structures, freed by the collector with this receiver. */
        public Receiver() {
            this(Arena.ofAuto());
        }

        private Receiver(Arena arena) {
            iov = arena.allocate(16, 8);
            control = arena.allocate(space(MAX_FDS), 8);
            msg = arena.allocate(56, 8);
        }

        /**
         * As {@link FdPassing#receive}.
         *
         * @param socket a connected Unix-domain socket
         * @param buffer where the bytes go
         * @param fds receives the descriptors that arrived, in order
         * @param flags {@code MSG_*}
         * @return bytes received, 0 at end of stream, -1 if non-blocking and empty
         * @throws PosixException if the call fails, or descriptors were lost (MSG_CTRUNC)
         */
        public int receive(int socket, MemorySegment buffer, java.util.Collection<Integer> fds, int flags) {
            try {
                iov.set(ADDRESS, 0, buffer);
                iov.set(JAVA_LONG, 8, buffer.byteSize());
                MemorySegment state = Ffi.callState();
                while (true) {
                    msg.fill((byte) 0);
                    msg.set(ADDRESS, 16, iov);
                    msg.set(JAVA_LONG, 24, 1L);
                    msg.set(ADDRESS, 32, control);
                    msg.set(JAVA_LONG, 40, control.byteSize());
                    long n = (long) RECVMSG.invokeExact(state, socket, msg, flags | MSG_CMSG_CLOEXEC);
                    if (n < 0) {
                        int errno = Ffi.errno(state);
                        if (errno == Errno.EAGAIN) {
                            return -1;
                        }
                        if (errno != Errno.EINTR) {
                            throw new PosixException("recvmsg", "recvmsg(" + socket + ")", errno);
                        }
                        continue;
                    }
                    long controlLength = msg.get(JAVA_LONG, 40);
                    for (long off = 0; off + CMSG_HEADER <= controlLength; ) {
                        long length = control.get(JAVA_LONG, off);
                        if (length < CMSG_HEADER) {
                            break;
                        }
                        if (control.get(JAVA_INT, off + 8) == SOL_SOCKET && control.get(JAVA_INT, off + 12) == SCM_RIGHTS) {
                            for (long p = off + CMSG_HEADER; p + 4 <= off + length; p += 4) {
                                fds.add(control.get(JAVA_INT, p));
                            }
                        }
                        off += (length + 7) & ~7L;
                    }
                    if ((msg.get(JAVA_INT, 48) & MSG_CTRUNC) != 0) {
                        throw new PosixException("recvmsg: descriptors were dropped (more than " + MAX_FDS + " in one message)");
                    }
                    return (int) n;
                }
            } catch (Throwable t) {
                throw Ffi.rethrow(t);
            }
        }
    }
}
