package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * A typed array in shared memory, with an optional {@link ShmRLock}.
 *
 * <pre>
 *  base +0                    +32
 *       | lock (ShmRLock)     | elements: length * typecode size bytes
 * </pre>
 */
public final class ShmArray implements SharedArray {
    /** Bytes before the elements (the lock's place, kept even without a lock for alignment). */
    public static final long HEADER = ShmRLock.SIZE;
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRegion region;
    private final long base;
    private final TypeCode typeCode;
    private final int length;
    private final ShmRLock lock;

    /**
     * @param region the memory (zeroed)
     * @param base where the array's header starts (8-byte aligned)
     * @param typeCode its typecode
     * @param length its length
     * @param withLock whether it has a lock
     * @param allocator where its lock's conditions get memory
     */
    public ShmArray(ShmRegion region, long base, TypeCode typeCode, int length, boolean withLock, ShmAllocator allocator) {
        this.region = Objects.requireNonNull(region, "region");
        this.base = base;
        this.typeCode = Objects.requireNonNull(typeCode, "typeCode");
        this.length = Checks.nonNegative("array length", length);
        this.lock = withLock ? new ShmRLock(region, base, allocator) : null;
    }

    /** @param typeCode the typecode @param length the length @return the bytes an array needs */
    public static long size(TypeCode typeCode, int length) {
        return HEADER + (long) typeCode.size() * length;
    }

    private long at(int index) {
        Checks.index(index, length);
        return base + HEADER + (long) index * typeCode.size();
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
        return Elements.get(typeCode, region.segment(), at(index));
    }

    @Override
    public void set(int index, Number value) {
        Objects.requireNonNull(value, "value");
        Elements.set(typeCode, region.segment(), at(index), value);
    }

    @Override
    public int getInt(int index) {
        return Elements.getInt(typeCode, region.segment(), at(index));
    }

    @Override
    public void setInt(int index, int value) {
        Elements.setLong(typeCode, region.segment(), at(index), value);
    }

    @Override
    public long getLong(int index) {
        return Elements.getLong(typeCode, region.segment(), at(index));
    }

    @Override
    public void setLong(int index, long value) {
        Elements.setLong(typeCode, region.segment(), at(index), value);
    }

    @Override
    public double getDouble(int index) {
        return Elements.getDouble(typeCode, region.segment(), at(index));
    }

    @Override
    public void setDouble(int index, double value) {
        Elements.setDouble(typeCode, region.segment(), at(index), value);
    }

    @Override
    public long[] toLongArray() {
        long[] r = new long[length];
        for (int i = 0; i < length; i++) {
            r[i] = getLong(i);
        }
        return r;
    }

    @Override
    public double[] toDoubleArray() {
        double[] r = new double[length];
        for (int i = 0; i < length; i++) {
            r[i] = getDouble(i);
        }
        return r;
    }

    @Override
    public byte[] value() {
        requireChar();
        byte[] all = raw();
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                return Arrays.copyOf(all, i);
            }
        }
        return all;
    }

    @Override
    public void value(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        requireChar();
        if (bytes.length > length) {
            throw new IllegalArgumentException("byte string of " + bytes.length + " bytes is too long for a 'c' array of "
                    + length);
        }
        MemorySegment s = segment();
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, s, 0, bytes.length);
        if (bytes.length < length) {
            s.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        }
    }

    @Override
    public byte[] raw() {
        return segment().toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public MemorySegment segment() {
        return region.segment().asSlice(base + HEADER, (long) length * typeCode.size());
    }

    @Override
    public SharedRLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("a raw array has no lock ('" + typeCode.code() + "' made by rawArray)");
        }
        return lock;
    }

    private void requireChar() {
        if (typeCode != TypeCode.CHAR) {
            throw new IllegalStateException("value() is only for 'c' arrays, not '" + typeCode.code() + "'");
        }
    }

    @Override
    public String toString() {
        return "SharedArray('" + typeCode.code() + "', length=" + length + ")";
    }
}
