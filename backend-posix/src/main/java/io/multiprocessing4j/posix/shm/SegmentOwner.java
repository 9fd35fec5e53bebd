package io.multiprocessing4j.posix.shm;

import io.multiprocessing4j.posix.ffi.Errno;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.SharedMapping;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Creates the shared memory objects of one context and frees them: on {@link #close()} every
 * object it created is unlinked and unmapped here (with a warning for each
 * {@link io.multiprocessing4j.SharedMemoryBlock} the user forgot to unlink), and if the process dies
 * first, its {@link ResourceTracker} removes them.
 *
 * <p>Objects derived from a tracked name ({@code <name>-<suffix>}, as a queue's spill segments and
 * grown rings) are removed with it, so they need no registration of their own, whichever process
 * of the context made them.
 */
public final class SegmentOwner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SegmentOwner.class.getName());
    private static final Path SHM_DIRECTORY = Path.of("/dev/shm");

    private final ResourceTracker tracker;
    private final Set<String> objects = ConcurrentHashMap.newKeySet();
    private final Set<SharedMapping> blocks = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Creates an owner and starts its tracker. */
    public SegmentOwner() {
        this.tracker = ResourceTracker.start();
    }

    /**
     * Creates a zeroed object for a handle (a lock, value, queue...), mapped once in this process.
     *
     * @param size its size in bytes
     * @return the reference handles keep
     * @throws IllegalStateException if this owner is closed
     */
    public ShmRef create(long size) {
        SharedMapping m = newMapping(size);
        objects.add(m.name());
        Segments.register(m);
        return new ShmRef(m.name(), m.segment());
    }

    /**
     * Creates a zeroed block the user owns ({@code SharedMemoryBlock}): its own mapping, which the
     * user closes, and a name the user unlinks; both are done here at close if the user did not.
     *
     * @param size its size in bytes
     * @return the mapping
     * @throws IllegalStateException if this owner is closed
     */
    public SharedMapping createBlock(long size) {
        SharedMapping m = newMapping(size);
        blocks.add(m);
        return m;
    }

    private synchronized SharedMapping newMapping(long size) {
        if (closed) {
            throw new IllegalStateException("the posix context is closed");
        }
        SharedMapping m = SharedMapping.create(size);
        if (tracker != null) {
            tracker.track(m.name());
        }
        return m;
    }

    /** @return the names of every object and block created so far, without the leading slash (for tests and logs) */
    public java.util.List<String> createdNames() {
        List<String> all = new ArrayList<>();
        objects.forEach(n -> all.add(n.substring(1)));
        blocks.forEach(b -> all.add(b.name().substring(1)));
        return all;
    }

    /** @return the tracker's pid, or -1 without one (for tests) */
    public int trackerPid() {
        return tracker == null ? -1 : tracker.pid();
    }

    /** Unlinks and unmaps everything this owner created, then ends the tracker. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<String> derivedPrefixes = new ArrayList<>();
        for (String name : objects) {
            unlinkQuietly(name);
            Segments.release(name);
            Segments.releaseWithPrefix(name + "-");
            derivedPrefixes.add(name.substring(1) + "-");
        }
        for (SharedMapping block : blocks) {
            if (unlinkQuietly(block.name())) {
                LOG.log(Level.WARNING, "SharedMemoryBlock " + block.name().substring(1)
                        + " was never unlinked; unlinked it as its context closed");
            }
            block.close();
        }
        removeDerived(derivedPrefixes);
        if (tracker != null) {
            tracker.close();
        }
    }

    private static boolean unlinkQuietly(String name) {
        try {
            SharedMapping.unlink(name);
            return true;
        } catch (PosixException e) {
            if (e.errno() != Errno.ENOENT) {
                LOG.log(Level.WARNING, "cannot unlink shared memory " + name, e);
            }
            return false;
        }
    }

    private static void removeDerived(List<String> prefixes) {
        if (prefixes.isEmpty() || !Files.isDirectory(SHM_DIRECTORY)) {
            return;
        }
        try (Stream<Path> files = Files.list(SHM_DIRECTORY)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> prefixes.stream().anyMatch(f::startsWith))
                    .forEach(f -> unlinkQuietly("/" + f));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + SHM_DIRECTORY + " to remove spill segments", e);
        }
    }
}
