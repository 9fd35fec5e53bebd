package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedValue;
import io.multiprocessing4j.TypeCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * E000-07: {@code Value('i',0)}, {@code Value('d',3.14)}, {@code Array('i',[1,2,3,4])}, and the
 * seed's typecode table: every typecode made with its extreme values, its size printed, and a value
 * just past its range refused. A child reads the three values and changes one; the parent sees it.
 */
public final class E000_07_ValueAndArray {
    private E000_07_ValueAndArray() {
    }

    static void child(SharedValue value1, SharedValue value2, SharedArray array) {
        System.out.printf("child sees value1=%d value2=%s array=%s%n", value1.getInt(), value2.getDouble(),
                Arrays.toString(array.toLongArray()));
        value1.setInt(42);
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the typecodes that behaved, the ones that did not, and value1 after the child
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedValue value1 = mp.value('i', 0);
        SharedValue value2 = mp.value('d', 3.14);
        SharedArray array = mp.array('i', new int[] {1, 2, 3, 4});
        List<String> ok = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (TypeCode t : TypeCode.values()) {
            String row = t.isFloatingPoint() ? checkFloat(mp, t) : checkInteger(mp, t);
            (row == null ? ok : bad).add(row == null ? String.valueOf(t.code()) : row);
            System.out.printf("| '%c' | %d bytes | %s |%n", t.code(), t.size(),
                    t.isFloatingPoint() ? "float" : t.minValue() + ".." + t.maxValue());
        }
        ChildProcess p = mp.process(() -> child(value1, value2, array)).start();
        p.join();
        System.out.println("parent sees value1=" + value1.getInt());
        return new ExampleResult().put("typecodesOk", String.join("", ok)).put("typecodesBad", bad)
                .put("value1AfterChild", value1.getInt()).put("childExit", p.exitCode());
    }

    private static String checkInteger(Context mp, TypeCode t) {
        // 'c' accepts a signed or an unsigned byte and reads it back unsigned (a C char holds a byte)
        long min = t == TypeCode.CHAR ? 0 : t.minValue();
        SharedValue lo = mp.value(t, min);
        SharedValue hi = mp.value(t, t.maxValue());
        if (lo.getLong() != min || hi.getLong() != t.maxValue()) {
            return t.code() + ": read back " + lo.getLong() + ".." + hi.getLong();
        }
        SharedArray a = mp.array(t, 3);
        if (a.length() != 3 || a.raw().length != 3 * t.size()) {
            return t.code() + ": array of 3 has " + a.raw().length + " bytes";
        }
        if (t.maxValue() < Long.MAX_VALUE) {
            try {
                mp.value(t, t.maxValue() + 1);
                return t.code() + ": accepted " + (t.maxValue() + 1);
            } catch (IllegalArgumentException expected) {
                // refused, as it must be
            }
        }
        return null;
    }

    private static String checkFloat(Context mp, TypeCode t) {
        SharedValue v = mp.value(t, 1.5);
        if (v.getDouble() != 1.5) {
            return t.code() + ": read back " + v.getDouble();
        }
        return mp.array(t, 2).raw().length == 2 * t.size() ? null : t.code() + ": wrong size";
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E000_07_ValueAndArray::run);
    }
}
