package io.multiprocessing4j.spi.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact form of common values inside {@link Codec}. */
class CompactTest {
    private static final List<Object> VALUES = List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 7L,
            Long.MIN_VALUE, 3.5, -0.0, Double.NaN, true, false, "", "ready", "é€😀", "\uD800 unpaired",
            "x".repeat(100_000), (short) -3, Short.MAX_VALUE, (byte) -1, 'c', '\uFFFF', 1.5f, Float.NaN);

    @Test
    void commonValuesRoundTripCompactlyAndExactly() {
        for (Object v : VALUES) {
            byte[] bytes = Codec.serialize(v);
            assertTrue(bytes[0] != (byte) 0xAC, "compact form for " + v);
            Object back = Codec.deserialize(bytes);
            assertEquals(v, back);
            assertEquals(v.getClass(), back.getClass());
        }
        assertEquals(5, Codec.serialize(7).length, "an int costs its kind and 4 bytes");
        assertNull(Codec.deserialize(Codec.serialize(null)));
        for (byte[] b : List.of(new byte[0], new byte[] {-84, -19}, new byte[70_000])) {
            assertArrayEquals(b, (byte[]) Codec.deserialize(Codec.serialize(b)));
        }
    }

    @Test
    void aStreamHoldingSeveralValuesIsReadOneValueAtATime() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object v : VALUES) {
            all.write(Codec.serialize(v));
        }
        all.write(Codec.serialize(new byte[] {1, 2, 3}));
        all.write(Codec.serialize(null));
        InputStream in = new ByteArrayInputStream(all.toByteArray());
        for (Object v : VALUES) {
            assertEquals(v, Codec.deserialize(in));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) Codec.deserialize(in));
        assertNull(Codec.deserialize(in));
        assertEquals(-1, in.read());
    }

    @Test
    void javaSerializationStreamsStillDecode() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(42);
        }
        assertEquals(42, Codec.deserialize(bytes.toByteArray()));
        assertEquals(42, Codec.deserialize(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(List.of(1, "a"), Codec.deserialize(Codec.serialize(List.of(1, "a"))));
    }

    @Test
    void truncatedOrLyingMessagesAreRefusedWithoutAllocatingTheirClaim() {
        byte[] five = Codec.serialize(5);
        assertThrows(SerializationException.class, () -> Codec.deserialize(Arrays.copyOf(five, 3)));
        byte[] trailing = Arrays.copyOf(five, 6);
        assertThrows(SerializationException.class, () -> Codec.deserialize(trailing));
        // byte[] claiming 2^30 bytes, holding 2: refused, in both forms, without a 1 GiB array
        byte[] liar = {7, 0x40, 0, 0, 0, 1, 2};
        assertThrows(SerializationException.class, () -> Codec.deserialize(liar));
        assertThrows(SerializationException.class, () -> Codec.deserialize(new ByteArrayInputStream(liar)));
        byte[] shortString = {6, 0, 0, 0, 9, 0, 'a'};
        assertThrows(SerializationException.class, () -> Codec.deserialize(shortString));
        assertThrows(SerializationException.class, () -> Codec.deserialize(new ByteArrayInputStream(shortString)));
        assertThrows(SerializationException.class, () -> Codec.deserialize(new byte[] {5, 2}), "boolean 2");
        assertThrows(SerializationException.class, () -> Codec.deserialize(new byte[] {7, -1, -1, -1, -1}));
    }

    @Test
    void anArrayListOfCommonValuesIsCompactAndComesBackAsAnArrayList() {
        ArrayList<Object> list = new ArrayList<>(VALUES);
        list.add(null);
        byte[] bytes = Codec.serialize(list);
        assertEquals(12, bytes[0], "the LIST kind");
        Object back = Codec.deserialize(bytes);
        assertEquals(ArrayList.class, back.getClass());
        assertEquals(list, back);
        assertEquals(list, Codec.deserialize(new ByteArrayInputStream(bytes)), "the stream form reads it too");
        ArrayList<Integer> ints = new ArrayList<>(List.of(1, 2, 3));
        assertEquals(5 + 3 * 5, Codec.serialize(ints).length, "a list costs its kind, its size and its elements");
        byte[] framed = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, framed, 2, bytes.length);
        assertEquals(list, Codec.deserialize(framed, 2, bytes.length), "a message inside a frame");
    }

    @Test
    void otherListsAndNestedOrUncommonElementsKeepJavaSerialization() {
        LinkedList<Integer> linked = new LinkedList<>(List.of(1, 2));
        ArrayList<Object> nested = new ArrayList<>(List.of(1, new ArrayList<>(List.of(2))));
        ArrayList<Object> uncommon = new ArrayList<>(List.of(1, java.time.Duration.ofSeconds(1)));
        for (Object v : List.of(linked, nested, uncommon, List.of(1, 2))) {
            byte[] bytes = Codec.serialize(v);
            assertEquals((byte) 0xAC, bytes[0], "Java serialization for " + v);
            Object back = Codec.deserialize(bytes);
            assertEquals(v, back);
            assertEquals(v.getClass(), back.getClass());
        }
    }

    @Test
    void lyingListsAreRefused() {
        // claims 2^30 elements, holds one: refused before a 2^30 array is made
        byte[] liar = {12, 0x40, 0, 0, 0, 2, 0, 0, 0, 1};
        assertThrows(SerializationException.class, () -> Codec.deserialize(liar));
        assertThrows(SerializationException.class, () -> Codec.deserialize(new ByteArrayInputStream(liar)));
        byte[] nested = {12, 0, 0, 0, 1, 12, 0, 0, 0, 0};
        assertThrows(SerializationException.class, () -> Codec.deserialize(nested), "a list inside a list");
        assertThrows(SerializationException.class, () -> Codec.deserialize(new ByteArrayInputStream(nested)));
        assertThrows(IndexOutOfBoundsException.class, () -> Codec.deserialize(new byte[4], 2, 3));
    }
}
