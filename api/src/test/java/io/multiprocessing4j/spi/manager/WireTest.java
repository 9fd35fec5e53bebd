package io.multiprocessing4j.spi.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.multiprocessing4j.spi.remote.RemoteFailure;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manager's frames: what {@link Wire} writes it reads back, and a frame cut short is refused. */
class WireTest {
    private static final Class<?>[] TYPES = {Object.class, int.class, long.class, boolean.class, double.class,
        String.class, Object[].class};

    @Test
    void compactInvokesRoundTrip() {
        Object[] args = {List.of("x"), -7, Long.MIN_VALUE + 3, true, 2.5, "ünïcödé ✓", new Object[] {1, null}};
        Protocol.Invoke sent = new Protocol.Invoke(1L << 40 | 5, "méthod", TYPES, args, "12/name ✓/99");
        byte[] bytes = Wire.request(sent);
        assertEquals(1, bytes[0], "the compact form");
        Protocol.Invoke got = (Protocol.Invoke) Wire.request(bytes);
        assertEquals(sent.id(), got.id());
        assertEquals(sent.method(), got.method());
        assertEquals(sent.caller(), got.caller());
        assertArrayEquals(TYPES, got.types());
        assertEquals(List.of("x"), got.args()[0]);
        assertEquals(Arrays.asList(args).subList(1, 6), Arrays.asList(got.args()).subList(1, 6));
        assertArrayEquals((Object[]) args[6], (Object[]) got.args()[6]);

        Protocol.Invoke none = (Protocol.Invoke) Wire.request(Wire.request(
                new Protocol.Invoke(0, "size", new Class<?>[0], new Object[0], "")));
        assertEquals(0, none.args().length);
        assertEquals("", none.caller());
    }

    @Test
    void otherRequestsAndLargeValuesRoundTrip() {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 9);
        Protocol.Invoke withBig = (Protocol.Invoke) Wire.request(Wire.request(
                new Protocol.Invoke(3, "put", new Class<?>[] {Object.class, Object.class}, new Object[] {"k", big}, "c")));
        assertArrayEquals(big, (byte[]) withBig.args()[1]);

        Protocol.Invoke uncommonType = new Protocol.Invoke(3, "m", new Class<?>[] {List.class}, new Object[] {List.of(1)},
                "c");
        byte[] javaForm = Wire.request(uncommonType);
        assertEquals(0, javaForm[0], "a parameter type outside the short list goes Java-serialized");
        assertEquals(List.of(1), ((Protocol.Invoke) Wire.request(javaForm)).args()[0]);
        assertInstanceOf(Protocol.Drain.class, Wire.request(Wire.request(new Protocol.Drain(4, 10))));
    }

    @Test
    void repliesRoundTrip() {
        assertEquals(42, Wire.reply(Wire.reply(new Protocol.Reply(42, null))).value());
        assertNull(Wire.reply(Wire.reply(new Protocol.Reply(null, null))).value());
        Protocol.Reply failed = Wire.reply(Wire.reply(new Protocol.Reply(null,
                RemoteFailure.of(new IllegalArgumentException("bad"), true))));
        assertInstanceOf(IllegalArgumentException.class, failed.failure().exception());
    }

    @Test
    void aFrameCutShortIsRefused() {
        byte[] whole = Wire.request(new Protocol.Invoke(9, "get", new Class<?>[] {Object.class}, new Object[] {"key"},
                "caller"));
        for (int cut = 2; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThrows(RuntimeException.class, () -> Wire.request(part), "cut at " + cut);
        }
        byte[] reply = Wire.reply(new Protocol.Reply("value", null));
        assertThrows(IllegalStateException.class, () -> Wire.reply(Arrays.copyOf(reply, 3)));
    }
}
