package io.multiprocessing4j.posix.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Passes pipe ends to another process, two ways. At spawn: while the launcher serializes a process
 * (its target and arguments), each {@link PosixConnection} met there records its descriptor here
 * and is written as the number it will have in the child ({@value #FIRST_CHILD_FD} upwards); the
 * launcher then maps exactly those descriptors with {@code posix_spawn} file actions. In a message
 * over a pipe: the ends met are written as indexes into the descriptors the message carries as
 * {@code SCM_RIGHTS}. Either way the receiver holds the very socket, as with Python: end of file
 * reaches the other side when every process holding it has closed it or died.
 */
public final class FdTransfer {
    /** How the descriptors travel. */
    enum Mode {
        /** Mapped into a child at spawn: written as the child's descriptor number. */
        SPAWN,
        /** Attached to a message: written as an index into its descriptors. */
        MESSAGE
    }

    private static final ThreadLocal<int[]> INCOMING = new ThreadLocal<>();
    private final Mode mode;

    /** A transfer for a spawn. */
    public FdTransfer() {
        this(Mode.SPAWN);
    }

    FdTransfer(Mode mode) {
        this.mode = mode;
    }

    Mode mode() {
        return mode;
    }

    /**
     * Runs a deserialization with the descriptors its message carried.
     *
     * @param <T> its result
     * @param fds the descriptors
     * @param deserialization what deserializes the message
     * @return its result
     */
    static <T> T receiving(int[] fds, Supplier<T> deserialization) {
        int[] previous = INCOMING.get();
        INCOMING.set(fds);
        try {
            return deserialization.get();
        } finally {
            INCOMING.set(previous);
        }
    }

    /** @param index an index written in {@link Mode#MESSAGE} @return the received descriptor */
    static int incoming(int index) {
        int[] fds = INCOMING.get();
        if (fds == null || index < 0 || index >= fds.length) {
            throw new IllegalStateException("a pipe end arrived without its descriptor");
        }
        return fds[index];
    }
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
     * @return its number in the child (spawn), or its index in the message
     */
    int add(int fd) {
        int index = ours.indexOf(fd);
        if (index < 0) {
            ours.add(fd);
            index = ours.size() - 1;
        }
        return mode == Mode.SPAWN ? FIRST_CHILD_FD + index : index;
    }

    /**
     * Like {@link #add}, but always as a new entry: the receiver gets a descriptor of its own
     * even if the same one is passed again (each owner closes its copy).
     *
     * @param fd a descriptor of ours to pass
     * @return its number in the child (spawn), or its index in the message
     */
    int addCopy(int fd) {
        ours.add(fd);
        return mode == Mode.SPAWN ? FIRST_CHILD_FD + ours.size() - 1 : ours.size() - 1;
    }

    /** @return our descriptors, in child-number order from {@link #FIRST_CHILD_FD} */
    public List<Integer> descriptors() {
        return List.copyOf(ours);
    }
}
