package io.multiprocessing4j.quickstart;

import io.multiprocessing4j.*;
import java.util.List;

/** The README's quick start, verbatim below the package line (a test keeps the two equal). */
public class QuickStart {
    static int square(int x) {
        return x * x;
    }

    public static void main(String[] args) {
        try (Context mp = Multiprocessing.context()) {          // the best backend found here
            SharedQueue<String> queue = mp.queue();
            ChildProcess child = mp.process(q -> q.put("hello from " + Multiprocessing.currentProcess().name()), queue);
            child.start();
            System.out.println(queue.get());                    // hello from Process-1
            child.join();
            System.out.println("exit code " + child.exitCode()); // exit code 0

            try (ProcessPool pool = mp.pool(2)) {
                List<Integer> squares = pool.map(QuickStart::square, List.of(1, 2, 3, 4, 5));
                System.out.println(squares);                    // [1, 4, 9, 16, 25]
            }
        }
    }
}
