package io.multiprocessing4j.posix.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BufferTooShortException;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.OperationTimeoutException;
import io.multiprocessing4j.Pipe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A posix pipe in one process: objects in both encodings, raw bytes into the caller's buffer. */
@Timeout(60)
class PosixConnectionTest {
    private Connection a;
    private Connection b;

    @BeforeEach
    void open() {
        Pipe p = PosixConnection.pipe(true);
        a = p.left();
        b = p.right();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void compactAndSerializedObjectsArriveEqual() {
        List<Object> values = java.util.Arrays.asList(7, null, "ready", 3L, 2.5, true, Map.of("k", List.of(1, 2)));
        for (Object v : values) {
            a.send(v);
        }
        for (Object v : values) {
            assertEquals(v, b.recv(Duration.ofSeconds(20)));
        }
        a.send(new byte[] {1, 2});
        assertArrayEquals(new byte[] {1, 2}, b.<byte[]>recv());
    }

    @Test
    void recvBytesIntoFillsTheCallersBufferOrReportsTheWholeMessage() {
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 3);
        Thread writer = Thread.ofPlatform().start(() -> {
            b.sendBytes(big);
            b.sendBytes(new byte[0]);
            b.sendBytes(big, 1, 10);
        });
        byte[] into = new byte[200_004];
        assertEquals(big.length, a.recvBytesInto(into, 4));
        assertArrayEquals(big, java.util.Arrays.copyOfRange(into, 4, into.length));
        assertEquals(0, a.recvBytesInto(into, into.length));
        BufferTooShortException e = assertThrows(BufferTooShortException.class, () -> a.recvBytesInto(new byte[4], 0));
        assertEquals(10, e.messageBytes().length);
        assertThrows(OperationTimeoutException.class, () -> a.recv(Duration.ofMillis(20)));
        try {
            writer.join(20_000);
        } catch (InterruptedException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void endsHandedOnInAMessageShareTheRingsAndEveryDescriptorIsClosedWithThem() throws Exception {
        long before = openDescriptors();
        for (int round = 0; round < 20; round++) {
            Pipe data = PosixConnection.pipe(true);
            byte[] big = new byte[100_000];
            java.util.Arrays.fill(big, (byte) round);
            data.right().sendBytes(big);
            data.right().sendBytes(big);
            assertArrayEquals(big, data.left().recvBytes()); // maps the ring in this copy
            a.send(data.left()); // the end travels with its socket and its ring file
            Connection copy = b.recv(Duration.ofSeconds(20));
            assertArrayEquals(big, copy.recvBytes(), "the second holder reads the next body from the ring");
            copy.close();
            data.left().close();
            data.right().close();
        }
        assertEquals(before, openDescriptors(), "ring files left open");
        assertTrue(before >= 2, "the pipe of every test has its ring file: " + before);
    }

    /** @return how many pipe ring files this process has open (other tests' background work opens other kinds) */
    private static long openDescriptors() throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).toString().startsWith("/memfd:mp4j-pipe");
                } catch (java.io.IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }
}
