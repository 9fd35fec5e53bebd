package io.multiprocessing4j.posix;

import io.multiprocessing4j.posix.context.PosixContext;
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
            case "produce" -> {
                io.multiprocessing4j.SharedQueue<String> q = JvmChild.decode(args[1]);
                int n = Integer.parseInt(args[3]);
                for (int i = 0; i < n; i++) {
                    q.put(args[2] + "-" + i);
                }
                System.out.println("done");
            }
            case "consume" -> {
                io.multiprocessing4j.SharedQueue<String> q = JvmChild.decode(args[1]);
                StringBuilder out = new StringBuilder();
                for (String item; !(item = q.get()).equals("STOP"); ) {
                    out.append(item).append('\n');
                }
                System.out.print(out);
                System.out.println("end");
            }
            case "put-and-stall" -> {
                io.multiprocessing4j.SharedQueue<Object> q = JvmChild.decode(args[1]);
                io.multiprocessing4j.posix.queue.PosixQueue.faultHookBeforeCommit(() -> {
                    System.out.println("stalled");
                    try {
                        hang();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                q.put(args[2].equals("big") ? "x".repeat(100_000) : args[2]);
            }
            case "daemon-and-hang" -> {
                io.multiprocessing4j.Context mp = io.multiprocessing4j.Multiprocessing.context("posix");
                io.multiprocessing4j.SharedEvent started = mp.event();
                io.multiprocessing4j.ChildProcess p = mp.process(ev -> {
                    ev.set();
                    Thread.sleep(120_000);
                }, started).daemon(true).start();
                started.await();
                System.out.println(p.pid());
                hang();
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void hang() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
