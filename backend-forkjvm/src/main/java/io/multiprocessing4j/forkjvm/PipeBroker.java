package io.multiprocessing4j.forkjvm;

import io.multiprocessing4j.spi.channel.FramedChannel;
import io.multiprocessing4j.spi.channel.UnixConnectionListener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Joins the ends of the pipes made in this process. Java cannot pass a socket to another process,
 * so a pipe end is a handle that attaches where it is used: it connects here (authenticated) and
 * names its pipe and side. One relay thread per side waits (one selector) on every attached copy
 * of that side, takes all that is readable, and passes it on in the order it was sent: each
 * message carries the sender's {@link System#nanoTime()} (a machine-wide clock), so a message sent
 * by a child after its own child ended arrives after that grandchild's, as with Python's shared
 * descriptor.
 *
 * <p>Rules, chosen to match Python's common uses:
 * <ul>
 *   <li>Any number of processes may use one end; messages go to the most recently attached reader
 *       of the other side, and wait here until one attaches.</li>
 *   <li>The other side reads end of stream once every attached copy of an end is closed (or its
 *       process died) and the creator's own copy is closed too, and only after the end was used
 *       at least once: so the parent may close the copy it handed to a child before that child
 *       first used it, as in Python. A child that dies before ever using its end gives no end of
 *       stream (wait with a timeout); a copy closed while another process will still use it later
 *       ends the stream early — Python would count that later user's descriptor.</li>
 * </ul>
 */
