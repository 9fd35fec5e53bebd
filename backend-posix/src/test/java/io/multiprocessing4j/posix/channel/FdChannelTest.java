package io.multiprocessing4j.posix.channel;

import static io.multiprocessing4j.posix.channel.ChannelTests.async;
import static io.multiprocessing4j.posix.channel.ChannelTests.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.posix.ffi.Descriptors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Framing, buffering, descriptor passing and waiting of {@link FdChannel} over a socketpair. */
@Timeout(60)
class FdChannelTest {
    /** Sizes around every buffer boundary: empty, tiny, the outbox and inbox edges, 64 KiB, 1 MiB + 1. */
    private static final int[] SIZES = {0, 1, 2, Inbox.HEADER - 5, Inbox.HEADER + 3, FdChannel.OUTBOX - 5,
        FdChannel.OUTBOX - 4, FdChannel.OUTBOX, 64 * 1024, (1 << 20) + 1};

    private FdChannel left;
    private FdChannel right;

    @BeforeEach
    void pair() {
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        left = new FdChannel(pair[0]);
        right = new FdChannel(pair[1]);
    }

    @AfterEach
    void closeBoth() {
        left.close();
        right.close();
    }

    @Test
    void everySizeArrivesIntactBothWaysUntaggedAndTagged() throws Exception {
        for (FdChannel[] way : new FdChannel[][] {{left, right}, {right, left}}) {
            FdChannel from = way[0];
            FdChannel to = way[1];
            CompletableFuture<Void> writer = async(from, () -> {
                for (int size : SIZES) {
                    from.write(random(size, size), 0, size);
                    byte[] padded = random(size + 6, size);
                    from.writeTagged(size & 0xFF, padded, 3, size, new int[0]);
                }
            });
            for (int size : SIZES) {
                assertArrayEquals(random(size, size), to.read(TimeUnit.SECONDS.toNanos(20)), "untagged " + size);
                FdChannel.Frame f = to.readTagged(TimeUnit.SECONDS.toNanos(20), null, 0);
                assertEquals(size & 0xFF, f.tag());
                assertEquals(size, f.length());
                byte[] expected = java.util.Arrays.copyOfRange(random(size + 6, size), 3, size + 3);
                assertArrayEquals(expected, f.body(), "tagged " + size);
            }
            writer.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTaggedBodyGoesIntoTheCallersArrayOnlyWhenItFits() throws Exception {
        byte[] big = random(100_000, 1);
        CompletableFuture<Void> writer = async(left, () -> {
            left.writeTagged(7, big, 0, big.length, new int[0]);
            left.writeTagged(8, big, 0, big.length, new int[0]);
        });
        byte[] into = new byte[100_010];
        FdChannel.Frame fits = right.readTagged(TimeUnit.SECONDS.toNanos(20), into, 10);
        assertSame(into, fits.body());
        assertEquals(big.length, fits.length());
        assertArrayEquals(big, java.util.Arrays.copyOfRange(into, 10, into.length));
        FdChannel.Frame tooLong = right.readTagged(TimeUnit.SECONDS.toNanos(20), into, 11);
        assertFalse(tooLong.body() == into, "a body that does not fit gets its own array");
        assertArrayEquals(big, tooLong.body());
        assertEquals(8, tooLong.tag());
        writer.get(20, TimeUnit.SECONDS);
    }

    @Test
    void descriptorsTravelWithTheirMessageAmongLargeOnes() throws Exception {
        List<int[]> pipes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pipes.add(Descriptors.pipe2(Descriptors.O_CLOEXEC));
        }
        try {
            int big = (1 << 20) + 1;
            CompletableFuture<Void> writer = async(left, () -> {
                for (int i = 0; i < 3; i++) {
                    left.write(random(big, i), 0, big);
                    left.writeTagged(1, new byte[] {(byte) i}, 0, 1, new int[] {pipes.get(i)[1]});
                    left.writeTagged(0, random(FdChannel.OUTBOX, i), 0, FdChannel.OUTBOX, new int[0]);
                }
            });
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(random(big, i), right.read(TimeUnit.SECONDS.toNanos(20)));
                FdChannel.Frame f = right.readTagged(TimeUnit.SECONDS.toNanos(20), null, 0);
                assertEquals(1, f.tag());
                assertEquals(i, f.body()[0]);
                int[] fds = right.takeDescriptors(f.tag());
                assertEquals(1, fds.length);
                // the received copy writes into the pipe whose read end we kept
                Descriptors.writeFully(fds[0], new byte[] {(byte) (40 + i)});
                Descriptors.close(fds[0]);
                byte[] one = new byte[1];
                assertEquals(Descriptors.POLLIN, Descriptors.poll(pipes.get(i)[0], Descriptors.POLLIN, 20_000));
                assertEquals(1, Descriptors.read(pipes.get(i)[0], one, 0, 1));
                assertEquals(40 + i, one[0]);
                FdChannel.Frame after = right.readTagged(TimeUnit.SECONDS.toNanos(20), null, 0);
                assertArrayEquals(random(FdChannel.OUTBOX, i), after.body());
                assertEquals(0, right.takeDescriptors(0).length);
            }
            writer.get(20, TimeUnit.SECONDS);
        } finally {
            for (int[] p : pipes) {
                Descriptors.close(p[0]);
                Descriptors.close(p[1]);
            }
        }
    }

