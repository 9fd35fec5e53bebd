package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.spi.channel.UnixSockets;
import io.multiprocessing4j.spi.shm.ShmAllocator;
import io.multiprocessing4j.spi.shm.ShmRegion;
import java.io.IOException;
import java.io.Serial;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and lifetime of a context's shared-memory files. Every file of a context, whichever of its
 * processes made it, is named {@code mp4j-fj-<owner pid>-<context id>-<kind><random>} in the
 * shared-memory directory ({@code mp4j-fj-...}), so the owning (root) context deletes them all at close by prefix, and
 * a later context of this user deletes those whose owner pid no longer runs (a parent that was
 * killed cannot clean up). Kinds: {@code o} objects, {@code b} {@link io.multiprocessing4j.SharedMemoryBlock}s.
 * It is also the serializable {@link ShmAllocator} every handle carries.
 */
final class ShmFiles implements ShmAllocator {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ShmFiles.class.getName());
    /** Every forkjvm file and socket directory starts so (other backends use other names). */
    static final String PREFIX = "mp4j-fj-";
    private static final Pattern OURS = Pattern.compile(PREFIX + "([0-9]+)-.*");
    static final String BLOCK = "b";

    private final String directory;
    private final String prefix;

    ShmFiles(Path directory, long ownerPid, String contextId) {
        this.directory = directory.toString();
        this.prefix = PREFIX + ownerPid + "-" + contextId + "-";
    }

    /** @return {@code /dev/shm} where it is a writable directory, else the temp directory */
    static Path defaultDirectory() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path directory() {
        return Path.of(directory);
    }

    @Override
    public ShmRegion allocate(long size) {
        return MappedRegion.create(newPath("o"), Math.max(8, size));
    }

    @Override
    public void free(ShmRegion region) {
        if (region instanceof MappedRegion m) {
            delete(m.path());
        }
    }

    Path newPath(String kind) {
        return directory().resolve(prefix + kind + UnixSockets.randomName(""));
    }

    /** @param name a block's name @return its file, if the name is one of this context's blocks */
    Path blockPath(String name) {
        if (!name.startsWith(prefix + BLOCK) || name.contains("/")) {
            throw new IllegalArgumentException("no shared memory block named '" + name + "' in this context");
        }
        return directory().resolve(name);
    }

    /** Deletes every file of this context; blocks nobody unlinked get a warning. */
    void deleteAll() {
        for (Path p : list(prefix)) {
            if (p.getFileName().toString().startsWith(prefix + BLOCK)) {
                LOG.log(Level.WARNING, "shared memory block " + p.getFileName()
                        + " was never unlinked; unlinking it as its context closes");
            }
            delete(p);
        }
    }

    /** Deletes files (and socket directories) left by contexts whose owner process died. */
    static void sweepOrphans(Path shmDir, Path socketBase) {
        for (Path dir : new Path[] {shmDir, socketBase}) {
            for (Path p : list(dir, PREFIX)) {
                Matcher m = OURS.matcher(p.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    deleteTree(p);
                }
            }
        }
    }

    private List<Path> list(String namePrefix) {
        return list(directory(), namePrefix);
    }

    private static List<Path> list(Path dir, String namePrefix) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, namePrefix + "*")) {
            for (Path p : ds) {
                if (Files.isWritable(p)) {
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot list " + dir, e);
        }
        return out;
    }

    static void deleteTree(Path p) {
        if (Files.isDirectory(p)) {
            for (Path c : list(p, "")) {
                deleteTree(c);
            }
        }
        delete(p);
    }

    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot delete " + p, e);
        }
    }
}
