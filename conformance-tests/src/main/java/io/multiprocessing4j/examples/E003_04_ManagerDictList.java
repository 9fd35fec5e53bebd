package io.multiprocessing4j.examples;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.Manager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * E003-04: a {@code Manager().dict()} and {@code .list()} filled by ten processes with their pids;
 * the seed's plain local list {@code l2} (which holds the processes) is joined. A plain local list
 * handed to the children as well shows what isolated memory means: it stays empty on process
 * backends, and fills on the threads backend.
 */
public final class E003_04_ManagerDictList {
    private E003_04_ManagerDictList() {
    }

    static void func(Map<Long, Long> a, List<Long> b, List<Long> plain) {
        a.put(PyTime.getpid(), PyTime.getpid());
        b.add(PyTime.getpid());
        plain.add(PyTime.getpid());
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return the dict's size, the list's size, its distinct pids and the plain list's size
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        try (Manager manager = mp.manager()) {
            Map<Long, Long> d = manager.dict();
            List<Long> l = manager.list();
            List<Long> plain = Collections.synchronizedList(new ArrayList<>());
            List<ChildProcess> l2 = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ChildProcess p = mp.process(() -> func(d, l, plain));
                p.start();
                l2.add(p);
            }
            for (ChildProcess p : l2) {
                p.join();
            }
            System.out.println(d);
            System.out.println(l);
            return new ExampleResult().put("dictSize", d.size()).put("listSize", l.size())
                    .put("listDistinct", new TreeSet<>(l).size()).put("plainSize", plain.size());
        }
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E003_04_ManagerDictList::run);
    }
}
