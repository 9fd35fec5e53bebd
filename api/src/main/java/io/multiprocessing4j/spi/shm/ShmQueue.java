package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.QueueFullException;
import io.multiprocessing4j.spi.Checks;
import io.multiprocessing4j.spi.queue.AbstractSharedQueue;
import io.multiprocessing4j.spi.serialization.Codec;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * A queue in shared memory, with no broker: a ring of serialized items guarded by a
 * {@link ShmLock}; waiters wait on a sequence word bumped by every put, get and task_done. Items
 * are encoded ({@link Codec}: compact for strings, byte arrays and boxed primitives, Java
 * serialization otherwise) in the caller at {@code put} (so a value that cannot be serialized
 * fails there) and decoded by the taker outside the lock.
 *
 * <pre>
 *  base +0        +32         +40         +48          +52        +56                +64
 *       | ShmLock | head (long)| tail (long)| count (int)| seq (int)| unfinished (int) | ring ...
 *  ring record: int length n >= 0, then n bytes             (an item)
 *               int -n,        then n bytes of a ShmRegion   (a spilled item: region = int length + bytes)
 * </pre>
 *
 * <p>An item larger than an eighth of the ring, or one that does not fit an unbounded queue's
 * ring now, is spilled to a region of its own ({@link ShmAllocator}), freed by its taker; so an
 * unbounded queue's {@code put} does not wait unless even the spill record finds no room. A
 * bounded queue's {@code put} waits while {@code maxsize} items are queued (or the ring is full).
 * Every change happens under the lock after its bytes are written, so a process that dies
 * holding the lock (which the next one recovers) loses at most the item it was putting.
 */
public final class ShmQueue<E> extends AbstractSharedQueue<E> implements JoinableQueue<E> {
    /** Bytes before the ring. */
    public static final long HEADER = 64;
    private static final long HEAD = 32;
    private static final long TAIL = 40;
    private static final long COUNT = 48;
    private static final long SEQ = 52;
    private static final long UNFINISHED = 56;
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRegion region;
    private final ShmAllocator allocator;
    private final int maxsize;
    private final long capacity;
    private final ShmLock lock;
    private transient volatile boolean closed;

    /**
     * @param region zeroed memory of {@code HEADER + capacity} bytes
     * @param allocator where spilled items go
     * @param maxsize the bound, 0 for unbounded
     * @param capacity the ring's bytes
     */
    public ShmQueue(ShmRegion region, ShmAllocator allocator, int maxsize, long capacity) {
        this.region = Objects.requireNonNull(region, "region");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.maxsize = Math.max(0, maxsize);
        this.capacity = capacity;
        this.lock = new ShmLock(region, 0, null);
    }

    // ---- putting ----

    @Override
    protected boolean insert(E e, long nanos) {
        Objects.requireNonNull(e, "a queue does not accept null");
        checkOpen();
        byte[] item = Codec.serialize(e);
        byte[] record = item;
        boolean spilled = false;
        if (item.length + 4L > capacity / 8) {
            record = spill(item);
            spilled = true;
        }
        MemorySegment s = region.segment();
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        lock.acquire();
        try {
            while (true) {
                long used = Words.getLong(s, TAIL) - Words.getLong(s, HEAD);
                boolean countFull = maxsize > 0 && Words.getInt(s, COUNT) >= maxsize;
                if (!countFull && used + 4 + record.length > capacity && maxsize == 0 && !spilled) {
                    record = spill(item);
                    spilled = true;
                }
                if (!countFull && used + 4 + record.length <= capacity) {
                    long tail = Words.getLong(s, TAIL);
                    Ring.writeInt(s, HEADER, capacity, tail, spilled ? -record.length : record.length);
                    Ring.write(s, HEADER, capacity, tail + 4, record);
                    Words.setLong(s, TAIL, tail + 4 + record.length);
                    Words.setInt(s, COUNT, Words.getInt(s, COUNT) + 1);
                    Words.setInt(s, UNFINISHED, Words.getInt(s, UNFINISHED) + 1);
                    bump(s);
                    spilled = false;
                    return true;
                }
                if (deadline - System.nanoTime() <= 0) {
                    return false;
                }
                waitForChange(s, deadline);
            }
        } finally {
            lock.release();
            if (spilled) {
                allocator.free((ShmRegion) Codec.deserialize(record));
            }
        }
    }

    @Override
    protected QueueFullException fullException(Duration timeout) {
        return new QueueFullException("the queue is full (maxsize " + maxsize + ")");
    }

    private byte[] spill(byte[] item) {
        ShmRegion r = allocator.allocate(item.length + 4L);
        MemorySegment m = r.segment();
        m.set(ValueLayout.JAVA_INT, 0, item.length);
        MemorySegment.copy(item, 0, m, ValueLayout.JAVA_BYTE, 4, item.length);
        return Codec.serialize(r);
    }

