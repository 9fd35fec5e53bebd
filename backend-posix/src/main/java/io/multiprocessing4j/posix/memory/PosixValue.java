package io.multiprocessing4j.posix.memory;

import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.posix.shm.ShmRef;
import io.multiprocessing4j.spi.shm.Words;
import io.multiprocessing4j.posix.sync.PosixRLock;
import java.io.Serial;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Python's {@code Value}/{@code RawValue} in one shared object:
 *
 * <pre>
 *   0:  PosixRLock (24 bytes), unused by a raw value
 *   32: the value, {@code typeCode.size()} bytes, in an aligned 8-byte slot
 * </pre>
 *
 * <p>Element access goes through {@link TypeCode#read}/{@link TypeCode#write}, so ranges are checked
 * as on every backend. The atomic helpers CAS the aligned int or long that holds the value: a
 * {@code VarHandle} CAS on shared memory is atomic across processes. Values narrower than 4 bytes
 * are CAS'd inside their enclosing int (the slot's other bytes are always 0), since segment
 * {@code VarHandle}s offer atomic updates only on ints and longs. x86_64 and aarch64 Linux are
 * little-endian, so the value's bytes are the int's low bytes.
 */
public final class PosixValue implements SharedValue {
    /** Bytes one value needs. */
    public static final long SIZE = 40;
    @Serial
    private static final long serialVersionUID = 1L;
    private static final long DATA = 32;

    private final ShmRef ref;
    private final TypeCode typeCode;
    private final PosixRLock lock;

    /**
     * @param ref the shared object (zeroed), at least {@value #SIZE} bytes
     * @param typeCode the typecode
     * @param lock its lock (at offset 0 of {@code ref}), or null for a raw value
     */
    public PosixValue(ShmRef ref, TypeCode typeCode, PosixRLock lock) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.typeCode = Objects.requireNonNull(typeCode, "typeCode");
        this.lock = lock;
    }

    @Override
    public TypeCode typeCode() {
        return typeCode;
    }

    @Override
    public Number get() {
        return typeCode.readBoxed(ref.segment(), DATA);
    }

    @Override
    public void set(Number value) {
        Objects.requireNonNull(value, "value");
        typeCode.write(ref.segment(), DATA, value);
    }

    @Override
    public int getInt() {
        return Elements.toInt(typeCode, ref.segment(), DATA, "value");
    }

    @Override
    public void setInt(int value) {
        typeCode.write(ref.segment(), DATA, (long) value);
    }

    @Override
    public long getLong() {
        return typeCode.read(ref.segment(), DATA);
    }

    @Override
    public void setLong(long value) {
        typeCode.write(ref.segment(), DATA, value);
    }

    @Override
    public double getDouble() {
        return typeCode.readDouble(ref.segment(), DATA);
    }

    @Override
    public void setDouble(double value) {
        typeCode.write(ref.segment(), DATA, (Number) value);
    }

    @Override
    public long addAndGet(long delta) {
        requireInteger("addAndGet");
        MemorySegment s = ref.segment();
        while (true) {
            long old = typeCode.read(s, DATA);
            long next = old + delta;
            boolean unsigned64 = typeCode == TypeCode.UNSIGNED_LONG || typeCode == TypeCode.UNSIGNED_LONG_LONG;
            if (!unsigned64 && ((old ^ next) & (delta ^ next)) < 0) {
                throw new IllegalArgumentException("value " + old + " + " + delta + " overflows typecode '"
                        + typeCode.code() + "'");
            }
            typeCode.checkValue(next);
            if (cas(s, old, next)) {
                return next;
            }
        }
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        requireInteger("compareAndSet");
        typeCode.checkValue(update);
        return cas(ref.segment(), expected, update);
    }

    private boolean cas(MemorySegment s, long expected, long update) {
        if (typeCode.size() == 8) {
            return Words.casLong(s, DATA, expected, update);
        }
        int old = Words.getInt(s, DATA);
        long mask = typeCode.size() == 4 ? 0xFFFF_FFFFL : (1L << (8 * typeCode.size())) - 1;
        if (!Elements.sameValue(typeCode, old, mask, expected)) {
            return false;
        }
        return Words.casInt(s, DATA, old, (int) ((old & ~mask) | (update & mask)));
    }

    private void requireInteger(String what) {
        if (typeCode.isFloatingPoint()) {
            throw new UnsupportedOperationException(what + " is not supported for typecode '" + typeCode.code() + "'");
        }
    }

    @Override
    public SharedRLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("a raw value has no lock (made by rawValue)");
        }
        return lock;
    }

    @Override
    public String toString() {
        return "PosixValue('" + typeCode.code() + "', " + get() + ")";
    }
}
