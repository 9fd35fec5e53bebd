package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.SharedMemoryBlock;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link SharedMemoryBlock}: a mapped file, with a view of its own (a shared arena) that
 * {@link #close()} unmaps. {@link #unlink()} deletes the file; views stay valid.
 */
final class ShmBlock implements SharedMemoryBlock {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final long size;
    private transient Arena arena;
    private transient MemorySegment segment;
    private transient boolean closed;

    ShmBlock(Path path, long size) {
        this.path = path.toString();
        this.size = size;
        map();
    }

    private void map() {
        try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            arena = Arena.ofShared();
            segment = ch.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("shared memory block " + name() + " was unlinked", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot map shared memory block " + name() + ": " + e.getMessage(), e);
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        map();
    }

    @Override
    public String name() {
        return Path.of(path).getFileName().toString();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public synchronized MemorySegment segment() {
        if (closed) {
            throw new IllegalStateException("shared memory block " + name() + " is closed in this process");
        }
        return segment;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }

    @Override
    public void unlink() {
        try {
            if (!Files.deleteIfExists(Path.of(path))) {
                throw new IllegalStateException("shared memory block " + name() + " was already unlinked");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot unlink shared memory block " + name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SharedMemoryBlock[" + name() + ", " + size + " bytes]";
    }
}
