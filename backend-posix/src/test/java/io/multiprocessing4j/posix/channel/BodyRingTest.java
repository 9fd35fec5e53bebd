package io.multiprocessing4j.posix.channel;

import static io.multiprocessing4j.posix.channel.ChannelTests.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ConnectionEOFException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reserving, reading and reclaiming the blocks of one {@link BodyRing} (in ordinary memory). */
class BodyRingTest {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment memory = arena.allocate(BodyRing.HALF, 64);
    private final BodyRing ring = new BodyRing(memory);

    @AfterEach
    void free() {
        arena.close();
    }

    private long write(byte[] body) {
        long at = ring.reserve(body.length);
        assertTrue(at >= 0, "no room for " + body.length + " bytes: " + at);
        ring.put(at, body, 0, body.length);
        return at;
    }

    private void assertBody(long at, byte[] expected) {
        byte[] out = new byte[expected.length + 2];
        ring.take(at, expected.length, out, 1);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 1, expected.length + 1));
    }

    @Test
    void bodiesRoundTripAcrossManyLapsIncludingTheWrap() {
        // sizes that do not divide the capacity, and two bodies always in flight, so that blocks
        // meet the end of the ring and skip blocks are made
        int[] sizes = {100_000, 65_536, 1, 300_000, 0, 77_777};
        java.util.ArrayDeque<long[]> inFlight = new java.util.ArrayDeque<>();
        int wraps = 0;
        long last = -1;
        for (int i = 0; i < 200; i++) {
            byte[] body = random(sizes[i % sizes.length], i);
            long at = write(body);
            assertEquals(0, at % BodyRing.ALIGN);
            assertTrue(at + BodyRing.BLOCK_HEADER + body.length <= BodyRing.CAPACITY, "block runs past the end: " + at);
            wraps += at < last ? 1 : 0;
            last = at;
            inFlight.add(new long[] {at, i});
            if (inFlight.size() > 2) {
                long[] oldest = inFlight.poll();
                assertBody(oldest[0], random(sizes[(int) oldest[1] % sizes.length], oldest[1]));
            }
        }
        assertTrue(wraps > 10, "wrapped " + wraps + " times");
        for (long[] b : inFlight) {
            assertBody(b[0], random(sizes[(int) b[1] % sizes.length], b[1]));
        }
        ring.reserve(0); // reclaims everything read
        assertEquals(BodyRing.ALIGN, ring.inUse());
    }

    @Test
    void aFullRingSaysFullUntilTheOldestBlockIsRead() {
        int size = BodyRing.CAPACITY / 4 - BodyRing.BLOCK_HEADER;
        List<Long> blocks = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(random(size, i));
            blocks.add(write(bodies.get(i)));
        }
        assertEquals(BodyRing.FULL, ring.reserve(1));
        // a later block read first frees nothing: reclaiming goes in address order
        assertBody(blocks.get(2), bodies.get(2));
        assertEquals(BodyRing.FULL, ring.reserve(1));
        assertBody(blocks.get(0), bodies.get(0));
        long again = ring.reserve(size);
        assertEquals(blocks.get(0), again);
        assertEquals(BodyRing.FULL, ring.reserve(size)); // block 1 is still unread
        assertBody(blocks.get(1), bodies.get(1));
        assertBody(blocks.get(3), bodies.get(3));
        assertTrue(ring.reserve(2 * size) >= 0, "blocks 1 to 3 were read and are reusable");
    }

    @Test
    void aBodyLargerThanTheRingIsRefusedNotFull() {
        assertEquals(BodyRing.REFUSED, ring.reserve(BodyRing.MAX_BODY + 1));
        assertEquals(BodyRing.REFUSED, ring.reserve(-1));
        assertEquals(0, ring.reserve(BodyRing.MAX_BODY));
    }

    @Test
    void aHeldLockRefusesAtOnceInsteadOfWaiting() {
        memory.set(ValueLayout.JAVA_INT, 0, 123_456); // a writer elsewhere (or one killed while reserving)
        assertEquals(BodyRing.REFUSED, ring.reserve(10));
        memory.set(ValueLayout.JAVA_INT, 0, 0);
        assertEquals(0, ring.reserve(10));
    }

    @Test
    void aReleasedBlockIsReusedWithoutBeingRead() {
        long at = write(random(BodyRing.MAX_BODY - 1000, 1));
        assertEquals(BodyRing.FULL, ring.reserve(5000));
        ring.release(at);
        assertTrue(ring.reserve(5000) >= 0);
    }

    @Test
    void aCorruptReferenceIsRefusedWithoutReadingOutsideTheRing() {
        byte[] body = random(1000, 3);
        long at = write(body);
        byte[] out = new byte[4096];
        assertThrows(ConnectionEOFException.class, () -> ring.take(at + 8, 10, out, 0)); // not a block start
        assertThrows(ConnectionEOFException.class, () -> ring.take(BodyRing.CAPACITY, 10, out, 0));
        assertThrows(ConnectionEOFException.class, () -> ring.take(-64, 10, out, 0));
        assertThrows(ConnectionEOFException.class, () -> ring.take(at, 2000, out, 0)); // longer than the block
        assertThrows(ConnectionEOFException.class, () -> ring.take(at + 1024, 10, out, 0)); // no block in flight
        assertBody(at, body);
        ConnectionEOFException twice = assertThrows(ConnectionEOFException.class, () -> ring.take(at, 1000, out, 0));
        assertTrue(twice.getMessage().contains("offset " + at), twice.getMessage());
    }

    @Test
    void tooLittleMemoryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BodyRing(memory.asSlice(0, BodyRing.HALF - 1)));
    }
}
