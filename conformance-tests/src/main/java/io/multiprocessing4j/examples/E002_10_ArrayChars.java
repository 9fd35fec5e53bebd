package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SharedArray;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * E002-10: {@code Array('c', b'Hello')}; the child prints it and sets {@code shm[0] = b'h'}; the
 * parent then reads {@code hello} on every backend (shared memory is shared, even between
 * processes). The seed's commented-out {@code Array('i',[1,2,3,4])} and {@code Array('i',5)} are
 * made too.
 */
public final class E002_10_ArrayChars {
    private E002_10_ArrayChars() {
    }

    static void fun(SharedArray shm) {
        for (int i = 0; i < shm.length(); i++) {
            System.out.println("b'" + (char) shm.getInt(i) + "' fun");
        }
        shm.set(0, (int) 'h');
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the string the parent reads afterwards
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        SharedArray ints = mp.array('i', new int[] {1, 2, 3, 4});
        SharedArray zeros = mp.array('i', 5);
        SharedArray shm = mp.array('c', "Hello".getBytes(StandardCharsets.US_ASCII));
        ChildProcess p = mp.process(E002_10_ArrayChars::fun, shm);
        p.start();
        p.join();
        for (int i = 0; i < shm.length(); i++) {
            System.out.println("b'" + (char) shm.getInt(i) + "' shm");
        }
        String value = new String(shm.value(), StandardCharsets.US_ASCII);
        System.out.println("b'" + value + "' value");
        return new ExampleResult().put("value", value).put("ints", Arrays.toString(ints.toLongArray()))
                .put("zeros", Arrays.toString(zeros.toLongArray()));
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E002_10_ArrayChars::run);
    }
}
