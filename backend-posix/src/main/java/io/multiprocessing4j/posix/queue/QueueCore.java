package io.multiprocessing4j.posix.queue;

import io.multiprocessing4j.SerializationException;
import io.multiprocessing4j.posix.shm.SegmentOwner;
import io.multiprocessing4j.posix.shm.Segments;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.shm.Words;
import io.multiprocessing4j.posix.sync.RobustMutex;
import io.multiprocessing4j.posix.sync.Waiting;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-producer multi-consumer FIFO of byte items in shared memory, robust against processes
 * killed at any instant. The items are variable-length records in a byte {@link Ring}; the header
 * is the queue's own shared object. Each side's words share a cache line with that side's lock and
 * nothing the other side writes per item, so a producer and a consumer on two CPUs do not steal
 * each other's line on every item:
 *
 * <pre>
 *   0:   RobustMutex producer lock (8 bytes)
 *   8:   long tail   count &lt;&lt; 32 | position: items committed and the ring position after the
 *                    last (written under the producer lock; THE commit point). Consumers sleep on
 *                    its count half (a futex word that changes with every commit)
 *   16:  consumer {@link Sleepers} (12 bytes): consumers sleeping for an item
 *   64:  RobustMutex consumer lock (8 bytes)
 *   72:  long head   count &lt;&lt; 32 | position: items taken and the position of the next one
 *                    (written under the consumer lock). Producers waiting for room sleep on its
 *                    count half
 *   80:  producer {@link Sleepers} (12 bytes): producers sleeping for room (bounded queue)
 *   128: int maxsize (0: unbounded)
 *   136: long ring    generation &lt;&lt; 32 | byte capacity of the current {@link Ring} (one store publishes both)
 *   144: long spillSerial       numbers the spill objects
 *   192: long done    JoinableQueue: taskDone() calls       200: int doneSeq  futex: join() sleeps on it
 * </pre>
 *
 * <p>Counts and positions are kept modulo 2<sup>32</sup> so that one 64-bit store commits both;
 * every comparison is a difference ({@code tail - head}), exact while fewer than 2<sup>31</sup>
 * items are queued (the ring holds at most 2<sup>30</sup> bytes of 8-byte or longer records) and
 * fewer than 2<sup>31</sup> tasks of a JoinableQueue are unfinished.
 *
 * <p><b>Why locks and not a lock-free ring.</b> A lock-free MPMC ring (Vyukov's) publishes a slot
 * by reservation; a producer killed between reserving and committing leaves a hole that blocks every
 * consumer for ever. Here a producer writes its record (and any padding before it) at the tail
 * position under the producer lock and commits with one store of the new tail, last. Killed before
 * that store, it has committed nothing: the bytes are beyond the tail, invisible, and the next
 * producer recovers the robust lock (the dead pid is in the lock word) and overwrites them. A
 * consumer likewise advances {@code head} last; killed before, the item stays for the next consumer.
 * The locks are held for a copy of one record (long items are written to a spill object before the
 * lock is taken); uncontended, each costs one CAS.
 */
final class QueueCore implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;
    private static final long PRODUCER = 0;
    private static final long TAIL = 8;
    private static final long CONSUMER_SLEEPERS = 16;
    private static final long CONSUMER = 64;
    private static final long HEAD = 72;
    private static final long PRODUCER_SLEEPERS = 80;
    private static final long MAXSIZE = 128;
    private static final long RING = 136;
    private static final long SPILL_SERIAL = 144;
    private static final long DONE = 192;
    private static final long DONE_SEQ = 200;
    private static final long HEADER_SIZE = 256;
    /** Where the count half of a tail or head word is: the high int, at +4 on a little-endian CPU. */
    private static final long COUNT_HALF = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 4 : 0;
    private static final long LOCK_GRACE_NANOS = 2_000_000_000L;

    /** Test hook run after a record is written and before it is committed; null normally. */
    static volatile Runnable beforeCommit;

    private final ShmRef header;
    private transient volatile RingView view;
    /** The locks' names for messages, made once: a concatenation per call cost more than the lock. */
    private transient String producerLock;
    private transient String consumerLock;

    /** This process's mapping of one ring generation. */
    private record RingView(int generation, int capacity, MemorySegment segment) {
    }

    private QueueCore(ShmRef header) {
        this.header = header;
    }

    static QueueCore create(SegmentOwner owner, int maxsize) {
        ShmRef ref = owner.create(HEADER_SIZE);
        MemorySegment h = ref.segment();
        Ring.create(ref.name(), 0, Ring.INITIAL_CAPACITY);
        Words.setInt(h, MAXSIZE, maxsize);
        Words.setLong(h, RING, Ring.INITIAL_CAPACITY);
        return new QueueCore(ref);
    }

    String name() {
        return header.name();
    }

    int maxsize() {
        return Words.getInt(header.segment(), MAXSIZE);
    }

    long size() {
        MemorySegment h = header.segment();
        long head = Words.getLong(h, HEAD); // before tail: the tail read after it is never behind it
        return Math.max(0, count(Words.getLong(h, TAIL)) - count(head));
    }

    /** @return the capacity in bytes of the ring now in use (for tests) */
    int ringCapacity() {
        return (int) Words.getLong(header.segment(), RING);
    }

    /** Puts an encoded item. @return false if the queue stayed full (or the lock busy) until the deadline */
    boolean put(byte kind, byte[] bytes, long deadline) {
        MemorySegment h = header.segment();
        String spill = null;
        if (bytes.length > Ring.MAX_INLINE) {
            spill = Ring.spill(header.name(), Words.getAndAddLong(h, SPILL_SERIAL, 1), bytes);
        }
        boolean done = false;
        try {
            done = putItem(h, kind, bytes, spill, deadline);
            return done;
        } finally {
            if (!done && spill != null) {
                Ring.unlinkQuietly(spill);
            }
        }
    }

    private boolean putItem(MemorySegment h, byte kind, byte[] bytes, String spill, long deadline) {
        int size = Ring.recordSize(spill == null ? bytes.length : spill.length());
        while (true) {
            if (RobustMutex.acquire(h, PRODUCER, lockDeadline(deadline), producerLock()) == RobustMutex.Result.TIMED_OUT) {
                return false;
            }
            boolean committed = false;
            int committedCount = 0;
            int headCount;
            try {
                long tail = Words.getLong(h, TAIL);
                long head = Words.getLong(h, HEAD);
                headCount = count(head);
                int max = Words.getInt(h, MAXSIZE);
                if (max <= 0 || count(tail) - headCount < max) {
                    RingView v = view(h);
                    if ((long) (position(tail) - position(head)) + Ring.needed(v.capacity(), position(tail), size) > v.capacity()) {
                        v = grow(h, v, size);
                    }
                    int next = Ring.write(v.segment(), v.capacity(), position(tail), kind, bytes, spill);
                    Runnable hook = beforeCommit;
                    if (hook != null) {
                        hook.run();
                    }
                    // The commit: the item exists from here on. A volatile store, so that it is
                    // ordered before the read of the sleepers below (see Sleepers).
                    Words.setLong(h, TAIL, pack(count(tail) + 1, next));
                    committedCount = count(tail) + 1;
                    committed = true;
                }
            } finally {
                RobustMutex.release(h, PRODUCER);
            }
            if (committed) {
                Sleepers.wake(h, CONSUMER_SLEEPERS, TAIL + COUNT_HALF, committedCount);
                return true;
            }
            if (!Sleepers.await(h, PRODUCER_SLEEPERS, HEAD + COUNT_HALF, headCount, deadline)) {
                return false;
            }
        }
    }

    /** Takes the head item. @return it, or null if the queue stayed empty until the deadline */
    Ring.Item take(long deadline) {
        MemorySegment h = header.segment();
        while (true) {
            if (RobustMutex.acquire(h, CONSUMER, lockDeadline(deadline), consumerLock()) == RobustMutex.Result.TIMED_OUT) {
                return null;
            }
            Ring.Item item = null;
            RuntimeException lost = null;
            int tailCount;
            int takenCount = 0;
            try {
                long head = Words.getLong(h, HEAD);
                tailCount = count(Words.getLong(h, TAIL));
                if (count(head) != tailCount) {
                    RingView v = view(h);
                    int at = Ring.skipPadding(v.segment(), v.capacity(), position(head));
                    int next = Ring.next(v.segment(), v.capacity(), at); // a corrupt header throws here, taking nothing
                    try {
                        item = Ring.read(v.segment(), v.capacity(), at);
                    } catch (RuntimeException e) {
                        lost = e; // skip the unreadable item rather than block every consumer on it
                    }
                    takenCount = count(head) + 1;
                    Words.setLong(h, HEAD, pack(takenCount, next));
                }
            } finally {
                RobustMutex.release(h, CONSUMER);
            }
            if (item != null || lost != null) {
                Sleepers.wake(h, PRODUCER_SLEEPERS, HEAD + COUNT_HALF, takenCount);
                if (lost != null) {
                    throw new SerializationException("a queue item could not be read and was dropped: " + lost, lost);
                }
                if (item.spill() != null) {
                    Ring.unlinkQuietly(item.spill());
                }
                return item;
            }
            if (!Sleepers.await(h, CONSUMER_SLEEPERS, TAIL + COUNT_HALF, tailCount, deadline)) {
                return null;
            }
        }
    }

    /** @return copies of the items now in the queue, head first (spilled ones read, not taken) */
    List<Ring.Item> snapshot(int limit) {
        MemorySegment h = header.segment();
        RobustMutex.acquire(h, CONSUMER, Long.MAX_VALUE, consumerLock());
        try {
            List<Ring.Item> items = new ArrayList<>();
            RingView v = view(h);
            long head = Words.getLong(h, HEAD);
            int n = count(Words.getLong(h, TAIL)) - count(head);
            int p = position(head);
            for (int i = 0; i < n && items.size() < limit; i++) {
                p = Ring.skipPadding(v.segment(), v.capacity(), p);
                items.add(Ring.read(v.segment(), v.capacity(), p));
                p = Ring.next(v.segment(), v.capacity(), p);
            }
            return items;
        } finally {
            RobustMutex.release(h, CONSUMER);
        }
    }

    /** JoinableQueue's task_done. @throws IllegalStateException if called more often than items were put */
    void taskDone() {
        MemorySegment h = header.segment();
        while (true) {
            long done = Words.getLong(h, DONE);
            int put = count(Words.getLong(h, TAIL));
            if (put - (int) done <= 0) {
                throw new IllegalStateException("taskDone() called too many times on queue " + header
                        + " (" + done + " done, " + Integer.toUnsignedString(put) + " put)");
            }
            if (Words.casLong(h, DONE, done, done + 1)) {
                if ((int) (done + 1) == count(Words.getLong(h, TAIL))) {
                    Words.getAndAddInt(h, DONE_SEQ, 1);
                    Waiting.wakeAll(h, DONE_SEQ);
                }
                return;
            }
        }
    }

    /** @return whether every item put was marked done before the deadline */
    boolean join(long deadline) {
        MemorySegment h = header.segment();
        while (true) {
            int seq = Words.getInt(h, DONE_SEQ);
            if (count(Words.getLong(h, TAIL)) - (int) Words.getLong(h, DONE) <= 0) {
                return true;
            }
            if (!Waiting.awaitChange(h, DONE_SEQ, seq, deadline, "queue " + header + " join")) {
                return false;
            }
        }
    }

    private String producerLock() {
        String s = producerLock;
        return s != null ? s : (producerLock = "producer lock of queue " + header);
    }

    private String consumerLock() {
        String s = consumerLock;
        return s != null ? s : (consumerLock = "consumer lock of queue " + header);
    }

    private static int count(long word) {
        return (int) (word >>> 32);
    }

    private static int position(long word) {
        return (int) word;
    }

    private static long pack(int count, int position) {
        return ((long) count << 32) | Integer.toUnsignedLong(position);
    }

    /**
     * The lock is held only for a record copy, so even a non-blocking call ({@code putNowait}) waits
     * for it a little rather than report "full" or "empty" because another process was mid-copy.
     */
    private static long lockDeadline(long deadline) {
        if (deadline == Long.MAX_VALUE) {
            return deadline; // the common blocking call: no clock read
        }
        long grace = Waiting.deadline(LOCK_GRACE_NANOS);
        return deadline - grace > 0 ? deadline : grace;
    }

    /** The current ring, attached in this process if it changed. Called under either lock. */
    private RingView view(MemorySegment h) {
        long ring = Words.getLong(h, RING);
        int generation = (int) (ring >>> 32);
        RingView v = view;
        if (v != null && v.generation() == generation) {
            return v;
        }
        RingView fresh = new RingView(generation, (int) ring, Segments.attach(Ring.ringName(header.name(), generation)));
        view = fresh;
        if (v != null) {
            Segments.detach(Ring.ringName(header.name(), v.generation()));
        }
        return fresh;
    }

    /**
     * Replaces a ring without room for a record of {@code size} bytes by one at least twice as
     * large, with the live bytes at the same positions. Holds the producer lock; takes the consumer
     * lock. A grower killed before it publishes the new ring leaves the old one in use.
     */
    private RingView grow(MemorySegment h, RingView old, int size) {
        RobustMutex.acquire(h, CONSUMER, Long.MAX_VALUE, consumerLock());
        try {
            int head = position(Words.getLong(h, HEAD));
            int tail = position(Words.getLong(h, TAIL));
            long capacity = old.capacity() * 2L;
            while (capacity <= Ring.MAX_CAPACITY && (long) (tail - head) + Ring.needed((int) capacity, tail, size) > capacity) {
                capacity *= 2;
            }
            if (capacity > Ring.MAX_CAPACITY) {
                throw new IllegalStateException("queue " + header + " holds " + Integer.toUnsignedString(tail - head)
                        + " bytes: too many");
            }
            int generation = old.generation() + 1;
            MemorySegment segment = Ring.create(header.name(), generation, (int) capacity);
            Ring.copy(old.segment(), old.capacity(), segment, (int) capacity, head, tail);
            Words.setLong(h, RING, ((long) generation << 32) | capacity);
            Ring.unlinkQuietly(Ring.ringName(header.name(), old.generation()));
            RingView fresh = new RingView(generation, (int) capacity, segment);
            view = fresh;
            Segments.detach(Ring.ringName(header.name(), old.generation()));
            return fresh;
        } finally {
            RobustMutex.release(h, CONSUMER);
        }
    }
}