    /** Releases the lock, waits for the sequence to move (or the deadline), takes the lock back. */
    private void waitForChange(MemorySegment s, long deadline) {
        int seq = Words.getInt(s, SEQ);
        lock.release();
        try {
            region.waitStrategy().await(s, SEQ, seq, deadline);
        } finally {
            MutexOps.reacquire(lock, 1);
        }
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while waiting on a queue");
        }
    }

    // ---- taking ----

    @Override
    protected E removeHead(long nanos) {
        checkOpen();
        MemorySegment s = region.segment();
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        int header;
        byte[] record;
        lock.acquire();
        try {
            while (Words.getInt(s, COUNT) == 0) {
                if (deadline - System.nanoTime() <= 0) {
                    return null;
                }
                waitForChange(s, deadline);
            }
            long head = Words.getLong(s, HEAD);
            header = Ring.readInt(s, HEADER, capacity, head);
            int n = Math.abs(header);
            record = Ring.read(s, HEADER, capacity, head + 4, n);
            Words.setLong(s, HEAD, head + 4 + n);
            Words.setInt(s, COUNT, Words.getInt(s, COUNT) - 1);
            bump(s);
        } finally {
            lock.release();
        }
        return decode(header, record, true);
    }

    @Override
    protected QueueEmptyException emptyException(Duration timeout) {
        return new QueueEmptyException("the queue is empty");
    }

    @SuppressWarnings("unchecked")
    private E decode(int header, byte[] record, boolean free) {
        if (header >= 0) {
            return (E) Codec.deserialize(record);
        }
        ShmRegion r = (ShmRegion) Codec.deserialize(record);
        MemorySegment m = r.segment();
        byte[] item = new byte[m.get(ValueLayout.JAVA_INT, 0)];
        MemorySegment.copy(m, ValueLayout.JAVA_BYTE, 4, item, 0, item.length);
        if (free) {
            allocator.free(r);
        }
        return (E) Codec.deserialize(item);
    }

    @Override
    public E peek() {
        List<E> first = snapshot(1);
        return first.isEmpty() ? null : first.getFirst();
    }

    private List<E> snapshot(int max) {
        checkOpen();
        MemorySegment s = region.segment();
        List<int[]> headers = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        lock.acquire();
        try {
            long pos = Words.getLong(s, HEAD);
            int count = Words.getInt(s, COUNT);
            for (int i = 0; i < count && i < max; i++) {
                int header = Ring.readInt(s, HEADER, capacity, pos);
                int n = Math.abs(header);
                headers.add(new int[] {header});
                records.add(Ring.read(s, HEADER, capacity, pos + 4, n));
                pos += 4 + n;
            }
            List<E> out = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                out.add(decode(headers.get(i)[0], records.get(i), false));
            }
            return out;
        } finally {
            lock.release();
        }
    }

    /** @return a snapshot of the queued items; its {@code remove()} is unsupported */
    @Override
    public Iterator<E> iterator() {
        return java.util.Collections.unmodifiableList(snapshot(Integer.MAX_VALUE)).iterator();
    }

    // ---- state ----

    @Override
    public int qsize() {
        return Words.getInt(region.segment(), COUNT);
    }

    @Override
    public boolean empty() {
        return qsize() == 0;
    }

    @Override
    public boolean full() {
        return maxsize > 0 && qsize() >= maxsize;
    }

    @Override
    public int maxsize() {
        return maxsize;
    }

    @Override
    public int remainingCapacity() {
        return maxsize == 0 ? Integer.MAX_VALUE : Math.max(0, maxsize - qsize());
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void joinThread() {
        if (!closed) {
            throw new IllegalStateException("joinThread() needs close() first");
        }
        // put() writes into shared memory before returning: nothing is pending
    }

    // ---- joinable ----

    @Override
    public void taskDone() {
        MemorySegment s = region.segment();
        lock.acquire();
        try {
            int unfinished = Words.getInt(s, UNFINISHED);
            if (unfinished <= 0) {
                throw new IllegalStateException("taskDone() called more times than there were items");
            }
            Words.setInt(s, UNFINISHED, unfinished - 1);
            bump(s);
        } finally {
            lock.release();
        }
    }

    @Override
    public void join() {
        joinNanos(Long.MAX_VALUE);
    }

    @Override
    public boolean join(Duration timeout) {
        return joinNanos(Checks.timeoutNanos(timeout));
    }

    private boolean joinNanos(long nanos) {
        MemorySegment s = region.segment();
        long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        while (true) {
            int seq = Words.getInt(s, SEQ);
            if (Words.getInt(s, UNFINISHED) == 0) {
                return true;
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
            region.waitStrategy().await(s, SEQ, seq, deadline);
        }
    }

    private void bump(MemorySegment s) {
        Words.getAndAddInt(s, SEQ, 1);
        region.waitStrategy().wakeAll(s, SEQ);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the queue is closed in this process");
        }
    }

    @Override
    public String toString() {
        return "SharedQueue[size=" + qsize() + (maxsize > 0 ? ", maxsize=" + maxsize + "]" : "]");
    }
}
