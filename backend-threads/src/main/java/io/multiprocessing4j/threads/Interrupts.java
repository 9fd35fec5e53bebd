package io.multiprocessing4j.threads;

import io.multiprocessing4j.ProcessInterruptedException;

/** Turns a JDK interrupt into the API's unchecked {@link ProcessInterruptedException}. */
final class Interrupts {
    private Interrupts() {
    }

    /**
     * Sets the interrupt status again (the JDK cleared it when it threw) and wraps the interrupt.
     *
     * @param what the blocking call, for the message
     * @param e the interrupt
     * @return the exception to throw
     */
    static ProcessInterruptedException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ProcessInterruptedException("interrupted while waiting in " + what, e);
    }
}
