package io.multiprocessing4j.posix;

import io.multiprocessing4j.posix.context.PosixContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.QueueEmptyException;
import io.multiprocessing4j.SharedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueProcessTest {
    private final PosixContext mp = new PosixContext(ContextOptions.DEFAULTS);

    @AfterEach
    void close() {
        mp.close();
    }

    @Test
    void threeProducersTwoConsumersDeliverEveryItemExactlyOnce() {
        int perProducer = 2000;
        SharedQueue<String> q = mp.queue(100); // bounded: producers also block for room
        String handle = JvmChild.encode(q);
        List<JvmChild> children = new ArrayList<>();
        try {
            for (int c = 0; c < 2; c++) {
                children.add(JvmChild.start("consume", handle));
            }
            for (int p = 0; p < 3; p++) {
                children.add(JvmChild.start("produce", handle, "p" + p, Integer.toString(perProducer)));
            }
            for (int p = 2; p < 5; p++) {
                children.get(p).expect("done");
            }
            q.put("STOP");
            q.put("STOP");
            List<String> received = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                for (String line; !(line = children.get(c).line()).equals("end"); ) {
                    received.add(line);
                }
            }
            assertEquals(3 * perProducer, received.size(), "no item lost or duplicated");
            Set<String> distinct = new HashSet<>(received);
            assertEquals(3 * perProducer, distinct.size());
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < perProducer; i++) {
                    assertTrue(distinct.contains("p" + p + "-" + i));
                }
            }
            for (JvmChild child : children) {
                assertEquals(0, child.exitCode(), child.stderr());
            }
        } finally {
            children.forEach(JvmChild::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"partial", "big"})
    void aProducerKilledMidPutLeavesTheQueueUsableWithNoPartialItem(String item) {
        SharedQueue<String> q = mp.queue();
        q.put("before");
        try (JvmChild child = JvmChild.start("put-and-stall", JvmChild.encode(q), item)) {
            child.expect("stalled"); // slot written, holding the producer lock, not committed
            assertEquals(1, q.qsize(), "the uncommitted item is invisible");
            child.killHard();
        }
        q.put("after"); // recovers the dead producer's lock
        assertEquals("before", q.get(Duration.ofSeconds(30)));
        assertEquals("after", q.get(Duration.ofSeconds(30)));
        assertThrows(QueueEmptyException.class, q::getNowait);
        q.put("again");
        assertEquals("again", q.getNowait());
    }
}
