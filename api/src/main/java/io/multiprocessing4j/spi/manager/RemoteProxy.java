package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.ProcessInterruptedException;
import io.multiprocessing4j.SharedArray;
import io.multiprocessing4j.SharedQueue;
import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The handler of every {@link Proxy}-based manager proxy (the {@code Shared*} types, namespaces and
 * registered user types). Abstract methods run on the server's object; default methods run here,
 * on top of them (so {@code lock()}, {@code tryLock()} and {@code waitFor(predicate, ..)} need no
 * serializable arguments). Proxies are equal when they name the same server object.
 */
final class RemoteProxy implements InvocationHandler, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final RemoteRef ref;
    private final Class<?> type;
    /** A queue proxy's own {@code close()}, as a process's handle on a queue. */
    private transient volatile boolean closed;

    RemoteProxy(RemoteRef ref, Class<?> type) {
        this.ref = ref;
        this.type = type;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> args[0] != null && Proxy.isProxyClass(args[0].getClass())
                        && Proxy.getInvocationHandler(args[0]) instanceof RemoteProxy other && other.ref.address()
                                .equals(ref.address()) && other.ref.id() == ref.id();
                case "hashCode" -> Objects.hash(ref.address(), ref.id());
                default -> type.getSimpleName() + "Proxy[id " + ref.id() + " at " + ref.address() + "]";
            };
        }
        if (type == SharedQueue.class) {
            Object handled = queueLocal(proxy, name, args);
            if (handled != NOT_LOCAL) {
                return handled;
            }
        }
        if (type == SharedArray.class && name.equals("segment")) {
            throw new UnsupportedOperationException("a manager's array has no shared memory segment: it lives in the "
                    + "manager's process (use mp.array() for zero-copy access)");
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        try {
            return ref.invoke(name, method.getParameterTypes(), args == null ? new Object[0] : args);
        } catch (ProcessInterruptedException e) {
            for (Class<?> x : method.getExceptionTypes()) {
                if (x == InterruptedException.class) {
                    Thread.interrupted();
                    throw new InterruptedException(e.getMessage());
                }
            }
            throw e;
        }
    }

    private static final Object NOT_LOCAL = new Object();

    @SuppressWarnings("unchecked")
    private Object queueLocal(Object proxy, String name, Object[] args) {
        if (name.equals("close")) {
            closed = true;
            return null;
        }
        if (name.equals("joinThread")) {
            if (!closed) {
                throw new IllegalStateException("joinThread() needs close() first");
            }
            return null;
        }
        if (closed) {
            throw new IllegalStateException("this queue handle is closed");
        }
        switch (name) {
            case "iterator" -> {
                List<Object> items = (List<Object>) ref.snapshot();
                return new SnapshotIterator(items.iterator(), e -> ((Collection<Object>) proxy).remove(e));
            }
            case "drainTo" -> {
                Collection<Object> target = (Collection<Object>) Objects.requireNonNull(args[0], "c");
                if (target == proxy) {
                    throw new IllegalArgumentException("cannot drain a queue into itself");
                }
                int max = args.length > 1 ? (Integer) args[1] : Integer.MAX_VALUE;
                List<Object> taken = ref.drain(max);
                target.addAll(taken);
                return taken.size();
            }
            default -> {
                return NOT_LOCAL;
            }
        }
    }

    /** An iterator over a snapshot whose {@code remove()} removes the element from the server object. */
    static final class SnapshotIterator implements Iterator<Object> {
        private final Iterator<Object> items;
        private final java.util.function.Consumer<Object> remover;
        private Object last;
        private boolean canRemove;

        SnapshotIterator(Iterator<Object> items, java.util.function.Consumer<Object> remover) {
            this.items = items;
            this.remover = remover;
        }

        @Override
        public boolean hasNext() {
            return items.hasNext();
        }

        @Override
        public Object next() {
            if (!items.hasNext()) {
                throw new NoSuchElementException();
            }
            last = items.next();
            canRemove = true;
            return last;
        }

        @Override
        public void remove() {
            if (!canRemove) {
                throw new IllegalStateException("next() was not called, or remove() was called already");
            }
            canRemove = false;
            remover.accept(last);
        }
    }
}
