package io.multiprocessing4j.spi.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.SerializationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemBytesTest {
    record Point(int x, int y) implements java.io.Serializable {
    }

    @Test
    void everyKindRoundTripsWithItsType() {
        List<Object> items = List.of("text ünïcödé", "", 42, -7, Integer.MIN_VALUE, 7L, Long.MAX_VALUE, 2.5, -0.0,
                Double.NaN, true, false, (short) -3, (byte) -1, 'c', '\uFFFF', 1.5f, new Point(1, 2), List.of(1, 2), Map.of("k", "v"));
        for (Object item : items) {
            Object back = ItemBytes.decode(ItemBytes.encode(item));
            assertEquals(item, back);
            assertEquals(item.getClass(), back.getClass());
        }
        byte[] bytes = {1, 2, 3, (byte) 0xAC};
        assertArrayEquals(bytes, (byte[]) ItemBytes.decode(ItemBytes.encode(bytes)));
        assertArrayEquals(new byte[0], (byte[]) ItemBytes.decode(ItemBytes.encode(new byte[0])));
    }

    @Test
    void commonTypesAreCompactAndTheRestJavaSerialized() {
        assertEquals(5, ItemBytes.encode(123_456).length);
        assertEquals(1025, ItemBytes.encode(new byte[1024]).length);
        assertEquals((byte) 0xAC, ItemBytes.encode(new Point(1, 2))[0], "a Java serialization stream");
    }

    @Test
    void badBytesAndUnserializableItemsThrow() {
        assertThrows(SerializationException.class, () -> ItemBytes.decode(new byte[0]));
        SerializationException e = assertThrows(SerializationException.class, () -> ItemBytes.decode(new byte[] {99, 1}));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertThrows(SerializationException.class, () -> ItemBytes.encode(new Object()));
    }
}
