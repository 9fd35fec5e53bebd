package io.multiprocessing4j;

import java.io.Serializable;

/**
 * One typed number in memory shared across processes: Python's {@code multiprocessing.Value}
 * (or {@code RawValue}, which has no lock). Every write checks the {@link TypeCode}'s range and
 * refuses what does not fit with {@link IllegalArgumentException}, where CPython wraps.
 *
 * <p>Plain {@code get}/{@code set} pairs are not atomic together, as in Python: hold
 * {@link #getLock()} around a read-modify-write, or use the atomic helpers
 * ({@link #addAndGet(long)}, {@link #compareAndSet(long, long)}), which need no lock.
 */
public interface SharedValue extends Serializable {
    /** @return the typecode */
    TypeCode typeCode();

    /** @return the value boxed: {@code Double} for {@code 'f'}/{@code 'd'}, {@code Long} otherwise */
    Number get();

    /**
     * Sets the value.
     *
     * @param value the new value
     * @throws IllegalArgumentException if it does not fit the typecode
     * @throws NullPointerException if {@code value} is null
     */
    void set(Number value);

    /**
     * @return the value as an int
     * @throws IllegalStateException if the value does not fit an int (for example a large {@code 'I'})
     */
    int getInt();

    /**
     * Sets an integer value.
     *
     * @param value the new value
     * @throws IllegalArgumentException if it does not fit the typecode
     */
    void setInt(int value);

    /** @return the value as a long ({@code 'L'}/{@code 'Q'}: the 64-bit pattern; floats truncated) */
    long getLong();

    /**
     * Sets an integer value.
     *
     * @param value the new value
     * @throws IllegalArgumentException if it does not fit the typecode
     */
    void setLong(long value);

    /** @return the value as a double */
    double getDouble();

    /**
     * Sets a floating-point value.
     *
     * @param value the new value
     * @throws IllegalArgumentException if the typecode is an integer one and {@code value} is not
     *     an integer in range, or if it is {@code 'f'} and the value is beyond float's range
     */
    void setDouble(double value);

    /**
     * Adds atomically (no lock needed).
     *
     * @param delta what to add
     * @return the new value
     * @throws IllegalArgumentException if the result would leave the typecode's range (the value
     *     is then unchanged)
     * @throws UnsupportedOperationException for {@code 'f'} and {@code 'd'}
     */
    long addAndGet(long delta);

    /**
     * Sets atomically if the value is {@code expected} (no lock needed).
     *
     * @param expected the value expected
     * @param update the new value
     * @return whether it was set
     * @throws IllegalArgumentException if {@code update} does not fit the typecode
     * @throws UnsupportedOperationException for {@code 'f'} and {@code 'd'}
     */
    boolean compareAndSet(long expected, long update);

    /**
     * Returns the lock that guards this value, as Python's {@code get_lock()}: an RLock shared
     * across processes.
     *
     * @return the lock
     * @throws IllegalStateException for a raw value (made without a lock)
     */
    SharedRLock getLock();
}
