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
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-producer multi-consumer FIFO of byte items in shared memory, robust against processes
 * killed at any instant. The header is the queue's own shared object:
 *
 * <pre>
 *   0:  RobustMutex producer lock (8 bytes)     8:  RobustMutex consumer lock (8 bytes)
 *   16: long head    items taken (written under the consumer lock)
 *   24: long tail    items committed (written under the producer lock; THE commit point)
 *   32: long done    JoinableQueue: taskDone() calls
 *   40: int putSeq   futex: bumped after each commit, consumers sleep on it
 *   44: int getSeq   futex: bumped after each take, producers waiting for room sleep on it
 *   48: int doneSeq  futex: bumped when done reaches tail, join() sleeps on it
 *   52: int consumerSleepers   56: int producerSleepers   60: int maxsize (0: unbounded)
 *   64: long ring    generation &lt;&lt; 32 | capacity of the current {@link Ring} (one store publishes both)
 *   72: long spillSerial       numbers the spill objects
 * </pre>
 *
 * <p><b>Why locks and not a lock-free ring.</b> A lock-free MPMC ring (Vyukov's) publishes a slot
 * by reservation; a producer killed between reserving and committing leaves a hole that blocks every
 * consumer for ever. Here a producer writes the slot at {@code tail} under the producer lock and
 * commits with one store of {@code tail + 1}, last. Killed before that store, it has committed
 * nothing: the slot is invisible, and the next producer recovers the robust lock (the dead pid is in
 * the lock word) and overwrites the slot. A consumer likewise advances {@code head} last; killed
 * before, the item stays for the next consumer. The locks are held for a copy of at most one slot
 * (long items are written to a spill object before the lock is taken); uncontended, each costs one
 * CAS.
 */
final class QueueCore implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final int INITIAL_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 28;
    private static final long PRODUCER = 0;
    private static final long CONSUMER = 8;
    private static final long HEAD = 16;
    private static final long TAIL = 24;
    private static final long DONE = 32;
    private static final long PUT_SEQ = 40;
    private static final long GET_SEQ = 44;
    private static final long DONE_SEQ = 48;
    private static final long CONSUMER_SLEEPERS = 52;
    private static final long PRODUCER_SLEEPERS = 56;
    private static final long MAXSIZE = 60;
    private static final long RING = 64;
    private static final long SPILL_SERIAL = 72;
    private static final long HEADER_SIZE = 80;
    private static final long LOCK_GRACE_NANOS = 2_000_000_000L;

    /** Test hook run after a slot is written and before it is committed; null normally. */
    static volatile Runnable beforeCommit;

    private final ShmRef header;
    private transient volatile RingView view;

    /** This process's mapping of one ring generation. */
    private record RingView(int generation, int capacity, MemorySegment segment) {
    }

    private QueueCore(ShmRef header) {
        this.header = header;
    }

    static QueueCore create(SegmentOwner owner, int maxsize) {
        ShmRef ref = owner.create(HEADER_SIZE);
        MemorySegment h = ref.segment();
        int capacity = maxsize > 0 ? Math.min(maxsize, INITIAL_CAPACITY) : INITIAL_CAPACITY;
        Ring.create(ref.name(), 0, capacity);
        Words.setInt(h, MAXSIZE, maxsize);
        Words.setLong(h, RING, capacity);
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
        long head = Words.getLong(h, HEAD);
        return Math.max(0, Words.getLong(h, TAIL) - head);
    }

    /** Puts an encoded item. @return false if the queue stayed full (or the lock busy) until the deadline */
    boolean put(byte kind, byte[] bytes, long deadline) {
        MemorySegment h = header.segment();
        String spill = null;
        if (bytes.length > Ring.INLINE) {
            spill = Ring.spill(header.name(), Words.getAndAddLong(h, SPILL_SERIAL, 1), bytes);
        }
        Ring.Item item = new Ring.Item(kind, bytes, spill);
        boolean done = false;
        try {
            done = putItem(h, item, deadline);
            return done;
        } finally {
            if (!done && spill != null) {
                Ring.unlinkQuietly(spill);
            }
        }
    }

    private boolean putItem(MemorySegment h, Ring.Item item, long deadline) {
        while (true) {
            int roomSeq = Words.getInt(h, GET_SEQ); // before head is read: see awaitChange below
            if (RobustMutex.acquire(h, PRODUCER, lockDeadline(deadline), "producer lock of queue " + header) == RobustMutex.Result.TIMED_OUT) {
                return false;
            }
            boolean committed = false;
            try {
                long tail = Words.getLong(h, TAIL);
                long size = tail - Words.getLong(h, HEAD);
                int max = Words.getInt(h, MAXSIZE);
                if (max <= 0 || size < max) {
                    RingView v = view(h);
                    if (size >= v.capacity()) {
                        v = grow(h, v);
                    }
                    Ring.write(v.segment(), v.capacity(), tail, item);
                    Runnable hook = beforeCommit;
                    if (hook != null) {
                        hook.run();
                    }
                    Words.setLong(h, TAIL, tail + 1); // the commit: the item exists from here on
                    committed = true;
                }
            } finally {
                RobustMutex.release(h, PRODUCER);
            }
            if (committed) {
                Words.getAndAddInt(h, PUT_SEQ, 1);
                if (Words.getInt(h, CONSUMER_SLEEPERS) > 0) {
                    Waiting.wakeOne(h, PUT_SEQ);
                }
                return true;
            }
            if (!sleepFor(h, GET_SEQ, PRODUCER_SLEEPERS, roomSeq, deadline)) {
                return false;
            }
        }
    }

    /** Takes the head item. @return it, or null if the queue stayed empty until the deadline */
    Ring.Item take(long deadline) {
        MemorySegment h = header.segment();
        while (true) {
            int itemSeq = Words.getInt(h, PUT_SEQ); // before tail is read
            if (RobustMutex.acquire(h, CONSUMER, lockDeadline(deadline), "consumer lock of queue " + header) == RobustMutex.Result.TIMED_OUT) {
                return null;
            }
            Ring.Item item = null;
            RuntimeException lost = null;
            try {
                long head = Words.getLong(h, HEAD);
                if (head < Words.getLong(h, TAIL)) {
                    RingView v = view(h);
                    try {
                        item = Ring.read(v.segment(), v.capacity(), head);
                    } catch (RuntimeException e) {
                        lost = e; // skip the unreadable item rather than block every consumer on it
                    }
                    Words.setLong(h, HEAD, head + 1);
                }
            } finally {
                RobustMutex.release(h, CONSUMER);
            }
            if (item != null || lost != null) {
                Words.getAndAddInt(h, GET_SEQ, 1);
                if (Words.getInt(h, PRODUCER_SLEEPERS) > 0) {
                    Waiting.wakeOne(h, GET_SEQ);
                }
                if (lost != null) {
                    throw new SerializationException("a queue item could not be read and was dropped: " + lost, lost);
                }
                if (item.spill() != null) {
                    Ring.unlinkQuietly(item.spill());
                }
                return item;
            }
            if (!sleepFor(h, PUT_SEQ, CONSUMER_SLEEPERS, itemSeq, deadline)) {
                return null;
            }
        }
    }

    /** @return copies of the items now in the queue, head first (spilled ones read, not taken) */
    List<Ring.Item> snapshot(int limit) {
        MemorySegment h = header.segment();
        RobustMutex.acquire(h, CONSUMER, Long.MAX_VALUE, "consumer lock of queue " + header);
        try {
            List<Ring.Item> items = new ArrayList<>();
            RingView v = view(h);
            long tail = Words.getLong(h, TAIL);
            for (long p = Words.getLong(h, HEAD); p < tail && items.size() < limit; p++) {
                items.add(Ring.read(v.segment(), v.capacity(), p));
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
            long put = Words.getLong(h, TAIL);
            if (done >= put) {
                throw new IllegalStateException("taskDone() called too many times on queue " + header
                        + " (" + done + " done, " + put + " put)");
            }
            if (Words.casLong(h, DONE, done, done + 1)) {
                if (done + 1 == Words.getLong(h, TAIL)) {
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
            if (Words.getLong(h, DONE) >= Words.getLong(h, TAIL)) {
                return true;
            }
            if (!Waiting.awaitChange(h, DONE_SEQ, seq, deadline, "queue " + header + " join")) {
                return false;
            }
        }
    }

    /**
     * The lock is held only for a slot copy, so even a non-blocking call ({@code putNowait}) waits
     * for it a little rather than report "full" or "empty" because another process was mid-copy.
     */
    private static long lockDeadline(long deadline) {
        long grace = Waiting.deadline(LOCK_GRACE_NANOS);
        return deadline == Long.MAX_VALUE || deadline - grace > 0 ? deadline : grace;
    }

    private static boolean sleepFor(MemorySegment h, long word, long sleepers, int seen, long deadline) {
        // Announce first, then sleep only while the word still holds the value read before the
        // state was checked: a change made after that check is never slept through.
        Words.getAndAddInt(h, sleepers, 1);
        try {
            return Waiting.awaitChange(h, word, seen, deadline, "queue");
        } finally {
            Words.getAndAddInt(h, sleepers, -1);
        }
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

    /** Replaces a full ring by one twice as large. Holds the producer lock; takes the consumer lock. */
    private RingView grow(MemorySegment h, RingView old) {
        RobustMutex.acquire(h, CONSUMER, Long.MAX_VALUE, "consumer lock of queue " + header);
        try {
            if (old.capacity() >= MAX_CAPACITY) {
                throw new IllegalStateException("queue " + header + " holds " + old.capacity() + " items: too many");
            }
            int max = Words.getInt(h, MAXSIZE);
            int capacity = old.capacity() * 2;
            if (max > 0) {
                capacity = Math.min(capacity, max);
            }
            int generation = old.generation() + 1;
            MemorySegment segment = Ring.create(header.name(), generation, capacity);
            Ring.copy(old.segment(), old.capacity(), segment, capacity, Words.getLong(h, HEAD), Words.getLong(h, TAIL));
            Words.setLong(h, RING, ((long) generation << 32) | capacity);
            Ring.unlinkQuietly(Ring.ringName(header.name(), old.generation()));
            RingView fresh = new RingView(generation, capacity, segment);
            view = fresh;
            Segments.detach(Ring.ringName(header.name(), old.generation()));
            return fresh;
        } finally {
            RobustMutex.release(h, CONSUMER);
        }
    }
}
