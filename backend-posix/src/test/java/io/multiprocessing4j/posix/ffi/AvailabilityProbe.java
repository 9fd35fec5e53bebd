package io.multiprocessing4j.posix.ffi;

/** Run in a child JVM by {@link NativeAvailabilityTest}: prints the availability verdict. */
public final class AvailabilityProbe {
    private AvailabilityProbe() {}

    public static void main(String[] args) {
        System.out.println(NativeAvailability.unavailability()
                .map(u -> "UNAVAILABLE " + u.reason() + " CAUSE " + u.cause())
                .orElse("AVAILABLE"));
    }
}
