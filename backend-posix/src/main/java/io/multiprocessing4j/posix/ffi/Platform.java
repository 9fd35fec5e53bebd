package io.multiprocessing4j.posix.ffi;

import java.util.Locale;
import java.util.Optional;

/**
 * The operating system and CPU architecture we run on, and the numbers that differ between the
 * supported architectures.
 *
 * <p>Most Linux ABI numbers (errno, signals, {@code O_*}, {@code MAP_*}, {@code PROT_*},
 * {@code SOCK_*}, {@code F_*}) are the same on x86_64 and aarch64, because aarch64 uses the
 * asm-generic values and x86_64 happens to match them for everything we use; the constants live
 * next to the functions that take them. System call numbers do differ: x86_64 keeps its own table,
 * aarch64 uses the asm-generic one. Calls added since Linux 5.1 (number 403 and up) share one
 * number on every architecture.
 */
public final class Platform {
    /** A supported CPU architecture and its system call numbers. */
    public enum Arch {
        /** x86_64 (amd64): {@code arch/x86/entry/syscalls/syscall_64.tbl}. */
        X86_64(202, 434),
        /** aarch64 (arm64): {@code include/uapi/asm-generic/unistd.h}. */
        AARCH64(98, 434);

        private final long sysFutex;
        private final long sysPidfdOpen;

        Arch(long sysFutex, long sysPidfdOpen) {
            this.sysFutex = sysFutex;
            this.sysPidfdOpen = sysPidfdOpen;
        }

        /** @return {@code SYS_futex} on this architecture (202 on x86_64, 98 on aarch64) */
        public long sysFutex() {
            return sysFutex;
        }

        /** @return {@code SYS_pidfd_open} (434 everywhere; Linux 5.3 and later) */
        public long sysPidfdOpen() {
            return sysPidfdOpen;
        }
    }

    private Platform() {}

    /** @return whether {@code os.name} says Linux */
    public static boolean isLinux() {
        return isLinux(System.getProperty("os.name", ""));
    }

    static boolean isLinux(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** @return the current architecture, or empty when it is not supported */
    public static Optional<Arch> currentArch() {
        return archOf(System.getProperty("os.arch", ""));
    }

    /**
     * The current architecture, for code that already checked {@link NativeAvailability}.
     *
     * @return the architecture
     * @throws UnsupportedOperationException if it is not supported
     */
    public static Arch arch() {
        return currentArch().orElseThrow(() -> new UnsupportedOperationException(
                "unsupported architecture " + System.getProperty("os.arch")));
    }

    /**
     * Maps an {@code os.arch} value to an architecture.
     *
     * @param osArch e.g. {@code amd64} or {@code aarch64}
     * @return the architecture, or empty if unsupported
     */
    static Optional<Arch> archOf(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(Arch.X86_64);
            case "aarch64", "arm64" -> Optional.of(Arch.AARCH64);
            default -> Optional.empty();
        };
    }
}
