package io.multiprocessing4j.posix.memory;

import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.posix.sync.PosixRLock;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * Python's {@code Array}/{@code RawArray} in one shared object:
 *
 * <pre>
 *   0:  PosixRLock (24 bytes), unused by a raw array
 *   32: length * typeCode.size() bytes of elements, packed as C would
 * </pre>
 */
public final class PosixArray implements SharedArray {
    /** Offset of the elements. */
    public static final long DATA = 32;
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRef ref;
    private final TypeCode typeCode;
    private final int length;
    private final PosixRLock lock;

    /**
     * @param ref the shared object (zeroed), at least {@link #bytes} bytes
     * @param typeCode the typecode
     * @param length the number of elements
     * @param lock its lock (at offset 0 of {@code ref}), or null for a raw array
     */
    public PosixArray(ShmRef ref, TypeCode typeCode, int length, PosixRLock lock) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.typeCode = Objects.requireNonNull(typeCode, "typeCode");
        this.length = length;
        this.lock = lock;
    }

    /**
     * @param typeCode the typecode
     * @param length the number of elements
     * @return the shared object size an array needs
     */
    public static long bytes(TypeCode typeCode, int length) {
        return DATA + (long) typeCode.size() * length;
    }

    private long at(int index) {
        Checks.index(index, length);
        return DATA + (long) index * typeCode.size();
    }

    @Override
    public TypeCode typeCode() {
        return typeCode;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public Number get(int index) {
        return typeCode.readBoxed(ref.segment(), at(index));
    }

    @Override
    public void set(int index, Number value) {
        long at = at(index);
        Objects.requireNonNull(value, "value");
        typeCode.write(ref.segment(), at, value);
    }

    @Override
    public int getInt(int index) {
        return Elements.toInt(typeCode, ref.segment(), at(index), "element " + index);
    }

    @Override
    public void setInt(int index, int value) {
        typeCode.write(ref.segment(), at(index), (long) value);
    }

    @Override
    public long getLong(int index) {
        return typeCode.read(ref.segment(), at(index));
    }

    @Override
    public void setLong(int index, long value) {
        typeCode.write(ref.segment(), at(index), value);
    }

    @Override
    public double getDouble(int index) {
        return typeCode.readDouble(ref.segment(), at(index));
    }

    @Override
    public void setDouble(int index, double value) {
        typeCode.write(ref.segment(), at(index), (Number) value);
    }

    @Override
    public long[] toLongArray() {
        MemorySegment s = ref.segment();
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = typeCode.read(s, DATA + (long) i * typeCode.size());
        }
        return out;
    }

    @Override
    public double[] toDoubleArray() {
        MemorySegment s = ref.segment();
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = typeCode.readDouble(s, DATA + (long) i * typeCode.size());
        }
        return out;
    }

    @Override
    public byte[] value() {
        requireChar("value()");
        byte[] all = raw();
        int end = 0;
        while (end < all.length && all[end] != 0) {
            end++;
        }
        return java.util.Arrays.copyOf(all, end);
    }

    @Override
    public void value(byte[] bytes) {
        requireChar("value(byte[])");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > length) {
            throw new IllegalArgumentException(bytes.length + " bytes do not fit a 'c' array of length " + length);
        }
        MemorySegment s = segment();
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        if (bytes.length < length) {
            s.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        }
    }

    private void requireChar(String what) {
        if (typeCode != TypeCode.CHAR) {
            throw new IllegalStateException(what + " needs typecode 'c', not '" + typeCode.code() + "'");
        }
    }

    @Override
    public byte[] raw() {
        return segment().toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public MemorySegment segment() {
        return ref.segment().asSlice(DATA, (long) typeCode.size() * length);
    }

    @Override
    public SharedRLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("a raw array has no lock (made by rawArray)");
        }
        return lock;
    }

    @Override
    public String toString() {
        return "PosixArray('" + typeCode.code() + "', length " + length + ", " + ref + ")";
    }
}
