package io.multiprocessing4j.posix.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A named POSIX shared memory object ({@code /dev/shm/<name>}) mapped {@code MAP_SHARED} into a
 * {@link MemorySegment}: what one process writes, every process that attached the name sees.
 *
 * <p>The segment belongs to a shared arena that this mapping owns; {@link #close()} closes the
 * arena, which unmaps the memory only once no thread can still touch it: the JDK makes accesses
 * racing with the close fail with {@link IllegalStateException} instead of reading unmapped
 * memory and crashing the JVM. A native call that received the segment as an argument holds the
 * arena open, so close fails while it runs; {@link Futex} waiters pass a bare address instead
 * (see there), so a blocked waiter never prevents close. The descriptor from {@code shm_open} is closed as soon as the memory is mapped, so a
 * mapping costs no descriptor and nothing leaks into children.
 *
 * <p>Closing unmaps; it does not remove the name. The creator (or whoever owns the object's
 * lifetime) calls {@link #unlink()}, after which new attaches fail and the memory is freed when
 * the last mapping in any process goes.
 */
public final class SharedMapping implements AutoCloseable {
    /** Prefix of the names {@link #create(long)} chooses, so leftovers are easy to find. */
    public static final String NAME_PREFIX = "/mp4j-";
    /** Owner read and write only (DESIGN: shared-memory objects are created owner-only). */
    private static final int MODE = 0600;
    /** NAME_MAX: the name becomes a file in /dev/shm. */
    private static final int MAX_NAME_LENGTH = 255;
    private static final int CREATE_ATTEMPTS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final long size;
    private final Arena arena;
    private final MemorySegment segment;

    private SharedMapping(String name, long size, Arena arena, MemorySegment segment) {
        this.name = name;
        this.size = size;
        this.arena = arena;
        this.segment = segment;
    }

    /**
     * Creates a zero-filled object with a fresh random name {@code /mp4j-<hex>} and maps it.
     *
     * @param size its size in bytes, at least 1
     * @return the mapping
     * @throws IllegalArgumentException if size &lt; 1
     * @throws PosixException if a call fails
     */
    public static SharedMapping create(long size) {
        for (int attempt = 1; ; attempt++) {
            byte[] random = new byte[12];
            RANDOM.nextBytes(random);
            try {
                return create(NAME_PREFIX + HexFormat.of().formatHex(random), size);
            } catch (PosixException e) {
                if (e.errno() != Errno.EEXIST || attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Creates a zero-filled object under a given name, failing if it exists
     * ({@code O_CREAT|O_EXCL}), owner-only, and maps it.
     *
     * @param name {@code /name}
     * @param size its size in bytes, at least 1
     * @return the mapping
     * @throws IllegalArgumentException if the name or size is invalid
     * @throws PosixException if a call fails (EEXIST if the name is taken)
     */
    public static SharedMapping create(String name, long size) {
        checkName(name);
        if (size < 1) {
            throw new IllegalArgumentException("shared memory size must be at least 1: " + size);
        }
        int fd = Memory.shmOpen(name, Memory.O_RDWR | Memory.O_CREAT | Memory.O_EXCL | Memory.O_CLOEXEC, MODE);
        try {
            Memory.ftruncate(fd, size);
            return map(name, fd, size);
        } catch (RuntimeException e) {
            try {
                Memory.shmUnlink(name); // do not leave a half-made object behind
            } catch (PosixException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            Descriptors.close(fd);
        }
    }

    /**
     * Maps an existing object by name, at its current size.
     *
     * @param name {@code /name}
     * @return the mapping
     * @throws IllegalArgumentException if the name is invalid, or the object is empty
     * @throws PosixException if a call fails (ENOENT if there is no such object)
     */
    public static SharedMapping attach(String name) {
        checkName(name);
        int fd = Memory.shmOpen(name, Memory.O_RDWR | Memory.O_CLOEXEC, 0);
        try {
            long size = Memory.size(fd);
            if (size < 1) {
                throw new IllegalArgumentException("shared memory " + name + " is empty (0 bytes)");
            }
            return map(name, fd, size);
        } finally {
            Descriptors.close(fd);
        }
    }

    /**
     * Removes a name, as {@link #unlink()} does, without a mapping.
     *
     * @param name {@code /name}
     * @throws PosixException if the call fails (ENOENT if there is no such object)
     */
    public static void unlink(String name) {
        checkName(name);
        Memory.shmUnlink(name);
    }

    private static SharedMapping map(String name, int fd, long size) {
        MemorySegment raw = Memory.mmap(size, Memory.PROT_READ | Memory.PROT_WRITE, Memory.MAP_SHARED, fd, 0);
        Arena arena = Arena.ofShared();
        // The cleanup runs when the arena closes, after the JDK has made sure no thread is
        // still accessing the segment: only then is munmap safe.
        MemorySegment segment = raw.reinterpret(size, arena, s -> Memory.munmap(s, size));
        return new SharedMapping(name, size, arena, segment);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.length() < 2 || name.charAt(0) != '/' || name.indexOf('/', 1) >= 0
                || name.indexOf('\0') >= 0 || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("bad shared memory name \"" + name
                    + "\": want one leading '/', no other '/' or NUL, at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** @return the object's name, e.g. {@code /mp4j-0123abcd...} */
    public String name() {
        return name;
    }

    /** @return the mapping's size in bytes */
    public long size() {
        return size;
    }

    /**
     * @return the mapped memory, page-aligned; accessing it after {@link #close()} throws
     *     {@link IllegalStateException}
     */
    public MemorySegment segment() {
        return segment;
    }

    /** @return whether this mapping is still mapped */
    public boolean isOpen() {
        return arena.scope().isAlive();
    }

    /**
     * Removes the object's name (this mapping stays usable until closed).
     *
     * @throws PosixException if the call fails (ENOENT if already unlinked)
     */
    public void unlink() {
        Memory.shmUnlink(name);
    }

    /**
     * Unmaps the memory. Idempotent.
     *
     * @throws IllegalStateException if a native call on another thread received the segment as
     *     an argument and is still running (the memory then stays mapped; retry later)
     */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            try {
                arena.close();
            } catch (IllegalStateException e) {
                if (arena.scope().isAlive()) {
                    throw e;
                } // else another thread closed it first: fine
            }
        }
    }

    @Override
    public String toString() {
        return "SharedMapping[" + name + ", " + size + " bytes" + (isOpen() ? "" : ", closed") + "]";
    }
}
