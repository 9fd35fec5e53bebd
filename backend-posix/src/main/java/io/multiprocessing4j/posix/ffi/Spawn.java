package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Starts a child process with {@code posix_spawn}: an executable, its argv, an explicit
 * environment, and chosen descriptors of ours placed at chosen numbers in the child.
 *
 * <p>The child gets exactly: descriptors 0-2 (ours, unless mapped), the mapped descriptors, and
 * nothing else; every other descriptor is closed in the child, close-on-exec or not
 * ({@code posix_spawn_file_actions_addclosefrom_np}, glibc 2.34+; elsewhere each inheritable
 * descriptor listed in {@code /proc/self/fd} is closed, which can miss one that another thread
 * opens without {@code O_CLOEXEC} during the spawn). Its signal mask is empty and every signal
 * has its default disposition, whatever the spawning JVM thread had.
 *
 * <p>{@code posix_spawn} returns once the child's exec has replaced its memory, which is a moment
 * before the kernel closes its close-on-exec descriptors: {@code /proc/<pid>/fd} read at once may
 * still list them. Let the child report that it runs before inspecting it.
 *
 * <p>Reap every child with {@link Processes#waitFor} or {@link Processes#tryWait}, or it stays a
 * zombie.
 */
public final class Spawn {
    // <spawn.h> flags (glibc and musl agree).
    private static final short POSIX_SPAWN_SETPGROUP = 0x02;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

    // Opaque C types, allocated generously: glibc's posix_spawn_file_actions_t is 80 bytes and
    // posix_spawnattr_t 336 on both x86_64 and aarch64 (musl's are smaller); sigset_t is 128
    // bytes in glibc and musl. Only libc reads or writes inside them.
    private static final long FILE_ACTIONS_SIZE = 256;
    private static final long SPAWNATTR_SIZE = 1024;
    private static final long SIGSET_SIZE = 128;
    private static final long OPAQUE_ALIGN = 16;

    private static final FunctionDescriptor PTR_TO_INT = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor SPAWN_SIGNATURE =
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle POSIX_SPAWN = Ffi.downcall("posix_spawn", SPAWN_SIGNATURE);
    private static final MethodHandle POSIX_SPAWNP = Ffi.downcall("posix_spawnp", SPAWN_SIGNATURE);
    private static final MethodHandle FA_INIT = Ffi.downcall("posix_spawn_file_actions_init", PTR_TO_INT);
    private static final MethodHandle FA_DESTROY = Ffi.downcall("posix_spawn_file_actions_destroy", PTR_TO_INT);
    private static final MethodHandle FA_ADDDUP2 = Ffi.downcall("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle FA_ADDCLOSE = Ffi.downcall("posix_spawn_file_actions_addclose",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /** glibc 2.34+ only; absent on musl and older glibc. */
    private static final Optional<MethodHandle> FA_ADDCLOSEFROM =
            Ffi.find("posix_spawn_file_actions_addclosefrom_np").map(symbol -> Ffi.LINKER.downcallHandle(
                    symbol, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)));
    private static final MethodHandle ATTR_INIT = Ffi.downcall("posix_spawnattr_init", PTR_TO_INT);
    private static final MethodHandle ATTR_DESTROY = Ffi.downcall("posix_spawnattr_destroy", PTR_TO_INT);
    private static final MethodHandle ATTR_SETFLAGS = Ffi.downcall("posix_spawnattr_setflags",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    private static final MethodHandle ATTR_SETPGROUP = Ffi.downcall("posix_spawnattr_setpgroup",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle ATTR_SETSIGMASK = Ffi.downcall("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle ATTR_SETSIGDEFAULT = Ffi.downcall("posix_spawnattr_setsigdefault",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SIGEMPTYSET = Ffi.downcall("sigemptyset", PTR_TO_INT);
    private static final MethodHandle SIGFILLSET = Ffi.downcall("sigfillset", PTR_TO_INT);

    private Spawn() {}

    /**
     * Starts describing a child.
     *
     * @param executable a path, or a bare name to search in <em>our</em> {@code PATH}
     *     ({@code posix_spawnp} ignores the child's environment for the search)
     * @return a builder whose argv is {@code [executable]} and environment ours
     */
    public static Builder builder(String executable) {
        return new Builder(executable);
    }

    /**
     * Renders an environment as {@code envp} strings.
     *
     * @param environment variables, e.g. {@code System.getenv()}
     * @return {@code NAME=value} strings
     */
    public static List<String> environment(Map<String, String> environment) {
        return environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** What to spawn. Not thread-safe; {@link #spawn()} may be called more than once. */
    public static final class Builder {
        private final String executable;
        private List<String> argv;
        private List<String> envp = Spawn.environment(System.getenv());
        /** child fd number -> our fd; sorted so that the file actions are deterministic. */
        private final TreeMap<Integer, Integer> fds = new TreeMap<>();
        private boolean newProcessGroup;

        private Builder(String executable) {
            this.executable = Objects.requireNonNull(executable, "executable");
            this.argv = List.of(executable);
        }

        /**
         * @param argv the whole argument vector, {@code argv[0]} included
         * @return this builder
         * @throws IllegalArgumentException if argv is empty or an entry contains NUL
         */
        public Builder argv(List<String> argv) {
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("argv is empty: argv[0] is required");
            }
            this.argv = checkNoNul(argv, "argv");
            return this;
        }

        /**
         * @param envp the whole environment as {@code NAME=value} strings
         * @return this builder
         * @throws IllegalArgumentException if an entry contains NUL
         */
        public Builder environment(List<String> envp) {
            this.envp = checkNoNul(envp, "envp");
            return this;
        }

        /**
         * Places a descriptor of ours at a given number in the child (a {@code dup2} there); it
         * need not be inheritable here, and ours stays open and close-on-exec as it was.
         *
         * @param ourFd the descriptor in this process
         * @param childFd its number in the child
         * @return this builder
         * @throws IllegalArgumentException if a number is negative or childFd is already mapped
         */
        public Builder mapFd(int ourFd, int childFd) {
            if (ourFd < 0 || childFd < 0) {
                throw new IllegalArgumentException("negative descriptor: ourFd=" + ourFd + ", childFd=" + childFd);
            }
            if (fds.putIfAbsent(childFd, ourFd) != null) {
                throw new IllegalArgumentException("child descriptor " + childFd + " is already mapped");
            }
            return this;
        }

        /**
         * @param newProcessGroup whether the child leads a new process group (so that
         *     {@code kill(-pid, sig)} reaches it and its descendants, and terminal signals do not)
         * @return this builder
         */
        public Builder newProcessGroup(boolean newProcessGroup) {
            this.newProcessGroup = newProcessGroup;
            return this;
        }

        /**
         * Starts the child. glibc reports a failed exec (ENOENT, EACCES, ...) here rather than as
         * exit code 127.
         *
         * @return the child's pid
         * @throws PosixException if a mapped descriptor is not open or {@code posix_spawn} fails
         */
        public int spawn() {
            return Spawn.spawn(this, FA_ADDCLOSEFROM.isPresent());
        }

        /** The path taken on musl and glibc before 2.34, for tests on a newer glibc. */
        int spawnWithoutClosefrom() {
            return Spawn.spawn(this, false);
        }

        private static List<String> checkNoNul(List<String> strings, String what) {
            for (String s : strings) {
                if (s.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException(what + " entry contains NUL: " + s.replace('\0', '?'));
                }
            }
            return List.copyOf(strings);
        }
    }

    private static int spawn(Builder b, boolean closefrom) {
        int highestChildFd = b.fds.isEmpty() ? 2 : Math.max(2, b.fds.lastKey());
        List<Integer> staged = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            // Stage each source above every target number first, so that a dup2 never overwrites
            // a source another dup2 still needs (ours 3 -> child 4 and ours 4 -> child 3), and so
            // that source != target, which older glibc would leave close-on-exec.
            TreeMap<Integer, Integer> childToStaged = new TreeMap<>();
            for (Map.Entry<Integer, Integer> e : b.fds.entrySet()) {
                int copy = Descriptors.dupCloseOnExec(e.getValue(), highestChildFd + 1);
                staged.add(copy);
                childToStaged.put(e.getKey(), copy);
            }
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, OPAQUE_ALIGN);
            MemorySegment attr = arena.allocate(SPAWNATTR_SIZE, OPAQUE_ALIGN);
            check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(actions));
            try {
                check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
                try {
                    addFileActions(actions, childToStaged, highestChildFd, closefrom);
                    setAttributes(arena, attr, b.newProcessGroup);
                    return callSpawn(arena, b, actions, attr);
                } finally {
                    int ignored = (int) ATTR_DESTROY.invokeExact(attr);
                }
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(actions);
            }
        } catch (Throwable t) {
            throw Ffi.rethrow(t);
        } finally {
            for (int fd : staged) {
                Descriptors.close(fd);
            }
        }
    }

    private static void addFileActions(MemorySegment actions, Map<Integer, Integer> childToStaged,
                                       int highestChildFd, boolean closefrom) throws Throwable {
        for (Map.Entry<Integer, Integer> e : childToStaged.entrySet()) {
            check("posix_spawn_file_actions_adddup2",
                    (int) FA_ADDDUP2.invokeExact(actions, (int) e.getValue(), (int) e.getKey()));
        }
        // Gaps between 3 and the highest target: closing a number that is not open is not an
        // error in posix_spawn (glibc ignores EBADF for in-range descriptors).
        for (int fd = 3; fd <= highestChildFd; fd++) {
            if (!childToStaged.containsKey(fd)) {
                check("posix_spawn_file_actions_addclose", (int) FA_ADDCLOSE.invokeExact(actions, fd));
            }
        }
        if (closefrom) {
            check("posix_spawn_file_actions_addclosefrom_np",
                    (int) FA_ADDCLOSEFROM.get().invokeExact(actions, highestChildFd + 1));
        } else {
            for (int fd : inheritableAbove(highestChildFd)) {
                check("posix_spawn_file_actions_addclose", (int) FA_ADDCLOSE.invokeExact(actions, fd));
            }
        }
    }

    /** Our open descriptors above {@code floor} that lack close-on-exec (fallback without closefrom). */
    static List<Integer> inheritableAbove(int floor) {
        List<Integer> result = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            for (Path entry : entries.toList()) {
                int fd = Integer.parseInt(entry.getFileName().toString());
                try {
                    if (fd > floor && !Descriptors.isCloseOnExec(fd)) {
                        result.add(fd);
                    }
                } catch (PosixException closedMeanwhile) {
                    // the listing's own directory descriptor, or one another thread closed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/fd to close inherited descriptors", e);
        }
        return result;
    }

    private static void setAttributes(Arena arena, MemorySegment attr, boolean newProcessGroup) throws Throwable {
        MemorySegment empty = arena.allocate(SIGSET_SIZE, OPAQUE_ALIGN);
        MemorySegment all = arena.allocate(SIGSET_SIZE, OPAQUE_ALIGN);
        check("sigemptyset", (int) SIGEMPTYSET.invokeExact(empty));
        check("sigfillset", (int) SIGFILLSET.invokeExact(all));
        // The JVM blocks some signals in some threads and may ignore others (SIG_IGN survives
        // exec): the child must start clean, or SIGTERM might not end it.
        check("posix_spawnattr_setsigmask", (int) ATTR_SETSIGMASK.invokeExact(attr, empty));
        check("posix_spawnattr_setsigdefault", (int) ATTR_SETSIGDEFAULT.invokeExact(attr, all));
        short flags = (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        if (newProcessGroup) {
            flags |= POSIX_SPAWN_SETPGROUP;
            check("posix_spawnattr_setpgroup", (int) ATTR_SETPGROUP.invokeExact(attr, 0));
        }
        check("posix_spawnattr_setflags", (int) ATTR_SETFLAGS.invokeExact(attr, flags));
    }

    private static int callSpawn(Arena arena, Builder b, MemorySegment actions, MemorySegment attr) throws Throwable {
        MemorySegment pid = arena.allocate(JAVA_INT);
        MemorySegment path = arena.allocateFrom(b.executable);
        MemorySegment argv = nullTerminated(arena, b.argv);
        MemorySegment envp = nullTerminated(arena, b.envp);
        boolean search = b.executable.indexOf('/') < 0;
        // posix_spawn returns its error number; it does not set errno.
        int error = search
                ? (int) POSIX_SPAWNP.invokeExact(pid, path, actions, attr, argv, envp)
                : (int) POSIX_SPAWN.invokeExact(pid, path, actions, attr, argv, envp);
        if (error != 0) {
            String function = search ? "posix_spawnp" : "posix_spawn";
            throw new PosixException(function, function + "(\"" + b.executable + "\", argv=" + b.argv
                    + ", fds=" + b.fds + ")", error);
        }
        return pid.get(JAVA_INT, 0);
    }

    /** A C {@code char *[]} ending in NULL, as argv and envp are. */
    private static MemorySegment nullTerminated(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    /** The posix_spawn* helpers return an error number rather than setting errno. */
    private static void check(String function, int error) {
        if (error != 0) {
            throw new PosixException(function, function + "(...)", error);
        }
    }
}
