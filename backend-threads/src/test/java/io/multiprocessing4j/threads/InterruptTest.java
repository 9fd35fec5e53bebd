package io.multiprocessing4j.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.JoinableQueue;
import io.multiprocessing4j.Pipe;
import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedSemaphore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every blocking call, in its timed form too: an interrupt gives ProcessInterruptedException and keeps the flag. */
class InterruptTest extends ThreadsTestBase {
    /** As long as "forever" for these tests, but through the timed code path. */
    private static final Duration HOUR = Duration.ofHours(1);

    private static void assertInterruptible(Runnable blocked) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = thread(() -> {
            try {
                blocked.run();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waitUntilBlocked(t);
        t.interrupt();
        t.join(LONG.toMillis());
        assertTrue(thrown.get() instanceof ProcessInterruptedException, String.valueOf(thrown.get()));
        assertEquals(Boolean.TRUE, flag.get(), "the interrupt status is set again");
    }

    @Test
    void semaphoreAcquireTimed() throws Exception {
        SharedSemaphore s = mp.semaphore(0);
        assertInterruptible(() -> s.acquire(HOUR));
        assertInterruptible(() -> s.acquire(Duration.ofSeconds(Long.MAX_VALUE)));
    }

    @Test
    void eventAwaitTimed() throws Exception {
        SharedEvent e = mp.event();
        assertInterruptible(() -> e.await(HOUR));
    }

    @Test
    void conditionAwaitBothForms() throws Exception {
        SharedCondition c = mp.condition();
        assertInterruptible(() -> {
            c.lock().acquire();
            try {
                c.await(HOUR);
            } finally {
                c.lock().release();
            }
        });
        assertInterruptible(() -> {
            c.lock().acquire();
            try {
                c.await();
            } finally {
                c.lock().release();
            }
        });
    }

    @Test
    void barrierAwaitTimed() throws Exception {
        SharedBarrier b = mp.barrier(2);
        assertInterruptible(() -> b.await(HOUR));
    }

    @Test
    void pipeRecvAndPollTimed() throws Exception {
        Pipe p = mp.pipe();
        assertInterruptible(() -> p.right().recv(HOUR));
        assertInterruptible(() -> p.right().poll(HOUR));
        assertInterruptible(() -> p.right().recvBytes());
        assertInterruptible(() -> p.right().recvBytesInto(new byte[1]));
    }

    @Test
    void joinableQueueJoinTimed() throws Exception {
        JoinableQueue<String> q = mp.joinableQueue();
        q.put("unfinished");
        assertInterruptible(() -> q.join(HOUR));
    }

    @Test
    void processJoinTimed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ChildProcess p = mp.process(() -> release.await()).start();
        assertInterruptible(() -> p.join(HOUR));
        release.countDown();
        assertTrue(p.join(LONG));
    }
}
