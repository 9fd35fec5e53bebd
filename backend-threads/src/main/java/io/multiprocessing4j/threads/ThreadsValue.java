package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import java.io.Serial;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * Python's {@code Value}/{@code RawValue}: one element in a {@link MemorySegment}, read and written
 * through {@link TypeCode} so that ranges and conversions are those of every backend. Writes and
 * the atomic helpers serialize on an internal monitor (not the user's {@link #getLock()}), so a
 * {@code set} never slips between the read and the write of an {@code addAndGet}. Reads are
 * followed by an acquire fence, so that a loop polling a value sees other threads' writes (the JIT
 * cannot hoist the read out of it).
 */
final class ThreadsValue implements SharedValue {
    private final TypeCode type;
    private final MemorySegment segment;
    private final ThreadsRLock lock;
    private final Object writes = new Object();

    ThreadsValue(TypeCode type, boolean withLock) {
        this.type = type;
        this.segment = Arena.ofAuto().allocate(type.size(), Long.BYTES);
        this.lock = withLock ? new ThreadsRLock() : null;
    }

    @Override
    public TypeCode typeCode() {
        return type;
    }

    @Override
    public Number get() {
        Number n = type.readBoxed(segment, 0);
        VarHandle.acquireFence();
        return n;
    }

    @Override
    public void set(Number value) {
        Objects.requireNonNull(value, "value");
        synchronized (writes) {
            type.write(segment, 0, value);
        }
    }

    @Override
    public int getInt() {
        if (type.isFloatingPoint()) {
            double d = getDouble();
            if (!(d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE)) {
                throw new IllegalStateException("value " + d + " of typecode '" + type.code() + "' does not fit an int");
            }
            return (int) d;
        }
        long v = getLong();
        if (v != (int) v) {
            throw new IllegalStateException("value " + (type == TypeCode.UNSIGNED_LONG || type == TypeCode.UNSIGNED_LONG_LONG
                    ? Long.toUnsignedString(v) : Long.toString(v)) + " of typecode '" + type.code() + "' does not fit an int");
        }
        return (int) v;
    }

    @Override
    public void setInt(int value) {
        setLong(value);
    }

    @Override
    public long getLong() {
        long v = type.read(segment, 0);
        VarHandle.acquireFence();
        return v;
    }

    @Override
    public void setLong(long value) {
        synchronized (writes) {
            type.write(segment, 0, value);
        }
    }

    @Override
    public double getDouble() {
        double v = type.readDouble(segment, 0);
        VarHandle.acquireFence();
        return v;
    }

    @Override
    public void setDouble(double value) {
        set(value);
    }

    @Override
    public long addAndGet(long delta) {
        requireInteger("addAndGet");
        synchronized (writes) {
            long old = type.read(segment, 0);
            long result = Arithmetic.add(type, old, delta);
            type.write(segment, 0, result);
            return result;
        }
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
        requireInteger("compareAndSet");
        type.checkValue(update);
        synchronized (writes) {
            if (type.read(segment, 0) != expected) {
                return false;
            }
            type.write(segment, 0, update);
            return true;
        }
    }

    private void requireInteger(String operation) {
        if (type.isFloatingPoint()) {
            throw new UnsupportedOperationException(operation + " is for integer typecodes, not '" + type.code() + "'");
        }
    }

    @Override
    public SharedRLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("a raw value has no lock (make it with value(), not rawValue(), to get one)");
        }
        return lock;
    }

    @Override
    public String toString() {
        return "ThreadsValue('" + type.code() + "', " + get() + ")";
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
