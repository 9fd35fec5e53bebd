package io.multiprocessing4j.posix;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.SharedMemoryBlock;
import io.multiprocessing4j.SharedValue;
import java.util.concurrent.CountDownLatch;

/** The other JVM of cross-process tests (see {@link JvmChild}); each command prints what the test waits for. */
final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "lock-and-hang" -> {
                io.multiprocessing4j.SharedMutex lock = JvmChild.decode(args[1]);
                lock.acquire();
                System.out.println("locked " + ProcessHandle.current().pid());
                hang();
            }
            case "count" -> {
                SharedValue value = JvmChild.decode(args[1]);
                int n = Integer.parseInt(args[2]);
                System.out.println("ready");
                for (int i = 0; i < n; i++) {
                    try (var held = value.getLock().held()) {
                        value.setLong(value.getLong() + 1);
                    }
                }
                System.out.println("done");
            }
            case "shm-and-hang" -> {
                PosixContext mp = new PosixContext(ContextOptions.DEFAULTS);
                SharedValue v = mp.value('i', 7);
                mp.lock();
                SharedMemoryBlock block = mp.sharedMemory(4096);
                System.out.println(mp.owner().trackerPid() + " " + String.join(" ", mp.owner().createdNames()));
                hang();
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void hang() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