    @Test
    void aTimeoutIsHonouredAndPollOnlyLooks() {
        assertFalse(right.poll(0));
        long start = System.nanoTime();
        assertNull(right.read(TimeUnit.MILLISECONDS.toNanos(150)));
        assertNull(right.readTagged(TimeUnit.MILLISECONDS.toNanos(50), null, 0));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(200), "returned early: " + waited + " ns");
        assertTrue(waited < TimeUnit.SECONDS.toNanos(10), "returned late: " + waited + " ns");
        left.write(new byte[] {1}, 0, 1);
        assertTrue(right.poll(TimeUnit.SECONDS.toNanos(20)));
        assertArrayEquals(new byte[] {1}, right.read(0));
    }

    @Test
    void aVirtualThreadWaitsOutItsTimeoutReadsAndSeesAnInterrupt() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread timed = Thread.ofVirtual().start(() -> {
            long start = System.nanoTime();
            byte[] none = right.read(TimeUnit.MILLISECONDS.toNanos(30));
            outcome.set(none == null ? System.nanoTime() - start : "a message from nowhere");
        });
        timed.join(TimeUnit.SECONDS.toMillis(20));
        assertTrue(outcome.get() instanceof Long waited && waited >= TimeUnit.MILLISECONDS.toNanos(30),
                String.valueOf(outcome.get()));

        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> read.complete(right.read(TimeUnit.SECONDS.toNanos(20))));
        left.write(random(100_000, 5), 0, 100_000);
        assertArrayEquals(random(100_000, 5), read.get(20, TimeUnit.SECONDS));

        // interrupted before or while it waits: either way the read ends with the interrupt
        Thread blocked = Thread.ofVirtual().start(() -> {
            try {
                right.read(Long.MAX_VALUE);
                outcome.set("no interrupt seen");
            } catch (ProcessInterruptedException e) {
                outcome.set(e);
            }
        });
        blocked.interrupt();
        blocked.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(blocked.isAlive());
        assertTrue(outcome.get() instanceof ProcessInterruptedException, String.valueOf(outcome.get()));
    }

    @Test
    void anInterruptStopsABlockedRead() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CountDownLatch reading = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            reading.countDown();
            try {
                right.read(Long.MAX_VALUE);
            } catch (Throwable e) {
                seen.set(e);
            }
        });
        assertTrue(reading.await(20, TimeUnit.SECONDS));
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(t.isAlive());
        assertTrue(seen.get() instanceof ProcessInterruptedException, String.valueOf(seen.get()));
        // the channel still works
        left.write(new byte[] {5}, 0, 1);
        assertArrayEquals(new byte[] {5}, right.read(TimeUnit.SECONDS.toNanos(20)));
    }

    @Test
    void closeDuringABlockedReadEndsIt() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                right.read(Long.MAX_VALUE);
            } catch (Throwable e) {
                seen.set(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!sleepingInPoll(reader)) {
            assertTrue(System.nanoTime() < deadline, "the reader never reached its wait");
            Thread.onSpinWait();
        }
        right.close();
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(reader.isAlive());
        assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
        assertThrows(IllegalStateException.class, () -> right.read(0));
    }

    /** Whether {@code t} is past its spin, sleeping in a poll slice. */
    private static boolean sleepingInPoll(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        boolean inWait = false;
        for (StackTraceElement e : stack) {
            inWait |= e.getMethodName().equals("waitFor");
        }
        return inWait && stack.length > 0 && !stack[0].getMethodName().equals("onSpinWait")
                && java.util.Arrays.stream(stack).noneMatch(e -> e.getMethodName().equals("nanoTime"));
    }

    @Test
    void endOfStreamBetweenAndInsideMessages() throws Exception {
        left.write(new byte[] {9}, 0, 1);
        left.close();
        assertArrayEquals(new byte[] {9}, right.read(TimeUnit.SECONDS.toNanos(20)));
        assertThrows(ConnectionEOFException.class, () -> right.read(TimeUnit.SECONDS.toNanos(20)));
        assertTrue(right.poll(0), "end of stream is readable");

        int[] raw = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        try (FdChannel reader = new FdChannel(raw[0])) {
            // a header announcing 100 000 bytes, then only 3, then the writer goes away
            Descriptors.writeFully(raw[1], new byte[] {0, 1, (byte) 0x86, (byte) 0xA0, 1, 2, 3});
            Descriptors.close(raw[1]);
            ConnectionEOFException e = assertThrows(ConnectionEOFException.class,
                    () -> reader.read(TimeUnit.SECONDS.toNanos(20)));
            assertTrue(e.getMessage().contains("middle"), e.getMessage());
        }
    }

    @Test
    void aChannelMadeToReadAheadTakesSeveralMessagesPerCallAndLosesNone() throws Exception {
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        FdChannel writer = new FdChannel(pair[0]);
        FdChannel reader = new FdChannel(pair[1], null, 0, true);
        int[] pipe = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            SocketIo.setSendBuffer(writer.fd(), 1 << 20);
            int[] sizes = {10, 0, 3000, Inbox.READ_AHEAD + 7, 64 * 1024, 1};
            for (int i = 0; i < 60; i++) {
                int size = sizes[i % sizes.length];
                writer.writeTagged(i == 30 ? 1 : 0, random(size, i), 0, size, i == 30 ? new int[] {pipe[1]} : new int[0]);
            }
            long timeout = TimeUnit.SECONDS.toNanos(20);
            for (int i = 0; i < 60; i++) {
                FdChannel.Frame f = reader.readTagged(timeout, null, 0);
                assertArrayEquals(random(sizes[i % sizes.length], i), f.body(), "message " + i);
                if (i == 30) {
                    assertEquals(1, f.tag());
                    Descriptors.close(reader.takeDescriptors(1)[0]);
                }
            }
            assertFalse(reader.poll(0));
            assertTrue(reader.stagedBytes() > 0, "small bodies came with earlier reads");
        } finally {
            writer.close();
            reader.close();
            Descriptors.close(pipe[0]);
            Descriptors.close(pipe[1]);
        }
    }

    @Test
    void aReadTakesNoByteOfTheNextMessageSoAnotherHolderOfTheEndReadsItWhole() throws Exception {
        SocketIo.setSendBuffer(left.fd(), 1 << 20); // all of it fits: written before anything is read
        int large = 64 * 1024;
        int[] sizes = {100, 0, large, 1, large, 3, 100};
        int[] pipe = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        for (int i = 0; i < sizes.length; i++) {
            if (i == 3) {
                left.writeTagged(9, random(1, 9), 0, 1, new int[] {pipe[1]});
            }
            if (i % 2 == 0) {
                left.writeTagged(i, random(sizes[i], i), 0, sizes[i], new int[0]);
            } else {
                left.write(random(sizes[i], i), 0, sizes[i]);
            }
        }
        // a second holder of the same socket, as a process the end was handed to would be
        FdChannel other = new FdChannel(Descriptors.dupCloseOnExec(right.fd(), 0));
        try {
            long timeout = TimeUnit.SECONDS.toNanos(20);
            for (int i = 0; i < sizes.length; i++) {
                FdChannel reader = i % 3 == 1 ? other : right;
                if (i == 3) {
                    FdChannel.Frame withFd = reader.readTagged(timeout, null, 0);
                    assertEquals(9, withFd.tag());
                    Descriptors.close(reader.takeDescriptors(1)[0]);
                }
                assertTrue(reader.poll(timeout));
                if (i % 2 == 0) {
                    FdChannel.Frame f = reader.readTagged(timeout, new byte[sizes[i]], 0);
                    assertEquals(i, f.tag());
                    assertArrayEquals(random(sizes[i], i), f.body(), "message " + i);
                } else {
                    assertArrayEquals(random(sizes[i], i), reader.read(timeout), "message " + i);
                }
            }
            assertFalse(right.poll(0));
            assertFalse(other.poll(0));
            assertEquals(0, right.stagedBytes() + other.stagedBytes(), "no body byte staged in a native buffer");
        } finally {
            other.close();
            Descriptors.close(pipe[0]);
            Descriptors.close(pipe[1]);
        }
    }

    @Test
    void aWriteToAClosedPeerSaysTheOtherEndIsGone() {
        right.close();
        assertThrows(ConnectionEOFException.class, () -> {
            for (int i = 0; i < 100; i++) {
                left.write(new byte[70_000], 0, 70_000);
            }
        });
    }
}
