package io.multiprocessing4j.posix.channel;

import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.Memory;
import io.multiprocessing4j.posix.ffi.PosixException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The shared memory of one pipe: an anonymous memory file ({@code memfd_create}) holding the two
 * {@link BodyRing}s, one per direction, that every holder of either end maps. It travels with each
 * end as a second descriptor, so any process that can read or write an end has the rings, however
 * the end reached it; having no name, it cannot be left behind by a killed process.
 *
 * <pre>
 *   [ half 0: left end writes, right end reads | half 1: right end writes, left end reads ]
 * </pre>
 *
 * The file is sized once and sealed against shrinking and growing ({@code F_SEAL_SHRINK |
 * F_SEAL_GROW}), so a mapping can never extend past its end (a touch there would be SIGBUS and
 * would kill the JVM). It is mapped on first use: pages are allocated only as large bodies touch
 * them. Each {@link FdChannel} owns one instance and its descriptor.
 */
final class RingFile implements AutoCloseable {
    /** The file's size. */
    static final long SIZE = 2 * BodyRing.HALF;

    // <fcntl.h> / <linux/memfd.h>, the same on x86_64 and aarch64
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;
    private static final int F_SEAL_SHRINK = 2;
    private static final int F_SEAL_GROW = 4;

    private final int fd;
    /** Guarded by this. */
    private Arena arena;
    private BodyRing[] halves;
    private boolean closed;

    private RingFile(int fd) {
        this.fd = fd;
    }

    /**
     * Makes a new pipe's ring file.
     *
     * @return it
     * @throws PosixException if a call fails (no descriptors or memory left)
     */
    static RingFile create() {
        int fd = Memory.memfdCreate("mp4j-pipe", Memory.MFD_CLOEXEC | MFD_ALLOW_SEALING);
        try {
            Memory.ftruncate(fd, SIZE);
            Descriptors.fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
            return new RingFile(fd);
        } catch (RuntimeException e) {
            Descriptors.close(fd);
            throw e;
        }
    }

    /**
     * Takes ownership of a ring file's descriptor that arrived with a pipe end.
     *
     * @param fd the descriptor
     * @return it
     */
    static RingFile adopt(int fd) {
        return new RingFile(fd);
    }

    /** @return another owner of the same memory, with a descriptor of its own (close-on-exec) */
    RingFile duplicate() {
        return new RingFile(Descriptors.dupCloseOnExec(fd, 0));
    }

    /** @return the descriptor (to pass with an end) */
    int fd() {
        return fd;
    }

    /**
     * The ring of one direction, mapping the file on first use.
     *
     * @param index 0 or 1
     * @return it
     * @throws IllegalStateException if closed
     * @throws PosixException if the file is not a sealed ring file of {@link #SIZE} bytes (the
     *     peer sent something else), or cannot be mapped
     */
    synchronized BodyRing half(int index) {
        if (closed) {
            throw new IllegalStateException("the pipe's ring file is closed");
        }
        if (halves == null) {
            int seals = Descriptors.fcntl(fd, F_GET_SEALS, 0);
            long size = Memory.size(fd);
            if (size != SIZE || (seals & F_SEAL_SHRINK) == 0) {
                throw new PosixException("a pipe's ring file is " + size + " bytes with seals " + seals
                        + "; want " + SIZE + " bytes, sealed against shrinking");
            }
            MemorySegment raw = Memory.mmap(SIZE, Memory.PROT_READ | Memory.PROT_WRITE, Memory.MAP_SHARED, fd, 0);
            Arena shared = Arena.ofShared();
            MemorySegment all = raw.reinterpret(SIZE, shared, s -> Memory.munmap(s, SIZE));
            arena = shared;
            halves = new BodyRing[] {new BodyRing(all.asSlice(0, BodyRing.HALF)),
                    new BodyRing(all.asSlice(BodyRing.HALF, BodyRing.HALF))};
        }
        return halves[index];
    }

    /** Unmaps the memory and closes the descriptor; callers must have stopped using it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (arena != null) {
            arena.close();
        }
        Descriptors.close(fd);
    }
}
