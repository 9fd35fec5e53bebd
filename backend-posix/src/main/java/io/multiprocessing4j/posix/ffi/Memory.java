package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.StringJoiner;

/**
 * POSIX shared memory and memory mapping: {@code shm_open}, {@code shm_unlink},
 * {@code ftruncate}, {@code lseek}, {@code mmap}, {@code munmap}. Most callers want
 * {@link SharedMapping}, which combines them safely.
 *
 * <p>{@code shm_open} is not variadic (unlike {@code open}): its prototype is
 * {@code int shm_open(const char *, int, mode_t)}, so it is linked with a fixed signature.
 */
public final class Memory {
    // <fcntl.h>: asm-generic values, shared by x86_64 and aarch64 for these flags (they differ
    // only in O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE, which we do not use). Octal, as in C.
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_TRUNC = 01000;
    public static final int O_CLOEXEC = 02000000;

    // <sys/mman.h>: the same on x86_64 and aarch64.
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    /** {@code (void *) -1}: what mmap returns on failure. */
    private static final long MAP_FAILED = -1L;

    /** {@code memfd_create} flag: the descriptor is closed on exec. */
    public static final int MFD_CLOEXEC = 1;

    /** {@code lseek} whence: from the end of the file. */
    private static final int SEEK_END = 2;

    private static final MethodHandle SHM_OPEN = Ffi.downcallWithErrno("shm_open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle MEMFD_CREATE = Ffi.downcallWithErrno("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SHM_UNLINK = Ffi.downcallWithErrno("shm_unlink",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle FTRUNCATE = Ffi.downcallWithErrno("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle LSEEK = Ffi.downcallWithErrno("lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MMAP = Ffi.downcallWithErrno("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = Ffi.downcallWithErrno("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));

    private Memory() {}

    /**
     * Opens or creates a POSIX shared memory object.
     *
     * @param name {@code /name}: one leading slash, no other
     * @param flags {@code O_*} flags
     * @param mode permission bits used when creating, e.g. {@code 0600}
     * @return the new descriptor
     * @throws PosixException if the call fails (EEXIST, ENOENT, EACCES, ...)
     */
    public static int shmOpen(String name, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Ffi.callState();
            int fd = (int) SHM_OPEN.invokeExact(state, arena.allocateFrom(name), flags, mode);
            if (fd < 0) {
                throw new PosixException("shm_open", "shm_open(\"" + name + "\", " + openFlags(flags)
                        + ", 0" + Integer.toOctalString(mode) + ")", Ffi.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Creates an anonymous memory file ({@code memfd_create}, Linux 3.17+, glibc 2.27+): it has no
     * name in any file system, so nothing can be left behind; its memory is freed when the last
     * descriptor and mapping of it in any process go.
     *
     * @param label a label for debugging (shown in {@code /proc/<pid>/fd} as {@code memfd:label})
     * @param flags {@code MFD_*} flags
     * @return the new descriptor, of size 0
     * @throws PosixException if the call fails (EMFILE, ENOMEM, ENOSYS on old kernels)
     */
    public static int memfdCreate(String label, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Ffi.callState();
            int fd = (int) MEMFD_CREATE.invokeExact(state, arena.allocateFrom(label), flags);
            if (fd < 0) {
                throw new PosixException("memfd_create", "memfd_create(\"" + label + "\", " + flags + ")",
                        Ffi.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Removes a shared memory object's name; mappings that exist stay valid.
     *
     * @param name the object's name
     * @throws PosixException if the call fails (ENOENT when already unlinked)
     */
    public static void shmUnlink(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Ffi.callState();
            if ((int) SHM_UNLINK.invokeExact(state, arena.allocateFrom(name)) != 0) {
                throw new PosixException("shm_unlink", "shm_unlink(\"" + name + "\")", Ffi.errno(state));
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Sets a file's size, retrying on EINTR.
     *
     * @param fd the descriptor
     * @param size the new size in bytes
     * @throws PosixException if the call fails
     */
    public static void ftruncate(int fd, long size) {
        try {
            MemorySegment state = Ffi.callState();
            while ((int) FTRUNCATE.invokeExact(state, fd, size) != 0) {
                int errno = Ffi.errno(state);
                if (errno != Errno.EINTR) {
                    throw new PosixException("ftruncate", "ftruncate(" + fd + ", " + size + ")", errno);
                }
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Returns a file's size. Uses {@code lseek(fd, 0, SEEK_END)} rather than {@code fstat}:
     * {@code struct stat} differs between x86_64 and aarch64, and glibc before 2.33 exports
     * {@code fstat} only as {@code __fxstat}. Moves the file offset, which mapping ignores.
     *
     * @param fd the descriptor
     * @return the size in bytes
     * @throws PosixException if the call fails
     */
    public static long size(int fd) {
        try {
            MemorySegment state = Ffi.callState();
            long size = (long) LSEEK.invokeExact(state, fd, 0L, SEEK_END);
            if (size < 0) {
                throw new PosixException("lseek", "lseek(" + fd + ", 0, SEEK_END)", Ffi.errno(state));
            }
            return size;
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Maps a file into memory at an address the kernel chooses.
     *
     * @param size bytes to map (greater than zero)
     * @param prot {@code PROT_*} flags
     * @param flags {@code MAP_*} flags
     * @param fd the descriptor, or -1 with {@code MAP_ANONYMOUS}
     * @param offset offset in the file, a multiple of the page size
     * @return a segment of {@code size} bytes in the global scope: the caller owns the mapping and
     *     must give the segment a bounded lifetime ({@code reinterpret} with an arena) and unmap it
     * @throws PosixException if the call fails
     */
    public static MemorySegment mmap(long size, int prot, int flags, int fd, long offset) {
        try {
            MemorySegment state = Ffi.callState();
            MemorySegment address = (MemorySegment) MMAP.invokeExact(
                    state, MemorySegment.NULL, size, prot, flags, fd, offset);
            if (address.address() == MAP_FAILED) {
                throw new PosixException("mmap", "mmap(NULL, " + size + ", " + prot + ", " + flags + ", "
                        + fd + ", " + offset + ")", Ffi.errno(state));
            }
            return address.reinterpret(size);
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Unmaps memory. Any access to it afterwards crashes the JVM, which is why
     * {@link SharedMapping} unmaps only through a shared arena's close.
     *
     * @param address start of the mapping
     * @param size its size in bytes
     * @throws PosixException if the call fails
     */
    public static void munmap(MemorySegment address, long size) {
        try {
            MemorySegment state = Ffi.callState();
            if ((int) MUNMAP.invokeExact(state, address, size) != 0) {
                throw new PosixException("munmap", "munmap(0x" + Long.toHexString(address.address()) + ", "
                        + size + ")", Ffi.errno(state));
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        }
    }

    /**
     * Renders {@code open} flags as C would write them, for messages.
     *
     * @param flags {@code O_*} flags
     * @return e.g. {@code O_RDWR|O_CREAT|O_EXCL}
     */
    public static String openFlags(int flags) {
        StringJoiner out = new StringJoiner("|");
        out.add((flags & O_RDWR) != 0 ? "O_RDWR" : "O_RDONLY");
        int rest = flags & ~O_RDWR;
        int[] bits = {O_CREAT, O_EXCL, O_TRUNC, O_CLOEXEC};
        String[] names = {"O_CREAT", "O_EXCL", "O_TRUNC", "O_CLOEXEC"};
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                out.add(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            out.add("0" + Integer.toOctalString(rest));
        }
        return out.toString();
    }
}
