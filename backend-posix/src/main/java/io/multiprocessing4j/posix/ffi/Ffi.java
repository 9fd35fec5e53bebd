package io.multiprocessing4j.posix.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Optional;

/**
 * Plumbing shared by the native classes: symbol lookup, downcall handles and per-thread
 * {@code errno} capture.
 *
 * <p>A handle made by {@link #downcallWithErrno} takes, as its first argument, the segment that
 * {@link #callState()} returns; read the errno from it with {@link #errno(MemorySegment)} right
 * after the call, on the same thread. That segment belongs to the calling thread alone: sharing
 * one between threads would let one thread's errno overwrite another's.
 */
public final class Ffi {
    /** The platform linker (System V ABI on x86_64, AAPCS64 on aarch64). */
    public static final Linker LINKER = Linker.nativeLinker();

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /**
     * One capture segment per thread. An automatic arena frees it when its thread (virtual
     * threads included) is gone, so short-lived threads leak nothing.
     */
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

    private Ffi() {}

    /**
     * Finds a C symbol: first in the linker's default lookup (libc), then in {@code librt.so.1},
     * where glibc before 2.34 keeps {@code shm_open} and {@code shm_unlink}.
     *
     * @param name the symbol
     * @return its address, or empty if neither library has it
     * @throws IllegalCallerException only from the librt fallback when native access is denied
     */
    public static Optional<MemorySegment> find(String name) {
        Optional<MemorySegment> found = LINKER.defaultLookup().find(name);
        return found.isPresent() ? found : Librt.LOOKUP.find(name);
    }

    /**
     * Creates a downcall handle for a symbol that must exist.
     *
     * @param name the symbol
     * @param descriptor its C signature
     * @param options linker options, e.g. {@link Linker.Option#firstVariadicArg(int)}
     * @return the handle
     * @throws UnsatisfiedLinkError if the symbol is missing
     * @throws IllegalCallerException if native access is denied to this module
     */
    public static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = find(name).orElseThrow(() -> new UnsatisfiedLinkError("no C symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /**
     * Creates a downcall handle that captures {@code errno}: its first parameter is the segment
     * from {@link #callState()}, followed by the C parameters.
     *
     * @param name the symbol
     * @param descriptor its C signature
     * @param options further linker options
     * @return the handle
     * @throws UnsatisfiedLinkError if the symbol is missing
     * @throws IllegalCallerException if native access is denied to this module
     */
    public static MethodHandle downcallWithErrno(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = CAPTURE_ERRNO;
        return downcall(name, descriptor, all);
    }

    /**
     * Like {@link #downcallWithErrno} for a symbol that may be absent (e.g. a glibc extension).
     *
     * @param name the symbol
     * @param descriptor its C signature
     * @param options further linker options
     * @return the handle, or empty when the symbol is missing
     * @throws IllegalCallerException if native access is denied to this module
     */
    public static Optional<MethodHandle> optionalDowncallWithErrno(
            String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return find(name).isPresent() ? Optional.of(downcallWithErrno(name, descriptor, options)) : Optional.empty();
    }

    /** @return the calling thread's errno capture segment (never share it with another thread) */
    public static MemorySegment callState() {
        return STATE.get();
    }

    /**
     * Reads the errno that the last capturing call on this thread stored.
     *
     * @param state the segment from {@link #callState()} passed to that call
     * @return the errno value
     */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * Turns what {@code MethodHandle.invokeExact} threw into an unchecked exception to rethrow.
     * Downcalls do not throw checked exceptions, so anything checked is a bug in our handle.
     *
     * @param t what was thrown
     * @return an exception for the caller to {@code throw}
     */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new PosixException("native call failed unexpectedly", t);
    }

    /** librt, loaded only when a symbol is not in libc (old glibc); absent is fine. */
    private static final class Librt {
        static final SymbolLookup LOOKUP = load();

        private static SymbolLookup load() {
            try {
                return SymbolLookup.libraryLookup("librt.so.1", Arena.global());
            } catch (IllegalArgumentException notThere) {
                return name -> Optional.empty();
            }
        }
    }
}
