package io.multiprocessing4j.spi.shm;

import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import java.io.Serial;
import java.util.Objects;

/**
 * A typed value in shared memory, with an optional {@link ShmRLock}.
 *
 * <pre>
 *  base +0                               +8
 *       | value (its typecode's size, in | lock (ShmRLock, 32 bytes), if any
 *       |  the low bytes of an 8-byte word)
 * </pre>
 *
 * <p>{@link #addAndGet} and {@link #compareAndSet} are compare-and-set loops on the whole 8-byte
 * word, so they are atomic for every integer typecode and check the range before writing.
 */
public final class ShmValue implements SharedValue {
    /** Bytes a value with its lock occupies. */
    public static final long SIZE = 8 + ShmRLock.SIZE;
    @Serial
    private static final long serialVersionUID = 1L;

    private final ShmRegion region;
    private final long base;
    private final TypeCode typeCode;
    private final ShmRLock lock;

    /**
     * @param region the memory (zeroed at {@code base})
     * @param base where the value starts (8-byte aligned)
     * @param typeCode its typecode
     * @param withLock whether it has a lock (at {@code base + 8})
     * @param allocator where its lock's conditions get memory
     */
    public ShmValue(ShmRegion region, long base, TypeCode typeCode, boolean withLock, ShmAllocator allocator) {
        this.region = Objects.requireNonNull(region, "region");
        this.base = base;
        this.typeCode = Objects.requireNonNull(typeCode, "typeCode");
        this.lock = withLock ? new ShmRLock(region, base + 8, allocator) : null;
    }

    @Override
    public TypeCode typeCode() {
        return typeCode;
    }

    @Override
    public Number get() {
        return Elements.get(typeCode, region.segment(), base);
    }

    @Override
    public void set(Number value) {
        Objects.requireNonNull(value, "value");
        Elements.set(typeCode, region.segment(), base, value);
    }

    @Override
    public int getInt() {
        return Elements.getInt(typeCode, region.segment(), base);
    }

    @Override
    public void setInt(int value) {
        Elements.setLong(typeCode, region.segment(), base, value);
    }

    @Override
    public long getLong() {
        return Elements.getLong(typeCode, region.segment(), base);
    }

    @Override
    public void setLong(long value) {
        Elements.setLong(typeCode, region.segment(), base, value);
    }

    @Override
    public double getDouble() {
        return Elements.getDouble(typeCode, region.segment(), base);
    }

    @Override
    public void setDouble(double value) {
        Elements.setDouble(typeCode, region.segment(), base, value);
    }

    @Override
    public long addAndGet(long delta) {
        return Elements.addAndGet(typeCode, region.segment(), base, delta);
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        return Elements.compareAndSet(typeCode, region.segment(), base, expected, update);
    }

    @Override
    public SharedRLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("a raw value has no lock ('" + typeCode.code() + "' made by rawValue)");
        }
        return lock;
    }

    @Override
    public String toString() {
        return "SharedValue('" + typeCode.code() + "', " + get() + ")";
    }
}
