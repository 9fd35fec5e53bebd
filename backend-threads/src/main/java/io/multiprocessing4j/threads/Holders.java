package io.multiprocessing4j.threads;

import io.multiprocessing4j.spi.ProcessScope;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which "processes" hold which connection ends, so that ends behave as descriptors do on the
 * process backends: a process's {@code close()} closes only its own hold, a process that ends
 * drops the holds it had, and the other end sees EOF once no process holds the end any more.
 *
 * <p>A process holds the ends it made, the ends found in what it was started with (its target and
 * arguments, found by walking them as serialization would, as a spawned child receives them), and
 * any end it uses. Only the holds of this backend's child processes are recorded here, to be
 * dropped when they end; the main process never ends.
 */
final class Holders {
    private static final Map<ProcessScope, Set<ThreadsConnection>> CHILDREN = new WeakHashMap<>();

    private Holders() {
    }

    /**
     * Starts recording the holds of a child process.
     *
     * @param scope the child's scope
     */
    static void track(ProcessScope scope) {
        synchronized (CHILDREN) {
            CHILDREN.put(scope, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
    }

    /**
     * Records that {@code scope} holds {@code end}, if {@code scope} is a tracked child.
     *
     * @return false if {@code scope} is a child that has ended (it may not take new holds)
     */
    static boolean record(ProcessScope scope, ThreadsConnection end) {
        synchronized (CHILDREN) {
            if (!CHILDREN.containsKey(scope)) {
                return true;
            }
            Set<ThreadsConnection> held = CHILDREN.get(scope);
            if (held == null) {
                return false;
            }
            held.add(end);
            return true;
        }
    }

    /** Forgets that {@code scope} holds {@code end} (it closed it). */
    static void forget(ProcessScope scope, ThreadsConnection end) {
        synchronized (CHILDREN) {
            Set<ThreadsConnection> held = CHILDREN.get(scope);
            if (held != null) {
                held.remove(end);
            }
        }
    }

    /**
     * Drops every hold of a child process that ended, as process exit closes descriptors.
     *
     * @param scope the child's scope
     */
    static void ended(ProcessScope scope) {
        List<ThreadsConnection> held;
        synchronized (CHILDREN) {
            Set<ThreadsConnection> set = CHILDREN.get(scope);
            held = set == null ? List.of() : new ArrayList<>(set);
            // Kept with no set: the scope's leftover threads take no new holds.
            CHILDREN.put(scope, null);
        }
        for (ThreadsConnection end : held) {
            end.release(scope);
        }
    }

    /**
     * The connection ends reachable from {@code root} the way serialization would reach them
     * (non-serializable objects and transient fields are skipped, as they would not travel).
     *
     * @param root what a process is started with
     * @return the ends found; empty if the walk failed
     */
    static Set<ThreadsConnection> reachableFrom(Object root) {
        Set<ThreadsConnection> found = Collections.newSetFromMap(new IdentityHashMap<>());
        try (Walker w = new Walker(found)) {
            w.writeObject(root);
        } catch (IOException | RuntimeException e) {
            // A walk that fails (a user writeObject that throws) finds what it found; the child
            // then takes holds of further ends when it first uses them.
        }
        return found;
    }

    /** An output stream that writes nothing and notes the connection ends it meets. */
    private static final class Walker extends ObjectOutputStream {
        private final Set<ThreadsConnection> found;

        Walker(Set<ThreadsConnection> found) throws IOException {
            super(OutputStream.nullOutputStream());
            this.found = found;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            Object resolved = Handles.resolve(obj);
            if (resolved instanceof ThreadsConnection end) {
                found.add(end);
                return null;
            }
            if (resolved != obj) {
                return null; // another of this backend's handles: nothing below it to find
            }
            if (obj.getClass().isArray() && obj.getClass().getComponentType().isPrimitive()) {
                return null; // no handle inside, and walking a large one costs
            }
            return obj instanceof Serializable ? obj : null;
        }
    }
}
