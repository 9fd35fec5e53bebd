package io.multiprocessing4j.posix.ffi;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * Says whether the native layer can run here and, if not, exactly why, in the manner of Netty's
 * {@code Epoll.unavailabilityCause()}: not Linux, an unsupported architecture, native access
 * denied to our module, a missing C symbol, or a failure initialising the native classes.
 *
 * <p>Call this before any other class of this package: it never throws and never links anything
 * when an earlier check fails, whereas the other classes create their downcall handles in static
 * initialisers. The result is computed once.
 */
public final class NativeAvailability {
    /**
     * Why the native layer cannot run.
     *
     * @param reason a sentence for users and logs, naming the fix where there is one
     * @param cause the underlying failure, or null when there is none (e.g. the wrong OS)
     */
    public record Unavailability(String reason, Throwable cause) {
        /** @return an exception carrying the reason and cause, for callers that must throw */
        public UnsupportedOperationException toException() {
            return new UnsupportedOperationException(reason, cause);
        }
    }

    /** Every C function the required classes link; pidfd_open and closefrom_np are optional. */
    static final List<String> REQUIRED_SYMBOLS = List.of(
            "posix_spawn", "posix_spawnp", "posix_spawn_file_actions_init", "posix_spawn_file_actions_destroy",
            "posix_spawn_file_actions_adddup2", "posix_spawn_file_actions_addclose", "posix_spawnattr_init",
            "posix_spawnattr_destroy", "posix_spawnattr_setflags", "posix_spawnattr_setpgroup",
            "posix_spawnattr_setsigmask", "posix_spawnattr_setsigdefault", "sigemptyset", "sigfillset",
            "waitpid", "kill", "getpid", "getppid", "shm_open", "shm_unlink", "ftruncate", "lseek", "mmap",
            "munmap", "socketpair", "pipe2", "close", "fcntl", "poll", "read", "write", "send", "recv",
            "syscall", "strerror");

    private static final Optional<Unavailability> RESULT =
            check(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));

    private NativeAvailability() {}

    /** @return whether the native layer can be used */
    public static boolean isAvailable() {
        return RESULT.isEmpty();
    }

    /** @return why the native layer cannot be used, or empty when it can */
    public static Optional<Unavailability> unavailability() {
        return RESULT;
    }

    /**
     * @return null when the native layer can be used, else an exception whose message is the
     *     reason and whose cause is the underlying failure (Netty's convention)
     */
    public static Throwable unavailabilityCause() {
        return RESULT.map(Unavailability::toException).orElse(null);
    }

    /**
     * Throws unless the native layer can be used.
     *
     * @throws UnsupportedOperationException with the reason, and the cause if any
     */
    public static void ensureAvailable() {
        if (RESULT.isPresent()) {
            throw RESULT.get().toException();
        }
    }

    /**
     * Runs the checks for a given OS and architecture (tests pass foreign ones).
     *
     * @param osName an {@code os.name} value
     * @param osArch an {@code os.arch} value
     * @return why the native layer cannot run, or empty
     */
    static Optional<Unavailability> check(String osName, String osArch) {
        if (!Platform.isLinux(osName)) {
            return unavailable("not Linux: os.name is \"" + osName + "\"; the posix backend supports Linux only", null);
        }
        if (Platform.archOf(osArch).isEmpty()) {
            return unavailable("unsupported architecture: os.arch is \"" + osArch
                    + "\"; the posix backend supports x86_64 (amd64) and aarch64", null);
        }
        try {
            MemorySegment getpid = Linker.nativeLinker().defaultLookup().find("getpid").orElse(null);
            if (getpid == null) {
                return unavailable("the C library lookup has no getpid: no usable libc", null);
            }
            // downcallHandle is a restricted method: this is where denied native access shows.
            MethodHandle handle = Linker.nativeLinker().downcallHandle(getpid, FunctionDescriptor.of(JAVA_INT));
            int pid = (int) handle.invokeExact();
            if (pid != ProcessHandle.current().pid()) {
                return unavailable("getpid() returned " + pid + " but this JVM's pid is "
                        + ProcessHandle.current().pid() + ": the linked libc is not the process's", null);
            }
        } catch (IllegalCallerException e) {
            Module module = NativeAvailability.class.getModule();
            String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            return unavailable("native access is denied to " + module + " (the JVM runs with"
                    + " --illegal-native-access=deny): add --enable-native-access=" + name
                    + " to the JVM options", e);
        } catch (Throwable e) {
            return unavailable("calling getpid through java.lang.foreign failed: " + e, e);
        }
        List<String> missing = REQUIRED_SYMBOLS.stream().filter(s -> Ffi.find(s).isEmpty()).toList();
        if (!missing.isEmpty()) {
            return unavailable("the C library lacks " + String.join(", ", missing)
                    + " (glibc 2.17+ or musl expected)", null);
        }
        try {
            // Run every static initialiser now, so that no later call meets a linkage failure.
            Errno.strerror(Errno.ENOENT);
            for (Class<?> c : List.of(Memory.class, Descriptors.class, Processes.class, Spawn.class, Futex.class)) {
                Class.forName(c.getName(), true, c.getClassLoader());
            }
        } catch (Throwable e) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            return unavailable("initialising the native layer failed: " + cause, cause);
        }
        return Optional.empty();
    }

    private static Optional<Unavailability> unavailable(String reason, Throwable cause) {
        return Optional.of(new Unavailability(reason, cause));
    }
}
