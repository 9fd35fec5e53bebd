package io.multiprocessing4j.posix.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DescriptorsTest {

    @Test
    void pipeCarriesBytesAndReportsEof() {
        int[] pipe = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            assertTrue(Descriptors.isCloseOnExec(pipe[0]));
            assertEquals(0, Descriptors.poll(pipe[0], Descriptors.POLLIN, 0), "empty pipe is not readable");
            Descriptors.writeFully(pipe[1], "abc".getBytes(StandardCharsets.US_ASCII));
            Descriptors.close(pipe[1]);
            byte[] in = new byte[8];
            assertEquals(3, Descriptors.read(pipe[0], in, 2, 6));
            assertArrayEquals(new byte[] {0, 0, 'a', 'b', 'c', 0, 0, 0}, in);
            assertEquals(0, Descriptors.read(pipe[0], in, 0, 8), "EOF after the writer closed");
        } finally {
            Descriptors.close(pipe[0]);
        }
    }

    @Test
    void socketpairSendsAndReceivesAndNonBlockingEmptyReadGivesMinusOne() {
        int[] pair = Descriptors.socketpair(
                Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC | Descriptors.SOCK_NONBLOCK);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(16);
            assertEquals(-1, Descriptors.recv(pair[0], buffer, 0), "EAGAIN on an empty non-blocking socket");
            assertEquals(5, Descriptors.send(pair[1], arena.allocateFrom("hello").asSlice(0, 5),
                    Descriptors.MSG_NOSIGNAL));
            assertEquals(Descriptors.POLLIN, Descriptors.poll(pair[0], Descriptors.POLLIN, 20_000));
            assertEquals(5, Descriptors.recv(pair[0], buffer, 0));
            assertEquals("hello", buffer.getString(0));
        } finally {
            Descriptors.close(pair[0]);
            Descriptors.close(pair[1]);
        }
    }

    @Test
    void sendToAVanishedPeerIsEpipeNotSigpipe() {
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        Descriptors.close(pair[0]);
        try (Arena arena = Arena.ofConfined()) {
            PosixException e = assertThrows(PosixException.class,
                    () -> Descriptors.send(pair[1], arena.allocate(1), Descriptors.MSG_NOSIGNAL));
            assertEquals(Errno.EPIPE, e.errno());
            assertEquals("send", e.function());
        } finally {
            Descriptors.close(pair[1]);
        }
    }

    @Test
    void closeOnExecCanBeClearedAndSet() {
        int[] pipe = Descriptors.pipe2(Descriptors.O_CLOEXEC);
        try {
            Descriptors.setCloseOnExec(pipe[0], false);
            assertFalse(Descriptors.isCloseOnExec(pipe[0]));
            Descriptors.setCloseOnExec(pipe[0], true);
            assertTrue(Descriptors.isCloseOnExec(pipe[0]));
            int copy = Descriptors.dupCloseOnExec(pipe[0], 100);
            assertTrue(copy >= 100);
            assertTrue(Descriptors.isCloseOnExec(copy));
            Descriptors.close(copy);
        } finally {
            Descriptors.close(pipe[0]);
            Descriptors.close(pipe[1]);
        }
    }

    @Test
    void closingABadDescriptorNamesCloseAndEbadf() {
        PosixException e = assertThrows(PosixException.class, () -> Descriptors.close(1_000_000));
        assertEquals("close(1000000) failed: errno 9 (EBADF): Bad file descriptor", e.getMessage());
    }

    @Test
    void pollArraysMustAgreeInLength() {
        assertThrows(IllegalArgumentException.class,
                () -> Descriptors.poll(new int[2], new short[1], new short[2], 0));
    }
}
