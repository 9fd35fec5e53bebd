package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linux errno numbers, their symbolic names and their {@code strerror} texts.
 *
 * <p>The numbers are those of {@code asm-generic/errno-base.h} and {@code asm-generic/errno.h},
 * which x86_64 and aarch64 share (they differ only on alpha, mips, parisc and sparc).
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int EPIPE = 32;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOSYS = 38;
    public static final int ECONNRESET = 104;
    public static final int ETIMEDOUT = 110;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(3, "ESRCH"),
            Map.entry(4, "EINTR"), Map.entry(5, "EIO"), Map.entry(6, "ENXIO"),
            Map.entry(7, "E2BIG"), Map.entry(8, "ENOEXEC"), Map.entry(9, "EBADF"),
            Map.entry(10, "ECHILD"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
            Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"),
            Map.entry(17, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(20, "ENOTDIR"),
            Map.entry(21, "EISDIR"), Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"),
            Map.entry(24, "EMFILE"), Map.entry(26, "ETXTBSY"), Map.entry(27, "EFBIG"),
            Map.entry(28, "ENOSPC"), Map.entry(29, "ESPIPE"), Map.entry(30, "EROFS"),
            Map.entry(32, "EPIPE"), Map.entry(34, "ERANGE"), Map.entry(35, "EDEADLK"),
            Map.entry(36, "ENAMETOOLONG"), Map.entry(38, "ENOSYS"), Map.entry(40, "ELOOP"),
            Map.entry(88, "ENOTSOCK"), Map.entry(90, "EMSGSIZE"), Map.entry(95, "EOPNOTSUPP"),
            Map.entry(97, "EAFNOSUPPORT"), Map.entry(104, "ECONNRESET"), Map.entry(105, "ENOBUFS"),
            Map.entry(107, "ENOTCONN"), Map.entry(110, "ETIMEDOUT"), Map.entry(111, "ECONNREFUSED"),
            Map.entry(130, "EOWNERDEAD"), Map.entry(131, "ENOTRECOVERABLE"));

    /** strerror texts are constant per errno: cache them so a hot failure path does not call out. */
    private static final Map<Integer, String> TEXTS = new ConcurrentHashMap<>();

    private Errno() {}

    /**
     * Returns the symbolic name of an errno value.
     *
     * @param errno the error number
     * @return e.g. {@code "ENOENT"}, or null when this class does not know the number
     */
    public static String name(int errno) {
        return NAMES.get(errno);
    }

    /**
     * Returns the C library's description of an errno value ({@code strerror}).
     *
     * @param errno the error number
     * @return e.g. {@code "No such file or directory"}; a placeholder if libc cannot be called
     */
    public static String strerror(int errno) {
        return TEXTS.computeIfAbsent(errno, Errno::callStrerror);
    }

    /**
     * Renders an errno for a message: {@code errno 17 (EEXIST): File exists}.
     *
     * @param errno the error number
     * @return the rendering; never throws
     */
    public static String describe(int errno) {
        String name = name(errno);
        return "errno " + errno + (name == null ? "" : " (" + name + ")") + ": " + strerror(errno);
    }

    private static String callStrerror(int errno) {
        try {
            // glibc's strerror is thread-safe since 2.32 (unknown numbers use a thread-local
            // buffer); the string is copied out at once, so an older libc's shared buffer is
            // only a risk for numbers it does not know.
            MemorySegment text = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
            return text.equals(MemorySegment.NULL)
                    ? "Unknown error " + errno
                    : text.reinterpret(4096).getString(0);
        } catch (Throwable t) { // LinkageError, IllegalCallerException: still produce a message
            return "Unknown error " + errno + " (strerror unavailable: " + t + ")";
        }
    }

    /** Holder, so that a failure to link strerror does not break {@link #name(int)}. */
    private static final class Strerror {
        static final MethodHandle HANDLE =
                Ffi.downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }
}
