package io.multiprocessing4j.tck;

import static io.multiprocessing4j.tck.ContractChecks.SHORT;
import static io.multiprocessing4j.tck.ContractChecks.T;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.BufferTooShortException;
import io.multiprocessing4j.Capability;
import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Connection;
import io.multiprocessing4j.ConnectionEOFException;
import io.multiprocessing4j.Multiprocessing;
import io.multiprocessing4j.OperationTimeoutException;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.SerializationException;
import java.util.List;
import org.opentest4j.TestAbortedException;

/** Pipes and connections. */
final class PipeChecks {
    private PipeChecks() {
    }

    static List<Check> checks() {
        CheckList c = new CheckList("pipes");
        c.add("C-01", "a duplex pipe", "both ends send and receive", "the same", env -> {
            Pipe p = env.mp().pipe();
            p.left().send("to right");
            p.right().send("to left");
            assertEquals("to right", p.right().recv(T));
            assertEquals("to left", p.left().recv(T));
            return null;
        });
        c.add("C-02", "a one-way pipe's ends", "Pipe(False): first end reads, second writes", "left readable only, right writable only", env -> {
            Pipe p = env.mp().pipe(false);
            assertTrue(p.left().readable());
            assertFalse(p.left().writable());
            assertTrue(p.right().writable());
            assertFalse(p.right().readable());
            return null;
        });
        c.add("C-03", "send on the receiving end", "OSError: connection is read-only", "IllegalStateException", env -> {
            assertThrows(IllegalStateException.class, () -> env.mp().pipe(false).left().send("x"));
            return null;
        });
        c.add("C-04", "recv on the sending end", "OSError: connection is write-only", "IllegalStateException", env -> {
            assertThrows(IllegalStateException.class, () -> env.mp().pipe(false).right().recv());
            return null;
        });
        c.add("C-05", "messages are delimited and ordered", "one send is one recv, in order", "the same (200 messages)", env -> {
            Pipe p = env.mp().pipe();
            ChildProcess child = env.mp().process((Connection out) -> {
                for (int i = 0; i < 200; i++) {
                    out.send("m" + i);
                }
            }, p.right()).start();
            for (int i = 0; i < 200; i++) {
                assertEquals("m" + i, p.left().recv(T));
            }
            child.join();
            return null;
        });
        c.add("C-06", "recv after the peer closed", "EOFError once everything was read", "ConnectionEOFException, after the messages sent", env -> {
            Pipe p = env.mp().pipe();
            p.right().send("last");
            p.right().close();
            assertEquals("last", p.left().recv(T));
            assertThrows(ConnectionEOFException.class, () -> p.left().recv(T));
            return null;
        });
        c.add("C-07", "EOF when the peer process ends", "EOFError when the child exits", "ConnectionEOFException", env -> {
            Pipe p = env.mp().pipe();
            ChildProcess child = env.mp().process((Connection out) -> {
                out.send("bye");
                out.close();
            }, p.right()).start();
            child.join();
            p.right().close();
            assertEquals("bye", p.left().recv(T));
            assertThrows(ConnectionEOFException.class, () -> p.left().recv(T));
            return null;
        });
        c.add("C-08", "use after close()", "OSError: handle is closed", "IllegalStateException; closed() true; close() idempotent", env -> {
            Pipe p = env.mp().pipe();
            p.left().close();
            p.left().close();
            assertTrue(p.left().closed());
            assertThrows(IllegalStateException.class, () -> p.left().send("x"));
            assertThrows(IllegalStateException.class, () -> p.left().recv());
            assertThrows(IllegalStateException.class, () -> p.left().poll());
            return null;
        });
        c.add("C-09", "poll()", "False when nothing is there, True after a send", "the same", env -> {
            Pipe p = env.mp().pipe();
            assertFalse(p.left().poll());
            assertFalse(p.left().poll(SHORT));
            p.right().send(1);
            assertTrue(p.left().poll(T));
            assertEquals(1, (int) p.left().<Integer>recv(T));
            return null;
        });
        c.add("C-10", "recv with a timeout", "(no timeout in Python: poll first)", "OperationTimeoutException", env -> {
            assertThrows(OperationTimeoutException.class, () -> env.mp().pipe().left().recv(SHORT));
            return null;
        });
        c.add("C-11", "send_bytes / recv_bytes", "the bytes arrive unchanged", "the same", env -> {
            Pipe p = env.mp().pipe();
            byte[] data = {1, 2, 3, 0, -1};
            p.right().sendBytes(data);
            assertArrayEquals(data, p.left().recvBytes());
            return null;
        });
        c.add("C-12", "send_bytes(buf, offset, size)", "sends the slice", "the same", env -> {
            Pipe p = env.mp().pipe();
            p.right().sendBytes(new byte[] {9, 8, 7, 6}, 1, 2);
            assertArrayEquals(new byte[] {8, 7}, p.left().recvBytes());
            return null;
        });
        c.add("C-13", "send_bytes with a bad range", "ValueError: buffer length < offset + size", "IndexOutOfBoundsException", env -> {
            Pipe p = env.mp().pipe();
            assertThrows(IndexOutOfBoundsException.class, () -> p.right().sendBytes(new byte[4], 3, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> p.right().sendBytes(new byte[4], -1, 1));
            assertThrows(NullPointerException.class, () -> p.right().sendBytes(null));
            return null;
        });
        c.add("C-14", "recv_bytes_into a short buffer", "BufferTooShort carrying the whole message", "BufferTooShortException with the message", env -> {
            Pipe p = env.mp().pipe();
            p.right().sendBytes(new byte[] {1, 2, 3, 4, 5});
            var e = assertThrows(BufferTooShortException.class, () -> p.left().recvBytesInto(new byte[3]));
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, e.messageBytes());
            return null;
        });
        c.add("C-15", "recv_bytes_into at an offset", "returns the length; fills from offset", "the same", env -> {
            Pipe p = env.mp().pipe();
            p.right().sendBytes(new byte[] {5, 6});
            byte[] buf = new byte[4];
            assertEquals(2, p.left().recvBytesInto(buf, 1));
            assertArrayEquals(new byte[] {0, 5, 6, 0}, buf);
            return null;
        });
        c.add("C-16", "send(None)", "recv() gives None", "send(null), recv() null", env -> {
            Pipe p = env.mp().pipe();
            p.right().send(null);
            assertNull(p.left().recv(T));
            return null;
        });
        c.add("C-17", "send an object that cannot be serialized", "PicklingError at send", "SerializationException at send (threads: no serialization)", env -> {
            Pipe p = env.mp().pipe();
            if (env.has(Capability.SERIALIZED_ARGUMENTS)) {
                assertThrows(SerializationException.class, () -> p.right().send(new Object()));
            } else {
                p.right().send(new Object());
                assertTrue(p.left().poll(T));
            }
            return null;
        });
        c.add("C-18", "connection.wait() over connections", "returns the readable ones", "waitAny: the same", env -> {
            Pipe a = env.mp().pipe();
            Pipe b = env.mp().pipe();
            assertEquals(List.of(), Multiprocessing.waitAny(List.of(a.left(), b.left()), SHORT));
            b.right().send("x");
            assertEquals(List.of(b.left()), Multiprocessing.waitAny(List.of(a.left(), b.left()), T));
            return null;
        });
        c.add("C-19", "a 1 MB message from a child", "arrives whole", "the same", env -> {
            Pipe p = env.mp().pipe();
            ChildProcess child = env.mp().process((Connection out) -> out.sendBytes(new byte[1 << 20]), p.right()).start();
            assertEquals(1 << 20, p.left().recvBytes().length);
            child.join();
            return null;
        });
        c.add("C-20", "a pipe end sent over a pipe", "connections can be pickled to children", "the handle reattaches in the receiver", env -> {
            Pipe control = env.mp().pipe();
            Pipe data = env.mp().pipe();
            ChildProcess child = env.mp().process((Connection in) -> {
                Connection out = in.recv();
                out.send("through a sent end");
            }, control.right()).start();
            control.left().send(data.right());
            assertEquals("through a sent end", data.left().recv(T));
            child.join();
            return null;
        });
        c.add("C-21", "large messages both ways with a child", "arrive whole and in order", "the same (posix: through the pipe's shared memory)", env -> {
            Pipe p = env.mp().pipe();
            ChildProcess child = env.mp().process((Connection echo) -> {
                for (byte[] m; (m = echo.recvBytes()).length > 0; ) {
                    echo.sendBytes(m);
                }
            }, p.right()).start();
            int[] sizes = {16 * 1024, 64 * 1024, 5, 300_000, (1 << 20) - 64, 2 << 20, 100_000};
            for (int round = 0; round < 2; round++) {
                for (int size : sizes) {
                    byte[] m = pattern(size, size + round);
                    p.left().sendBytes(m);
                    assertArrayEquals(m, p.left().recvBytes(), "echo of " + size + " bytes");
                }
            }
            p.left().sendBytes(new byte[0]);
            child.join();
            assertEquals(0, child.exitCode());
            return null;
        });
        c.add("C-22", "a reading end handed on between large messages", "each holder reads the next ones", "the same where SHARED_PIPE_ENDS (forkjvm: skipped)", env -> {
            if (!env.has(Capability.SHARED_PIPE_ENDS)) {
                throw new TestAbortedException("this backend routes each message to the most recently attached reader"
                        + " (no Capability.SHARED_PIPE_ENDS)");
            }
            Pipe control = env.mp().pipe();
            Pipe data = env.mp().pipe();
            for (int i = 0; i < 4; i++) {
                data.right().sendBytes(pattern(100_000, i));
            }
            assertArrayEquals(pattern(100_000, 0), data.left().recvBytes());
            ChildProcess child = env.mp().process((Connection in) -> {
                Connection end = in.recv();
                in.sendBytes(end.recvBytes());
                in.sendBytes(end.recvBytes());
            }, control.right()).start();
            control.left().send(data.left());
            assertArrayEquals(pattern(100_000, 1), control.left().recvBytes());
            assertArrayEquals(pattern(100_000, 2), control.left().recvBytes());
            assertArrayEquals(pattern(100_000, 3), data.left().recvBytes(), "the parent reads on after the child");
            child.join();
            return null;
        });
        return c.checks();
    }

    /** @return {@code size} bytes that differ with {@code seed} and along the message */
    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed * 7 + (i >>> 8));
        }
        return b;
    }
}
