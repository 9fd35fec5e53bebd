package io.multiprocessing4j.posix.sync;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Volatile and atomic access to aligned ints and longs in shared memory. {@link VarHandle}s on a
 * {@code MAP_SHARED} segment compile to {@code lock cmpxchg}/{@code lock xadd} (x86_64) or LSE/LL-SC
 * (aarch64), which are atomic across processes because the memory is physically the same.
 */
public final class Atomics {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private Atomics() {
    }

    /** @param s segment @param off aligned offset @return the int, read volatile */
    public static int getInt(MemorySegment s, long off) {
        return (int) INT.getVolatile(s, off);
    }

    /** @param s segment @param off aligned offset @param v the int to write volatile */
    public static void setInt(MemorySegment s, long off, int v) {
        INT.setVolatile(s, off, v);
    }

    /** @param s segment @param off aligned offset @param e expected @param v update @return whether set */
    public static boolean casInt(MemorySegment s, long off, int e, int v) {
        return INT.compareAndSet(s, off, e, v);
    }

    /** @param s segment @param off aligned offset @param d delta @return the previous value */
    public static int getAndAddInt(MemorySegment s, long off, int d) {
        return (int) INT.getAndAdd(s, off, d);
    }

    /** @param s segment @param off aligned offset @param v new value @return the previous value */
    public static int getAndSetInt(MemorySegment s, long off, int v) {
        return (int) INT.getAndSet(s, off, v);
    }

    /** @param s segment @param off aligned offset @return the long, read volatile */
    public static long getLong(MemorySegment s, long off) {
        return (long) LONG.getVolatile(s, off);
    }

    /** @param s segment @param off aligned offset @param v the long to write volatile */
    public static void setLong(MemorySegment s, long off, long v) {
        LONG.setVolatile(s, off, v);
    }

    /** @param s segment @param off aligned offset @param e expected @param v update @return whether set */
    public static boolean casLong(MemorySegment s, long off, long e, long v) {
        return LONG.compareAndSet(s, off, e, v);
    }

    /** @param s segment @param off aligned offset @param d delta @return the previous value */
    public static long getAndAddLong(MemorySegment s, long off, long d) {
        return (long) LONG.getAndAdd(s, off, d);
    }
}
