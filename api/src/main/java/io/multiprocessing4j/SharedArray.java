package io.multiprocessing4j;

import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * A fixed-length typed array in memory shared across processes: Python's
 * {@code multiprocessing.Array} (or {@code RawArray}). Every write checks the {@link TypeCode}'s
 * range; indexes are checked too ({@link IndexOutOfBoundsException} naming index and length).
 */
public interface SharedArray extends Serializable {
    /** @return the typecode */
    TypeCode typeCode();

    /** @return the number of elements */
    int length();

    /**
     * @param index the element's index
     * @return the element boxed: {@code Double} for {@code 'f'}/{@code 'd'}, {@code Long} otherwise
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    Number get(int index);

    /**
     * @param index the element's index
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException if the value does not fit the typecode
     * @throws NullPointerException if {@code value} is null
     */
    void set(int index, Number value);

    /**
     * @param index the element's index
     * @return the element as an int
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalStateException if the element does not fit an int
     */
    int getInt(int index);

    /**
     * @param index the element's index
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException if the value does not fit the typecode
     */
    void setInt(int index, int value);

    /**
     * @param index the element's index
     * @return the element as a long
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    long getLong(int index);

    /**
     * @param index the element's index
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException if the value does not fit the typecode
     */
    void setLong(int index, long value);

    /**
     * @param index the element's index
     * @return the element as a double
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    double getDouble(int index);

    /**
     * @param index the element's index
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException if the value does not fit the typecode
     */
    void setDouble(int index, double value);

    /** @return a copy of every element as longs */
    long[] toLongArray();

    /** @return a copy of every element as doubles */
    double[] toDoubleArray();

    /**
     * Python's {@code .value} of a {@code 'c'} array: the bytes up to the first NUL.
     *
     * @return those bytes
     * @throws IllegalStateException if the typecode is not {@code 'c'}
     */
    byte[] value();

    /**
     * Python's {@code .value = b"..."} of a {@code 'c'} array: writes the bytes and a NUL after
     * them if there is room.
     *
     * @param bytes the new contents
     * @throws IllegalStateException if the typecode is not {@code 'c'}
     * @throws IllegalArgumentException if {@code bytes} is longer than the array
     */
    void value(byte[] bytes);

    /** @return a copy of the whole array's bytes (Python's {@code .raw}) */
    byte[] raw();

    /**
     * A zero-copy view of the elements: writes through it are seen by every process, unchecked.
     *
     * @return the segment, {@code length() * typeCode().size()} bytes long
     */
    MemorySegment segment();

    /**
     * Returns the lock that guards this array, as Python's {@code get_lock()}.
     *
     * @return the lock
     * @throws IllegalStateException for a raw array (made without a lock)
     */
    SharedRLock getLock();
}
