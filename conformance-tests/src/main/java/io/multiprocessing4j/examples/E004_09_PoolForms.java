package io.multiprocessing4j.examples;

import io.multiprocessing4j.AsyncResult;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.ProcessPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * E004-09: map against apply against the {@code _async} forms: {@code map} applies a function to
 * every item and blocks; {@code apply} calls it once and blocks; the {@code _async} forms return at
 * once with a result to {@code get()}. Also {@code starmap}, {@code imap} and
 * {@code imap_unordered}.
 */
public final class E004_09_PoolForms {
    private E004_09_PoolForms() {
    }

    static int square(int x) {
        return x * x;
    }

    /**
     * Runs the example.
     *
     * @param mp the context
     * @param scale the time scale (unused)
     * @return each form's result
     */
    public static ExampleResult run(Context mp, TimeScale scale) {
        ExampleResult r = new ExampleResult();
        List<Integer> items = List.of(1, 2, 3, 4);
        try (ProcessPool pool = mp.pool(2)) {
            r.put("map", pool.map(E004_09_PoolForms::square, items));
            AsyncResult<List<Integer>> mapAsync = pool.mapAsync(E004_09_PoolForms::square, items);
            r.put("map_async", mapAsync.get(Duration.ofSeconds(60)));
            r.put("apply", pool.apply(E004_09_PoolForms::square, 5));
            AsyncResult<Integer> applyAsync = pool.applyAsync(E004_09_PoolForms::square, 6);
            r.put("apply_async", applyAsync.get(Duration.ofSeconds(60)));
            r.put("starmap", pool.starmap((Integer a, Integer b) -> a * b, List.of(Map.entry(2, 3), Map.entry(4, 5))));
            List<Integer> imap = new ArrayList<>();
            pool.imap(E004_09_PoolForms::square, items).forEachRemaining(imap::add);
            r.put("imap", imap);
            Iterator<Integer> unordered = pool.imapUnordered(E004_09_PoolForms::square, items);
            TreeSet<Integer> sorted = new TreeSet<>();
            unordered.forEachRemaining(sorted::add);
            r.put("imap_unordered(sorted)", new ArrayList<>(sorted));
        }
        System.out.println(r);
        return r;
    }

    /** @param args {@code [backend] [millisPerSecond]} @throws Exception if the example fails */
    public static void main(String[] args) throws Exception {
        ExampleMain.run(args, E004_09_PoolForms::run);
    }
}
