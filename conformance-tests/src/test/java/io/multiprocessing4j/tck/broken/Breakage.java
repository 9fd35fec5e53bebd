package io.multiprocessing4j.tck.broken;

import io.multiprocessing4j.ChildProcess;
import io.multiprocessing4j.ProcessPool;
import io.multiprocessing4j.Context;
import io.multiprocessing4j.SerializableBiConsumer;
import io.multiprocessing4j.SerializableConsumer;
import io.multiprocessing4j.SerializableRunnable;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.spi.ProcessLauncher;
import io.multiprocessing4j.spi.ProcessRuntime;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deliberate bugs, applied to a real backend's context by a dynamic proxy, so that the suite can
 * show it catches them. Registered nowhere: the broken suites open these contexts themselves.
 */
enum Breakage {
    /** Nothing broken: the control, which must pass what the broken ones fail. */
    NONE,
    /** Every 5th item put on a queue is silently dropped. */
    DROPPING_QUEUE,
    /** Every 7th item put on a queue arrives twice. */
    DUPLICATING_QUEUE,
    /** A lock that never excludes anyone. */
    NON_EXCLUDING_LOCK,
    /** Every process reports exit code 0 once it has ended. */
    ZERO_EXIT_CODE,
    /** A pool whose {@code map} loses its last result. */
    LOSING_POOL;

    /**
     * @param real the context to break
     * @return a context with this bug
     */
    Context wrap(Context real) {
        Object[] self = new Object[1];
        InvocationHandler h = (proxy, m, args) -> {
            String name = m.getName();
            if (name.equals("process")) {
                return newProcess((Context) proxy, args);
            }
            if (name.equals("launch")) {
                ProcessRuntime r = ((ProcessLauncher) real).launch((ChildProcess) args[0]);
                return this == ZERO_EXIT_CODE ? zeroExit(r) : r;
            }
            Object result = call(real, m, args);
            if ((this == DROPPING_QUEUE || this == DUPLICATING_QUEUE) && result instanceof SharedQueue<?> q
                    && (name.equals("queue") || name.equals("joinableQueue"))) {
                return faultyQueue(q);
            }
            if (this == LOSING_POOL && result instanceof ProcessPool pool && name.equals("pool")) {
                return losingPool(pool);
            }
            if (this == NON_EXCLUDING_LOCK && result instanceof SharedLock && name.equals("lock")) {
                return nonExcludingLock();
            }
            return result;
        };
        self[0] = Proxy.newProxyInstance(Breakage.class.getClassLoader(), new Class<?>[] {Context.class, ProcessLauncher.class}, h);
        return (Context) self[0];
    }

    @SuppressWarnings("unchecked")
    private static ChildProcess newProcess(Context proxy, Object[] args) {
        SerializableRunnable target = switch (args.length) {
            case 1 -> (SerializableRunnable) args[0];
            case 2 -> () -> ((SerializableConsumer<Object>) args[0]).accept(args[1]);
            default -> () -> ((SerializableBiConsumer<Object, Object>) args[0]).accept(args[1], args[2]);
        };
        return new ChildProcess(proxy, target);
    }

    private static ProcessRuntime zeroExit(ProcessRuntime r) {
        return (ProcessRuntime) Proxy.newProxyInstance(Breakage.class.getClassLoader(), new Class<?>[] {ProcessRuntime.class},
                (p, m, args) -> {
                    Object result = call(r, m, args);
                    return m.getName().equals("exitCode") && result != null ? Integer.valueOf(0) : result;
                });
    }

    private Object faultyQueue(SharedQueue<?> q) {
        AtomicInteger puts = new AtomicInteger();
        int every = this == DROPPING_QUEUE ? 5 : 7;
        Class<?>[] types = q.getClass().getInterfaces();
        return Proxy.newProxyInstance(Breakage.class.getClassLoader(), types, (p, m, args) -> {
            String name = m.getName();
            boolean isPut = (name.equals("put") || name.equals("putNowait") || name.equals("offer") || name.equals("add"))
                    && args != null && args.length >= 1;
            if (isPut && puts.incrementAndGet() % every == 0) {
                if (this == DROPPING_QUEUE) {
                    return m.getReturnType() == boolean.class ? Boolean.TRUE : null;
                }
                call(q, m, args);
            }
            return call(q, m, args);
        });
    }

    private static ProcessPool losingPool(ProcessPool pool) {
        return (ProcessPool) Proxy.newProxyInstance(Breakage.class.getClassLoader(), new Class<?>[] {ProcessPool.class},
                (p, m, args) -> {
                    Object result = call(pool, m, args);
                    if (m.getName().equals("map") && result instanceof java.util.List<?> list && !list.isEmpty()) {
                        return list.subList(0, list.size() - 1);
                    }
                    return result;
                });
    }

    private static SharedLock nonExcludingLock() {
        AtomicInteger holds = new AtomicInteger();
        return (SharedLock) Proxy.newProxyInstance(Breakage.class.getClassLoader(), new Class<?>[] {SharedLock.class},
                (p, m, args) -> switch (m.getName()) {
                    case "acquire", "tryLock" -> {
                        holds.incrementAndGet();
                        yield m.getReturnType() == boolean.class ? Boolean.TRUE : null;
                    }
                    case "lock" -> {
                        holds.incrementAndGet();
                        yield null;
                    }
                    case "release", "unlock" -> {
                        holds.updateAndGet(n -> Math.max(0, n - 1));
                        yield null;
                    }
                    case "isLocked" -> holds.get() > 0;
                    case "ownerDied" -> false;
                    case "held" -> (io.multiprocessing4j.SharedMutex.Held) holds::decrementAndGet;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "NonExcludingLock";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
