package io.multiprocessing4j.spi.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.SerializableBiFunction;
import io.multiprocessing4j.SerializableCallable;
import io.multiprocessing4j.SerializableFunction;
import io.multiprocessing4j.SerializationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How pool work travels: every kind round-trips, and only capture-free functions are kept. */
class WorkCodecTest {
    static Object twice(Object x) {
        return (Integer) x * 2;
    }

    /** A serializable function object with state: must be read anew for every task. */
    static final class Counter implements SerializableFunction<Object, Object> {
        private int calls;

        @Override
        public Object apply(Object x) {
            return ++calls;
        }
    }

    /** What the pool knows the one worker of these tests keeps. */
    private final Set<Long> sent = new HashSet<>();

    private Work roundTrip(Work w, Map<Long, Object> cache) {
        return WorkCodec.decode(WorkCodec.encode(w).bytes(0, sent), cache);
    }

    @Test
    void everyKindOfWorkRoundTrips() throws Exception {
        Map<Long, Object> cache = WorkCodec.newCache();
        SerializableFunction<Object, Object> f = WorkCodecTest::twice;
        SerializableBiFunction<Object, Object, Object> add = (a, b) -> (Integer) a + (Integer) b;
        SerializableCallable<Object> call = () -> "called";
        Runnable run = (Runnable & java.io.Serializable) () -> { };
        assertEquals(List.of(14), roundTrip(new Work.Apply1(f, 7), cache).run());
        assertEquals(List.of(5), roundTrip(new Work.Apply2(add, 2, 3), cache).run());
        assertEquals(List.of("called"), roundTrip(new Work.Call(call), cache).run());
        assertEquals(Arrays.asList((Object) null), roundTrip(new Work.Run(run), cache).run());
        assertEquals(List.of(2, 4, 6), roundTrip(new Work.MapChunk(f, List.of(1, 2, 3)), cache).run());
        assertEquals(List.of(3, 7), roundTrip(new Work.StarChunk(add, new ArrayList<>(List.of(1, 3)),
                new ArrayList<>(List.of(2, 4))), cache).run());
        assertEquals(List.of("x!"), roundTrip(new Work.Apply1(s -> s + "!", "x"), cache).run());
    }

    @Test
    void aCaptureFreeFunctionIsReadOnceAndKept() {
        Map<Long, Object> cache = WorkCodec.newCache();
        SerializableFunction<Object, Object> f = WorkCodecTest::twice;
        assertTrue(WorkCodec.isCaptureFree(f.getClass()));
        Work.Apply1 first = (Work.Apply1) roundTrip(new Work.Apply1(f, 1), cache);
        Work.Apply1 second = (Work.Apply1) roundTrip(new Work.Apply1(f, 2), cache);
        assertSame(first.fn(), second.fn(), "the worker reused the function it had read");
        assertNotSame(f, first.fn(), "it is the worker's copy, not the parent's object");
        assertEquals(1, cache.size());
        assertEquals(2, second.arg());
        WorkCodec.Encoded again = WorkCodec.encode(new Work.Apply1(f, 3));
        assertTrue(again.bytes(0, sent).length < again.size() - 100, "its bytes went to this worker once");
        assertTrue(again.bytes(0, new HashSet<>()).length == again.size(), "a new worker gets them");
    }

    @Test
    void aWorkerThatDoesNotKeepANamedFunctionRefusesTheTask() {
        SerializableFunction<Object, Object> f = WorkCodecTest::twice;
        WorkCodec.encode(new Work.Apply1(f, 1)).bytes(0, sent); // sent to a worker...
        byte[] second = WorkCodec.encode(new Work.Apply1(f, 2)).bytes(0, sent);
        var e = assertThrows(SerializationException.class, () -> WorkCodec.decode(second, WorkCodec.newCache()),
                "...that never read it");
        assertTrue(e.getMessage().contains("does not keep"), e.getMessage());
    }

    @Test
    void functionsWithStateAreReadAnewForEveryTask() throws Exception {
        Map<Long, Object> cache = WorkCodec.newCache();
        AtomicInteger base = new AtomicInteger(10);
        int captured = base.get();
        SerializableFunction<Object, Object> capturing = x -> (Integer) x + captured;
        assertFalse(WorkCodec.isCaptureFree(capturing.getClass()), "a lambda that captured a value");
        assertFalse(WorkCodec.isCaptureFree(Counter.class), "a class with fields");
        Work.Apply1 a = (Work.Apply1) roundTrip(new Work.Apply1(capturing, 1), cache);
        Work.Apply1 b = (Work.Apply1) roundTrip(new Work.Apply1(capturing, 1), cache);
        assertNotSame(a.fn(), b.fn());
        Counter counter = new Counter();
        assertEquals(List.of(1), roundTrip(new Work.Apply1(counter, 0), cache).run());
        assertEquals(List.of(1), roundTrip(new Work.Apply1(counter, 0), cache).run(),
                "each task got a fresh copy, as a fresh pickle per task in Python");
        assertTrue(cache.isEmpty());
    }

    @Test
    void malformedWorkIsRefusedWithSerializationException() {
        byte[] good = WorkCodec.encode(new Work.Apply1(WorkCodecTest::twice, 1)).bytes(0, new HashSet<>());
        Map<Long, Object> cache = WorkCodec.newCache();
        assertThrows(SerializationException.class, () -> WorkCodec.decode(Arrays.copyOf(good, good.length - 1), cache));
        assertThrows(SerializationException.class, () -> WorkCodec.decode(Arrays.copyOf(good, good.length + 1), cache));
        byte[] badKind = good.clone();
        badKind[0] = 99;
        assertThrows(SerializationException.class, () -> WorkCodec.decode(badKind, WorkCodec.newCache()));
        byte[] lyingLength = good.clone();
        lyingLength[9] = 0x7f;
        assertThrows(SerializationException.class, () -> WorkCodec.decode(lyingLength, WorkCodec.newCache()));
    }

    @Test
    void theWorkersCacheStaysBoundedAndThePoolKnowsWhatItForgot() throws Exception {
        Map<Long, Object> cache = WorkCodec.newCache();
        for (long id = 1; id < WorkCodec.CACHE_LIMIT; id++) {
            cache.put(id + 1_000_000, "f");
            sent.add(id + 1_000_000);
        }
        SerializableFunction<Object, Object> f = WorkCodecTest::twice;
        SerializableFunction<Object, Object> g = x -> x;
        roundTrip(new Work.Apply1(f, 1), cache); // the limit's last place
        assertEquals(List.of(1), roundTrip(new Work.Apply1(g, 1), cache).run(), "over the limit: all forgotten");
        assertEquals(1, cache.size());
        assertEquals(cache.keySet(), sent, "both sides forgot alike");
        assertEquals(List.of(4), roundTrip(new Work.Apply1(f, 2), cache).run(), "f travels again");
    }
}
