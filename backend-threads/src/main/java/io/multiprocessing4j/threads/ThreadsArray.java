package io.multiprocessing4j.threads;

import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.spi.Checks;
import java.io.Serial;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * Python's {@code Array}/{@code RawArray}: elements in one {@link MemorySegment}, read and written
 * through {@link TypeCode}, indexes checked. Element reads end with an acquire fence and writes
 * start with a release fence, so that threads polling an element see each other's writes, as
 * processes polling shared memory do.
 */
final class ThreadsArray implements SharedArray {
    private final TypeCode type;
    private final int length;
    private final MemorySegment segment;
    private final ThreadsRLock lock;

    ThreadsArray(TypeCode type, int length, boolean withLock) {
        this.type = type;
        this.length = length;
        this.segment = Arena.ofAuto().allocate((long) length * type.size(), Long.BYTES);
        this.lock = withLock ? new ThreadsRLock() : null;
    }

    private long offset(int index) {
        return (long) Checks.index(index, length) * type.size();
    }

    @Override
    public TypeCode typeCode() {
        return type;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public Number get(int index) {
        Number n = type.readBoxed(segment, offset(index));
        VarHandle.acquireFence();
        return n;
    }

    @Override
    public void set(int index, Number value) {
        long at = offset(index);
        Objects.requireNonNull(value, "value");
        VarHandle.releaseFence();
        type.write(segment, at, value);
    }

    @Override
    public int getInt(int index) {
        if (type.isFloatingPoint()) {
            double d = getDouble(index);
            if (!(d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE)) {
                throw new IllegalStateException("element " + index + " (" + d + ") does not fit an int");
            }
            return (int) d;
        }
        long v = getLong(index);
        if (v != (int) v) {
            throw new IllegalStateException("element " + index + " (" + v + ") does not fit an int");
        }
        return (int) v;
    }

    @Override
    public void setInt(int index, int value) {
        setLong(index, value);
    }

    @Override
    public long getLong(int index) {
        long v = type.read(segment, offset(index));
        VarHandle.acquireFence();
        return v;
    }

    @Override
    public void setLong(int index, long value) {
        long at = offset(index);
        VarHandle.releaseFence();
        type.write(segment, at, value);
    }

    @Override
    public double getDouble(int index) {
        double v = type.readDouble(segment, offset(index));
        VarHandle.acquireFence();
        return v;
    }

    @Override
    public void setDouble(int index, double value) {
        long at = offset(index);
        VarHandle.releaseFence();
        type.write(segment, at, value);
    }

    @Override
    public long[] toLongArray() {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = type.read(segment, (long) i * type.size());
        }
        return out;
    }

    @Override
    public double[] toDoubleArray() {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = type.readDouble(segment, (long) i * type.size());
        }
        return out;
    }

    @Override
    public byte[] value() {
        requireChar("value()");
        int end = 0;
        while (end < length && segment.get(ValueLayout.JAVA_BYTE, end) != 0) {
            end++;
        }
        return segment.asSlice(0, end).toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public void value(byte[] bytes) {
        requireChar("value(byte[])");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > length) {
            throw new IllegalArgumentException("byte string of length " + bytes.length + " is too long for a 'c' array of length "
                    + length);
        }
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        if (bytes.length < length) {
            segment.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        }
    }

    private void requireChar(String what) {
        if (type != TypeCode.CHAR) {
            throw new IllegalStateException(what + " is only for 'c' arrays, not '" + type.code() + "'");
        }
    }

    @Override
    public byte[] raw() {
        return segment.toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public MemorySegment segment() {
        return segment;
    }

    @Override
    public SharedRLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("a raw array has no lock (make it with array(), not rawArray(), to get one)");
        }
        return lock;
    }

    @Override
    public String toString() {
        return "ThreadsArray('" + type.code() + "', length=" + length + ")";
    }

    @Serial
    private Object writeReplace() {
        return Handles.replace(this);
    }
}