final class PipeBroker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PipeBroker.class.getName());
    static final byte ACCEPTED = 1;

    private final UnixConnectionListener listener;
    private final Map<Long, Slot> pipes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** One pipe's state; guarded by itself. */
    private static final class Slot {
        @SuppressWarnings("unchecked")
        final List<FramedChannel>[] attached = new List[] {new ArrayList<>(), new ArrayList<>()};
        final boolean[] originalOpen = {true, true};
        final boolean[] everAttached = new boolean[2];
        final boolean[] eofSent = new boolean[2];
        final Selector[] selectors = new Selector[2];
    }

    /** A message read from one side: its send time, then the payload from byte 8 on (not copied out). */
    private record Stamped(long nanos, byte[] message) {
    }

    PipeBroker(Path socket, byte[] key) {
        listener = new UnixConnectionListener(socket, key);
        Thread t = new Thread(this::acceptLoop, "mp4j-pipe-broker");
        t.setDaemon(true);
        t.start();
    }

    String address() {
        return listener.address();
    }

    /** Registers a new pipe whose two ends are held by this process. */
    void register(long pipeId) {
        pipes.put(pipeId, new Slot());
    }

    /** The creator's own copy of an end was closed. */
    void originalClosed(long pipeId, int side) {
        Slot slot = pipes.get(pipeId);
        if (slot != null) {
            synchronized (slot) {
                slot.originalOpen[side] = false;
                checkEof(slot, side);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            FramedChannel ch;
            try {
                ch = listener.acceptChannel();
            } catch (IllegalStateException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "pipe broker accept failed", e);
                continue;
            }
            try {
                byte[] header = ch.read(TimeUnit.SECONDS.toNanos(10));
                if (header == null || header.length != 9) {
                    ch.close();
                    continue;
                }
                ByteBuffer b = ByteBuffer.wrap(header);
                attach(b.getLong(), b.get() & 1, ch);
            } catch (RuntimeException | IOException e) {
                ch.close();
            }
        }
    }

    private void attach(long pipeId, int side, FramedChannel ch) throws IOException {
        Slot slot = pipes.get(pipeId);
        if (slot == null) {
            ch.close(); // an unknown (or finished) pipe: the peer sees end of stream
            return;
        }
        boolean startRelay;
        Selector sel;
        synchronized (slot) {
            ch.write(new byte[] {ACCEPTED}, 0, 1);
            startRelay = slot.selectors[side] == null;
            if (startRelay) {
                slot.selectors[side] = Selector.open();
            }
            sel = slot.selectors[side];
            slot.attached[side].add(ch);
            slot.everAttached[side] = true;
            if (slot.eofSent[1 - side]) {
                ch.shutdownOutput();
            }
            slot.notifyAll();
        }
        ch.registerForReading(sel, ch);
        sel.wakeup();
        if (startRelay) {
            Thread t = new Thread(() -> relay(pipeId, slot, side, sel), "mp4j-pipe-relay-" + pipeId + "-" + side);
            t.setDaemon(true);
            t.start();
        }
    }

    private void relay(long pipeId, Slot slot, int side, Selector sel) {
        try (sel) {
            while (!closed) {
                List<Stamped> batch = new ArrayList<>();
                List<FramedChannel> ended = new ArrayList<>();
                List<FramedChannel> channels;
                synchronized (slot) {
                    channels = List.copyOf(slot.attached[side]);
                }
                for (FramedChannel ch : channels) {
                    drain(ch, batch, ended);
                }
                if (batch.isEmpty() && ended.isEmpty()) {
                    sel.select(1000);
                    sel.selectedKeys().clear();
                    continue;
                }
                batch.sort(Comparator.comparingLong(Stamped::nanos));
                for (Stamped m : batch) {
                    deliver(slot, 1 - side, m.message());
                }
                // end of stream only after what the ended copies sent was passed on
                for (FramedChannel ch : ended) {
                    ch.close();
                    synchronized (slot) {
                        slot.attached[side].remove(ch);
                        checkEof(slot, side);
                    }
                }
                synchronized (slot) {
                    if (slot.eofSent[side] && slot.attached[side].isEmpty()) {
                        // this end is finished: free its thread and selector (a late copy restarts them)
                        slot.selectors[side] = null;
                        if (slot.eofSent[1 - side]) {
                            pipes.remove(pipeId);
                        }
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "pipe relay ended", e);
        }
    }

    /** Reads everything readable now from one attached copy; notes it in {@code ended} at its end of stream. */
    private static void drain(FramedChannel ch, List<Stamped> batch, List<FramedChannel> ended) {
        try {
            while (ch.poll(0)) {
                byte[] m = ch.read(0);
                if (m == null) {
                    return;
                }
                if (m.length >= 8) {
                    batch.add(new Stamped(ByteBuffer.wrap(m).getLong(), m));
                }
            }
        } catch (RuntimeException e) {
            ended.add(ch);
        }
    }

    /** Passes on a stamped message without its stamp. */
    private void deliver(Slot slot, int toSide, byte[] m) {
        while (!closed) {
            FramedChannel to;
            synchronized (slot) {
                List<FramedChannel> readers = slot.attached[toSide];
                while (readers.isEmpty() && !closed) {
                    try {
                        slot.wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (readers.isEmpty()) {
                    return;
                }
                to = readers.getLast();
            }
            try {
                to.write(m, 8, m.length - 8);
                return;
            } catch (RuntimeException e) {
                synchronized (slot) {
                    slot.attached[toSide].remove(to);
                }
            }
        }
    }

    private static void checkEof(Slot slot, int side) {
        if (slot.attached[side].isEmpty() && slot.everAttached[side] && !slot.originalOpen[side]
                && !slot.eofSent[side]) {
            slot.eofSent[side] = true;
            for (FramedChannel c : slot.attached[1 - side]) {
                c.shutdownOutput();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.close();
        for (Slot s : pipes.values()) {
            synchronized (s) {
                for (List<FramedChannel> side : s.attached) {
                    for (FramedChannel c : side) {
                        c.close();
                    }
                }
                for (Selector sel : s.selectors) {
                    if (sel != null) {
                        sel.wakeup();
                    }
                }
                s.notifyAll();
            }
        }
        pipes.clear();
    }
}
