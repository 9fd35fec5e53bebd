package io.multiprocessing4j.posix.channel;

import static io.multiprocessing4j.posix.channel.ChannelTests.async;
import static io.multiprocessing4j.posix.channel.ChannelTests.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.posix.ffi.Descriptors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Large bodies through a pipe's shared-memory rings, in order with the frames on its socket. */
@Timeout(60)
class RingPathTest {
    private static final long WAIT = TimeUnit.SECONDS.toNanos(20);
    private static final int[] NONE = new int[0];

    private FdChannel left;
    private FdChannel right;

    @BeforeEach
    void pair() {
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        RingFile file = RingFile.create();
        SocketIo.setSendBuffer(pair[0], 512 * 1024); // as PosixConnection.pipe does
        SocketIo.setSendBuffer(pair[1], 512 * 1024);
        left = new FdChannel(pair[0], file, 0, false);
        right = new FdChannel(pair[1], file.duplicate(), 1, false);
    }

    @AfterEach
    void closeBoth() {
        left.close();
        right.close();
    }

    @Test
    void largeBodiesGoThroughTheRingSmallOnesAndOversizedOnesThroughTheSocketAllInOrder() throws Exception {
        int[] sizes = {10, RingPath.MIN_BODY - 1, RingPath.MIN_BODY, 64 * 1024, 5, BodyRing.MAX_BODY,
            BodyRing.MAX_BODY + 1, 300_000, 0, 100_000};
        int ringSized = 5; // MIN_BODY, 64 KiB, MAX_BODY, 300,000 and 100,000
        for (FdChannel[] way : new FdChannel[][] {{left, right}, {right, left}}) {
            FdChannel from = way[0];
            FdChannel to = way[1];
            long before = from.ring().sent();
            // one message at a time, so that the ring is empty at each write: which way each goes is then certain
            Semaphore turn = new Semaphore(1);
            CompletableFuture<Void> writer = async(from, () -> {
                for (int i = 0; i < 3; i++) {
                    for (int size : sizes) {
                        turn.acquireUninterruptibly();
                        from.writeTagged(size & 0x7F, random(size, size + i), 0, size, NONE);
                    }
                }
            });
            for (int i = 0; i < 3; i++) {
                for (int size : sizes) {
                    FdChannel.Frame f = to.readTagged(WAIT, null, 0);
                    assertEquals(size & 0x7F, f.tag(), "tag of " + size);
                    assertEquals(size, f.length());
                    assertArrayEquals(random(size, size + i), f.body(), "body of " + size);
                    turn.release();
                }
            }
            writer.get(20, TimeUnit.SECONDS);
            assertEquals(3 * ringSized, from.ring().sent() - before);
        }
    }

    @Test
    void aRingBodyGoesIntoTheCallersArrayWhenItFits() throws Exception {
        byte[] big = random(100_000, 1);
        left.writeTagged(0, big, 0, big.length, NONE);
        left.writeTagged(0, big, 0, big.length, NONE);
        byte[] into = new byte[100_010];
        FdChannel.Frame fits = right.readTagged(WAIT, into, 10);
        assertSame(into, fits.body());
        assertArrayEquals(big, java.util.Arrays.copyOfRange(into, 10, into.length));
        FdChannel.Frame tooLong = right.readTagged(WAIT, into, 11);
        assertTrue(tooLong.body() != into);
        assertArrayEquals(big, tooLong.body());
        assertEquals(2, left.ring().sent());
    }

    @Test
    void aReaderThatDoesNotReadMakesTheWriterFallBackToTheSocketAndNothingIsLostOrReordered() throws Exception {
        int count = 40; // 2.5 MiB: more than the ring, so the rest must go through the socket
        int size = 64 * 1024;
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = async(left, () -> {
            for (int i = 0; i < count; i++) {
                left.writeTagged(0, random(size, i), 0, size, NONE);
                written.incrementAndGet();
            }
        });
        // The ring holds 15 such blocks: a writer that got further went on through the socket
        // (whose send buffer holds a few more) while nothing was read.
        int ringBlocks = BodyRing.CAPACITY / (size + BodyRing.ALIGN);
        long deadline = System.nanoTime() + WAIT;
        while (written.get() < ringBlocks + 2) {
            assertTrue(System.nanoTime() < deadline, "the writer stopped at " + written.get());
            Thread.onSpinWait();
        }
        for (int i = 0; i < count; i++) {
            assertArrayEquals(random(size, i), right.readTagged(WAIT, null, 0).body(), "message " + i);
        }
        writer.get(20, TimeUnit.SECONDS);
        long sent = left.ring().sent();
        assertTrue(sent >= ringBlocks && sent < count, "through the ring: " + sent);
    }

    @Test
    void descriptorsStillTravelOnTheSocketBetweenRingBodies() throws Exception {
        int[] pipe = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            byte[] big = random(50_000, 2);
            left.writeTagged(0, big, 0, big.length, NONE);
            left.writeTagged(1, big, 0, big.length, new int[] {pipe[1]});
            left.writeTagged(0, big, 0, big.length, NONE);
            assertArrayEquals(big, right.readTagged(WAIT, null, 0).body());
            FdChannel.Frame withFd = right.readTagged(WAIT, null, 0);
            assertEquals(1, withFd.tag());
            assertArrayEquals(big, withFd.body());
            int received = right.takeDescriptors(1)[0];
            Descriptors.close(received);
            assertArrayEquals(big, right.readTagged(WAIT, null, 0).body());
            assertEquals(2, left.ring().sent());
        } finally {
            Descriptors.close(pipe[0]);
            Descriptors.close(pipe[1]);
        }
    }

    @Test
    void theReferenceTagIsReservedOnAPipeEnd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> left.writeTagged(RingPath.TAG, new byte[1], 0, 1, NONE));
        assertTrue(e.getMessage().contains("tag 255"), e.getMessage());
    }

    @Test
    void aRingFileOfTheWrongSizeIsRefusedAndTheWriterUsesTheSocket() throws Exception {
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        int fake = io.multiprocessing4j.posix.ffi.Memory.memfdCreate("fake", io.multiprocessing4j.posix.ffi.Memory.MFD_CLOEXEC);
        io.multiprocessing4j.posix.ffi.Memory.ftruncate(fake, 4096);
        FdChannel writer = new FdChannel(pair[0], RingFile.adopt(fake), 0, false);
        FdChannel reader = new FdChannel(pair[1]);
        try {
            byte[] big = random(70_000, 3);
            writer.writeTagged(0, big, 0, big.length, NONE);
            assertEquals(0, writer.ring().sent());
            assertArrayEquals(big, reader.readTagged(WAIT, null, 0).body());
        } finally {
            writer.close();
            reader.close();
        }
    }
}
