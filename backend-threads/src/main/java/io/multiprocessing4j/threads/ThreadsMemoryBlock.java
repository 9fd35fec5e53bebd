package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedMemoryBlock;
import java.io.Serial;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A view of a named block of memory, Python's {@code SharedMemory}. Blocks live in one registry
 * per JVM until {@link #unlink()}; their memory is freed by the garbage collector once no view
 * refers to it, so views opened before an unlink stay valid, as with {@code shm_unlink}.
 */
final class ThreadsMemoryBlock implements SharedMemoryBlock {
    /** The block itself, shared by its views. */
    static final class Block {
        final String name;
        final MemorySegment memory;
        final AtomicBoolean unlinked = new AtomicBoolean();

        Block(String name, MemorySegment memory) {
            this.name = name;
            this.memory = memory;
        }

        /** @return whether this call unlinked it (false if it already was) */
        boolean unlink() {
            if (!unlinked.compareAndSet(false, true)) {
                return false;
            }
            REGISTRY.remove(name, this);
            return true;
        }

        boolean isUnlinked() {
            return unlinked.get();
        }
    }

    private static final Map<String, Block> REGISTRY = new ConcurrentHashMap<>();

    private final Block block;
    private volatile boolean closed;

    private ThreadsMemoryBlock(Block block) {
        this.block = block;
    }

    /**
     * Creates a zeroed block under a fresh name.
     *
     * @param size its size in bytes, positive
     * @return a view of it
     */
    static ThreadsMemoryBlock create(long size) {
        MemorySegment memory = Arena.ofAuto().allocate(size, Long.BYTES);
        while (true) {
            String name = "mp4j_threads_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Block b = new Block(name, memory);
            if (REGISTRY.putIfAbsent(name, b) == null) {
                return new ThreadsMemoryBlock(b);
            }
        }
    }

    /**
     * Attaches a block by name.
     *
     * @param name the block's name
     * @return a new view of it
     * @throws IllegalArgumentException if no block has that name
     */
    static ThreadsMemoryBlock attach(String name) {
        Block b = REGISTRY.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no shared memory block is named '" + name + "'");
        }
        return new ThreadsMemoryBlock(b);
    }

    /** @return the block this view shows */
    Block block() {
        return block;
    }

    @Override
    public String name() {
        return block.name;
    }

    @Override
    public long size() {
        return block.memory.byteSize();
    }

    @Override
    public MemorySegment segment() {
        if (closed) {
            throw new IllegalStateException("shared memory block '" + block.name + "' was closed in this process");
        }
        return block.memory;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void unlink() {
        if (!block.unlink()) {
            throw new IllegalStateException("shared memory block '" + block.name + "' was already unlinked");
        }
    }

    @Override
    public String toString() {
        return "ThreadsMemoryBlock[" + block.name + ", " + size() + " bytes" + (closed ? ", closed]" : "]");
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
