package io.multiprocessing4j.spi.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.SerializationException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {
    /** Holds something that is not serializable, one level down. */
    record Holder(Object inner) implements Serializable {
    }

    @Test
    void roundTripsValuesAndLambdas() {
        assertEquals(List.of(1, "two"), Codec.deserialize(Codec.serialize(List.of(1, "two"))));
        int[] ran = new int[1];
        SerializableRunnable r = () -> ran[0]++;
        assertTrue(Codec.deserialize(Codec.serialize(r)) instanceof SerializableRunnable);
        assertEquals(null, Codec.deserialize(Codec.serialize(null)));
    }

    @Test
    void namesTheClassThatCannotBeSerialized() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> Codec.serialize(new Holder(new Thread())));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        assertTrue(e.getMessage().contains(Holder.class.getName()), e.getMessage());
    }

    @Test
    void rejectsADepthBombBeforeBuildingIt() throws InterruptedException {
        List<Object> root = new ArrayList<>();
        List<Object> current = root;
        for (int i = 0; i < Codec.MAX_DEPTH + 10; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        byte[][] bytes = new byte[1][];
        Thread writer = new Thread(null, () -> bytes[0] = Codec.serialize(root), "deep-writer", 1L << 28);
        writer.start();
        writer.join();
        // Read on a thread with a large stack too: on the test's own (1 MiB) stack, whether the filter
        // or a stack overflow comes first depended on which classes and methods were still loading or
        // interpreted, that is on the tests that ran before in the same JVM.
        Throwable[] thrown = new Throwable[1];
        Thread reader = new Thread(null, () -> {
            try {
                Codec.deserialize(bytes[0]);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "deep-reader", 1L << 28);
        reader.start();
        reader.join();
        SerializationException e = assertInstanceOf(SerializationException.class, thrown[0]);
        assertTrue(e.getMessage().contains("REJECTED") || e.getMessage().contains("filter"), e.getMessage());
    }

    @Test
    void rejectsGarbage() {
        assertThrows(SerializationException.class, () -> Codec.deserialize(new byte[] {1, 2, 3}));
    }
}
