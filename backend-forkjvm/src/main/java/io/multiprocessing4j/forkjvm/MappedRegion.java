package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.MultiprocessingException;
import io.multiprocessing4j.spi.shm.ShmRegion;
import java.io.IOException;
import java.io.Serial;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * A {@link ShmRegion} backed by a memory-mapped file (under {@code /dev/shm}, so in RAM), created
 * owner-only (0600). The handle is the file's path and size: a process that receives it maps the
 * same file on first use. Mappings belong to an automatic arena: they stay valid while the handle
 * is reachable, even after the file is deleted.
 */
final class MappedRegion implements ShmRegion {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final long size;
    private transient volatile MemorySegment segment;

    private MappedRegion(String path, long size) {
        this.path = path;
        this.size = size;
    }

    /**
     * Creates and maps a new zeroed file.
     *
     * @param file where (must not exist)
     * @param size its size
     * @return the region
     * @throws MultiprocessingException if the file cannot be created
     */
    static MappedRegion create(Path file, long size) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (size > 0) {
                    ch.truncate(size);
                    ch.position(size - 1);
                    ch.write(java.nio.ByteBuffer.wrap(new byte[1]));
                }
            }
        } catch (IOException e) {
            throw new MultiprocessingException("cannot create shared memory file " + file + ": " + e.getMessage(), e);
        }
        MappedRegion r = new MappedRegion(file.toString(), size);
        r.segment();
        return r;
    }

    /**
     * Maps an existing file.
     *
     * @param file the file
     * @return the region, mapped
     * @throws IllegalArgumentException if there is no such file
     */
    static MappedRegion attach(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("no shared memory named " + file.getFileName(), e);
        }
        MappedRegion r = new MappedRegion(file.toString(), size);
        r.segment();
        return r;
    }

    Path path() {
        return Path.of(path);
    }

    long size() {
        return size;
    }

    @Override
    public MemorySegment segment() {
        MemorySegment s = segment;
        if (s == null) {
            synchronized (this) {
                s = segment;
                if (s == null) {
                    s = map();
                    segment = s;
                }
            }
        }
        return s;
    }

    private MemorySegment map() {
        try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, size, Arena.ofAuto());
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("shared memory " + path + " is gone: the context that made it was closed", e);
        } catch (IOException e) {
            throw new MultiprocessingException("cannot map shared memory " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MappedRegion m && m.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path);
    }

    @Override
    public String toString() {
        return "MappedRegion[" + path + ", " + size + " bytes]";
    }
}
