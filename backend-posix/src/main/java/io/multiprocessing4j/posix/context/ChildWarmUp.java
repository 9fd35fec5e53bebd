package io.multiprocessing4j.posix.context;

import io.multiprocessing4j.posix.ffi.Descriptors;
import io.multiprocessing4j.posix.ffi.FdPassing;
import io.multiprocessing4j.posix.ffi.Futex;
import io.multiprocessing4j.posix.ffi.Memory;
import io.multiprocessing4j.posix.ffi.PosixException;
import io.multiprocessing4j.posix.ffi.Processes;
import io.multiprocessing4j.posix.sync.RobustMutex;
import io.multiprocessing4j.posix.sync.Waiting;
import io.multiprocessing4j.spi.shm.Words;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * What a posix child JVM does while it waits for work: every native binding it will use, made and
 * called once. A downcall handle costs little to look up but its first invocation spins a dozen
 * method-handle classes; a child that opened its context cold spent ~200 ms there (measured:
 * first instruction → first shared-value write, class-loading log of a spare JVM).
 *
 * <p>Nothing shared is touched: the memory is private and anonymous, the {@code shm_open} is of a
 * name that does not exist (it fails with ENOENT), and the socketpair is closed again. A child
 * killed in the middle leaves nothing behind.
 */
final class ChildWarmUp {
    private ChildWarmUp() {
    }

    /** Runs the warm-up; failures are the caller's to ignore. */
    static void run() {
        int pid = Processes.getpid();
        Processes.exists(pid);
        Processes.getppid();
        try {
            Memory.shmOpen("/mp4j-warm-up-" + pid + "-absent", Memory.O_RDWR | Memory.O_CLOEXEC, 0);
        } catch (PosixException expected) {
            // ENOENT: the path to it is what was wanted
        }
        long size = 4096;
        MemorySegment raw = Memory.mmap(size, Memory.PROT_READ | Memory.PROT_WRITE,
                Memory.MAP_SHARED | Memory.MAP_ANONYMOUS, -1, 0);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment s = raw.reinterpret(size, arena, m -> Memory.munmap(m, size));
            RobustMutex.acquire(s, 0, Waiting.deadline(1_000_000_000L), "warm-up");
            RobustMutex.release(s, 0);
            Words.getAndAddInt(s, 8, 1);
            Words.casLong(s, 16, 0, 1);
            Futex.wake(s, 8, 1);
            Futex.wait(s, 8, 0, 0); // the word is 1: returns at once
        }
        int[] pair = Descriptors.socketpair(Descriptors.SOCK_STREAM | Descriptors.SOCK_CLOEXEC);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment b = arena.allocate(1);
            FdPassing.send(pair[0], b, new int[] {pair[0]}, Descriptors.MSG_DONTWAIT | Descriptors.MSG_NOSIGNAL);
            Descriptors.poll(pair[1], Descriptors.POLLIN, 0);
            List<Integer> received = new ArrayList<>();
            FdPassing.receive(pair[1], b, received, Descriptors.MSG_DONTWAIT);
            received.forEach(Descriptors::close);
        } finally {
            Descriptors.close(pair[0]);
            Descriptors.close(pair[1]);
        }
    }
}
