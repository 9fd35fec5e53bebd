package io.multiprocessing4j.posix.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Passes pipe ends to a child at spawn. While the launcher serializes a process (its target and
 * arguments), each {@link PosixConnection} met there records its descriptor here and is written as
 * the number it will have in the child ({@value #FIRST_CHILD_FD} upwards); the launcher then maps
 * exactly those descriptors with {@code posix_spawn} file actions. So a pipe end given to a child
 * is the very socket, inherited, as with Python's spawn: end of file reaches the other side when
 * every process holding it has closed it or died.
 */
public final class FdTransfer {
    /** The child's first descriptor number for transferred ends (after stdin, stdout, stderr). */
    public static final int FIRST_CHILD_FD = 3;
    private static final ThreadLocal<FdTransfer> CURRENT = new ThreadLocal<>();

    private final List<Integer> ours = new ArrayList<>();

    /**
     * Runs {@code serialization} with a transfer active on this thread.
     *
     * @param <T> its result
     * @param serialization what serializes the process
     * @param transfer receives the descriptors to map
     * @return its result
     */
    public static <T> T collecting(FdTransfer transfer, Supplier<T> serialization) {
        FdTransfer previous = CURRENT.get();
        CURRENT.set(transfer);
        try {
            return serialization.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** @return the transfer active on this thread, or null */
    static FdTransfer current() {
        return CURRENT.get();
    }

    /**
     * @param fd a descriptor of ours to pass
     * @return its number in the child
     */
    int add(int fd) {
        int index = ours.indexOf(fd);
        if (index < 0) {
            ours.add(fd);
            index = ours.size() - 1;
        }
        return FIRST_CHILD_FD + index;
    }

    /** @return our descriptors, in child-number order from {@link #FIRST_CHILD_FD} */
    public List<Integer> descriptors() {
        return List.copyOf(ours);
    }
}
