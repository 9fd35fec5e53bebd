package io.multiprocessing4j.spi.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.SerializableFunction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Pool frames: several chunks for one worker travel as one BATCH message and come back in order. */
class MessagesTest {
    static Object plusOne(Object x) {
        return (Integer) x + 1;
    }

    private static Chunk chunk(long id, int arg) {
        SerializableFunction<Object, Object> f = MessagesTest::plusOne;
        return new Chunk(null, 0, id, true, WorkCodec.encode(new Work.Apply1(f, arg)), "task " + id);
    }

    private static byte[] sent(List<Chunk> chunks, Set<Long> functions) {
        Connection conn = mock(Connection.class);
        Messages.sendRun(conn, chunks, functions);
        ArgumentCaptor<byte[]> frame = ArgumentCaptor.forClass(byte[].class);
        verify(conn).sendBytes(frame.capture());
        return frame.getValue();
    }

    @Test
    void severalChunksGoInOneMessageAndComeBackInOrder() throws Exception {
        Set<Long> functions = new HashSet<>();
        byte[] frame = sent(List.of(chunk(11, 1), chunk(12, 2), chunk(13, 3)), functions);
        Messages.Batch batch = assertInstanceOf(Messages.Batch.class, Messages.decode(frame));
        assertEquals(List.of(11L, 12L, 13L), batch.tasks().stream().map(Messages.RunTask::taskId).toList());
        var cache = WorkCodec.newCache();
        List<Object> results = new ArrayList<>();
        for (Messages.RunTask t : batch.tasks()) {
            results.addAll(WorkCodec.decode((byte[]) t.work(), cache).run());
        }
        assertEquals(List.of(2, 3, 4), results, "the function travelled with the first only, and was kept");
        assertEquals(1, cache.size());
    }

    @Test
    void oneChunkIsAPlainRunFrame() {
        Object one = Messages.decode(sent(List.of(chunk(5, 1)), new HashSet<>()));
        assertEquals(5L, assertInstanceOf(Messages.RunTask.class, one).taskId());
    }

    @Test
    void malformedBatchesAreRefused() {
        byte[] good = sent(List.of(chunk(1, 1), chunk(2, 2)), new HashSet<>());
        assertThrows(IllegalStateException.class, () -> Messages.decode(Arrays.copyOf(good, good.length - 1)));
        assertThrows(IllegalStateException.class, () -> Messages.decode(Arrays.copyOf(good, good.length + 3)));
        byte[] lyingCount = good.clone();
        ByteBuffer.wrap(lyingCount).putInt(9, 1_000_000);
        assertThrows(IllegalStateException.class, () -> Messages.decode(lyingCount));
        byte[] lyingPart = good.clone();
        ByteBuffer.wrap(lyingPart).putInt(13, Integer.MAX_VALUE);
        assertThrows(IllegalStateException.class, () -> Messages.decode(lyingPart));
    }
}
