/**
 * The native layer of the posix backend: Linux system calls and libc functions reached through
 * {@code java.lang.foreign} (no JNI, no C compiler), for x86_64 and aarch64.
 *
 * <p><b>Internal to the posix backend.</b> The types are public only so that the backend's other
 * packages can use them; they are not part of multiprocessing4j's API and may change at any time.
 *
 * <p>Every call that fails throws {@link io.multiprocessing4j.posix.ffi.PosixException} naming the
 * function, its arguments, the errno number and name and the {@code strerror} text. {@code errno}
 * is captured per thread ({@link java.lang.foreign.Linker.Option#captureCallState}), never read
 * from a segment shared between threads. Check {@link io.multiprocessing4j.posix.ffi.NativeAvailability}
 * before touching any other class here: their static initialisers create downcall handles and
 * fail with an {@link java.lang.ExceptionInInitializerError} where native access is denied.
 *
 * <p>A downcall blocks its carrier thread: a virtual thread in {@code futex}, {@code poll} or
 * {@code waitpid} pins its carrier, and {@link java.lang.Thread#interrupt()} does not end the call.
 * Callers therefore wait in bounded slices and check for interruption between them.
 */
package io.multiprocessing4j.posix.ffi;
