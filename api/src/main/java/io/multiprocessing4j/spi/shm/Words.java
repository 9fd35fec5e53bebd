package io.multiprocessing4j.spi.shm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Atomic access to aligned words of shared memory through {@link VarHandle}s: volatile reads and
 * writes, compare-and-set and get-and-add compile to the CPU's locked instructions, which are
 * atomic across processes mapping the same memory.
 */
public final class Words {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private Words() {
    }

    /** @param s the memory @param off the offset @return the int, read volatile */
    public static int getInt(MemorySegment s, long off) {
        return (int) INT.getVolatile(s, off);
    }

    /** @param s the memory @param off the offset @param v the int, written volatile */
    public static void setInt(MemorySegment s, long off, int v) {
        INT.setVolatile(s, off, v);
    }

    /** @param s the memory @param off the offset @param e expected @param v new @return whether set */
    public static boolean casInt(MemorySegment s, long off, int e, int v) {
        return INT.compareAndSet(s, off, e, v);
    }

    /** @param s the memory @param off the offset @param d the delta @return the previous value */
    public static int getAndAddInt(MemorySegment s, long off, int d) {
        return (int) INT.getAndAdd(s, off, d);
    }

    /** @param s the memory @param off the offset @param v the new int @return the previous value */
    public static int getAndSetInt(MemorySegment s, long off, int v) {
        return (int) INT.getAndSet(s, off, v);
    }

    /** @param s the memory @param off the offset @return the long, read volatile */
    public static long getLong(MemorySegment s, long off) {
        return (long) LONG.getVolatile(s, off);
    }

    /** @param s the memory @param off the offset @param v the long, written volatile */
    public static void setLong(MemorySegment s, long off, long v) {
        LONG.setVolatile(s, off, v);
    }

    /** @param s the memory @param off the offset @param e expected @param v new @return whether set */
    public static boolean casLong(MemorySegment s, long off, long e, long v) {
        return LONG.compareAndSet(s, off, e, v);
    }

    /** @param s the memory @param off the offset @param d the delta @return the previous value */
    public static long getAndAddLong(MemorySegment s, long off, long d) {
        return (long) LONG.getAndAdd(s, off, d);
    }
}
