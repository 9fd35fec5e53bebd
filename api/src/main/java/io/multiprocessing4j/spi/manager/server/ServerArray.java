package io.multiprocessing4j.spi.manager.server;

import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.spi.Checks;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A typed array kept by the manager, in a heap of its own, read and written through
 * {@link TypeCode} so that ranges and conversions are those of every other backend. It has no
 * shared {@link #segment()}: its proxies reach it by messages.
 */
public final class ServerArray implements SharedArray, Served {
    private static final long serialVersionUID = 1L;

    private final TypeCode type;
    private final int length;
    private final transient MemorySegment memory;
    private final ServerRLock lock = new ServerRLock();

    /** @param type the typecode @param length not negative */
    public ServerArray(TypeCode type, int length) {
        this.type = Objects.requireNonNull(type, "type");
        this.length = Checks.nonNegative("array length", length);
        this.memory = Arena.ofAuto().allocate(Math.max(1, (long) length * type.size()), Long.BYTES);
    }

    @Override
    public Class<?> proxyType() {
        return SharedArray.class;
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
    public synchronized Number get(int index) {
        return type.readBoxed(memory, offset(index));
    }

    @Override
    public synchronized void set(int index, Number value) {
        long at = offset(index);
        type.write(memory, at, Objects.requireNonNull(value, "value"));
    }

    @Override
    public synchronized int getInt(int index) {
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
    public synchronized long getLong(int index) {
        return type.read(memory, offset(index));
    }

    @Override
    public synchronized void setLong(int index, long value) {
        type.write(memory, offset(index), value);
    }

    @Override
    public synchronized double getDouble(int index) {
        return type.readDouble(memory, offset(index));
    }

    @Override
    public synchronized void setDouble(int index, double value) {
        type.write(memory, offset(index), (Number) value);
    }

    /** Adds atomically, for {@link ServerValue}. */
    synchronized long addAndGet(int index, long delta) {
        requireInteger("addAndGet");
        long now;
        try {
            now = Math.addExact(getLong(index), delta);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("adding " + delta + " overflows", e);
        }
        setLong(index, now);
        return now;
    }

    /** Compares and sets atomically, for {@link ServerValue}. */
    synchronized boolean compareAndSet(int index, long expected, long update) {
        requireInteger("compareAndSet");
        type.checkValue(update);
        if (getLong(index) != expected) {
            return false;
        }
        setLong(index, update);
        return true;
    }

    private void requireInteger(String what) {
        if (type.isFloatingPoint()) {
            throw new UnsupportedOperationException(what + " is for integer typecodes, not '" + type.code() + "'");
        }
    }

    @Override
    public synchronized long[] toLongArray() {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = type.read(memory, (long) i * type.size());
        }
        return out;
    }

    @Override
    public synchronized double[] toDoubleArray() {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = type.readDouble(memory, (long) i * type.size());
        }
        return out;
    }

    @Override
    public synchronized byte[] value() {
        requireChar("value()");
        int end = 0;
        while (end < length && memory.get(ValueLayout.JAVA_BYTE, end) != 0) {
            end++;
        }
        return memory.asSlice(0, end).toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public synchronized void value(byte[] bytes) {
        requireChar("value(byte[])");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > length) {
            throw new IllegalArgumentException("byte string of length " + bytes.length
                    + " is too long for a 'c' array of length " + length);
        }
        MemorySegment.copy(bytes, 0, memory, ValueLayout.JAVA_BYTE, 0, bytes.length);
        if (bytes.length < length) {
            memory.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        }
    }

    private void requireChar(String what) {
        if (type != TypeCode.CHAR) {
            throw new IllegalStateException(what + " is only for 'c' arrays, not '" + type.code() + "'");
        }
    }

    @Override
    public synchronized byte[] raw() {
        return memory.asSlice(0, (long) length * type.size()).toArray(ValueLayout.JAVA_BYTE);
    }

    @Override
    public MemorySegment segment() {
        throw new UnsupportedOperationException("a manager's array has no shared memory segment: it lives in the "
                + "manager's process (use mp.array() for zero-copy access)");
    }

    @Override
    public SharedRLock getLock() {
        return lock;
    }
}
