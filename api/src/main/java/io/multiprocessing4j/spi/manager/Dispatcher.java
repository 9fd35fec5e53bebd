package io.multiprocessing4j.spi.manager;

import io.multiprocessing4j.Connection;
import io.multiprocessing4j.Namespace;
import io.multiprocessing4j.SharedBarrier;
import io.multiprocessing4j.SharedCondition;
import io.multiprocessing4j.SharedEvent;
import io.multiprocessing4j.SharedLock;
import io.multiprocessing4j.SharedQueue;
import io.multiprocessing4j.SharedRLock;
import io.multiprocessing4j.SharedSemaphore;
import io.multiprocessing4j.TypeCode;
import io.multiprocessing4j.spi.manager.server.Caller;
import io.multiprocessing4j.spi.manager.server.Served;
import io.multiprocessing4j.spi.manager.server.ServerArray;
import io.multiprocessing4j.spi.manager.server.ServerBarrier;
import io.multiprocessing4j.spi.manager.server.ServerEvent;
import io.multiprocessing4j.spi.manager.server.ServerLock;
import io.multiprocessing4j.spi.manager.server.ServerNamespace;
import io.multiprocessing4j.spi.manager.server.ServerQueue;
import io.multiprocessing4j.spi.manager.server.ServerRLock;
import io.multiprocessing4j.spi.manager.server.ServerSemaphore;
import io.multiprocessing4j.spi.manager.server.ServerValue;
import io.multiprocessing4j.spi.remote.RemoteFailure;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Runs requests on the manager's objects, in the server process. */
final class Dispatcher {
    private final ObjectTable table;

    Dispatcher(ObjectTable table) {
        this.table = table;
    }

    Protocol.Reply handle(Protocol.Request request, Connection client) {
        return switch (request) {
            case Protocol.Create c -> ok(create(c.kind(), c.args()));
            case Protocol.Invoke i -> invoke(i, client);
            case Protocol.Register r -> {
                table.register(r.type(), r.factory());
                yield ok(null);
            }
            case Protocol.CreateUser u -> createUser(u.type());
            case Protocol.Snapshot s -> ok(snapshot(table.get(s.id()).object()));
            case Protocol.Drain d -> ok(((ServerQueue) table.get(d.id()).object()).drain(d.max()));
            case Protocol.Shutdown s -> ok(null);
        };
    }

    private static Protocol.Reply ok(Object value) {
        return new Protocol.Reply(value, null);
    }

    private Protocol.Ref create(String kind, Object[] a) {
        return switch (kind) {
            case "dict" -> table.add(new ConcurrentHashMap<>(), ConcurrentMap.class);
            case "list" -> table.add(Collections.synchronizedList(new ArrayList<>()), List.class);
            case "namespace" -> table.add(new ServerNamespace(), Namespace.class);
            case "lock" -> table.add(new ServerLock(), SharedLock.class);
            case "rlock" -> table.add(new ServerRLock(), SharedRLock.class);
            case "semaphore" -> table.add(new ServerSemaphore((Integer) a[0], (Boolean) a[1]), SharedSemaphore.class);
            case "condition" -> table.add(new ServerRLock().newCondition(), SharedCondition.class);
            case "event" -> table.add(new ServerEvent(), SharedEvent.class);
            case "barrier" -> table.add(new ServerBarrier((Integer) a[0]), SharedBarrier.class);
            case "queue" -> table.add(new ServerQueue((Integer) a[0]), SharedQueue.class);
            case "value" -> table.add(new ServerValue(TypeCode.of((Character) a[0]), (Number) a[1]),
                    io.multiprocessing4j.SharedValue.class);
            case "array" -> table.add(new ServerArray(TypeCode.of((Character) a[0]), (Integer) a[1]),
                    io.multiprocessing4j.SharedArray.class);
            default -> throw new IllegalArgumentException("unknown manager object kind " + kind);
        };
    }

    private Protocol.Reply createUser(String type) {
        Object made;
        try {
            made = table.factory(type).get();
        } catch (Exception ex) {
            return new Protocol.Reply(null, RemoteFailure.of(ex, true));
        }
        Class<?> iface;
        try {
            iface = Class.forName(type, false, made == null ? Dispatcher.class.getClassLoader()
                    : made.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("registered type " + type + " is not on the manager's class path", e);
        }
        if (!iface.isInstance(made)) {
            throw new IllegalArgumentException("the factory of " + type + " made "
                    + (made == null ? "null" : "a " + made.getClass().getName()) + ", not a " + type);
        }
        return ok(table.add(made, iface));
    }

    private Protocol.Reply invoke(Protocol.Invoke call, Connection client) {
        ObjectTable.Entry e = table.get(call.id());
        Method m = method(e, call);
        Caller.bind(call.caller(), client);
        try {
            Object result = m.invoke(e.object(), call.args());
            if (result instanceof Served s) {
                return ok(table.add(s, s.proxyType()));
            }
            return ok(result);
        } catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof Caller.Gone gone) {
                throw gone;
            }
            return new Protocol.Reply(null, RemoteFailure.of(ex.getCause(), true));
        } catch (IllegalAccessException ex) {
            throw new IllegalStateException("cannot call " + m + " in the manager", ex);
        } finally {
            Caller.unbind();
        }
    }

    /** A method looked up once: {@code getMethod} and the access check cost more than the call itself. */
    private record MethodKey(Class<?> type, Class<?> objectClass, String name, List<Class<?>> parameters) {
    }

    private final ConcurrentHashMap<MethodKey, Method> methods = new ConcurrentHashMap<>();

    private Method method(ObjectTable.Entry e, Protocol.Invoke call) {
        MethodKey key = new MethodKey(e.type(), e.object().getClass(), call.method(), Arrays.asList(call.types()));
        Method cached = methods.get(key);
        if (cached != null) {
            return cached;
        }
        Method m;
        try {
            m = e.type().getMethod(call.method(), call.types());
        } catch (NoSuchMethodException ex) {
            throw new IllegalArgumentException(e.type().getName() + " has no method " + call.method()
                    + Arrays.toString(call.types()), ex);
        }
        if (!m.canAccess(e.object())) {
            m.setAccessible(true);
        }
        methods.putIfAbsent(key, m);
        return m;
    }

    private static Object snapshot(Object o) {
        if (o instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(map);
        }
        if (o instanceof Collection<?> c) {
            return new ArrayList<>(Arrays.asList(c.toArray()));
        }
        throw new IllegalArgumentException("cannot take a snapshot of a " + o.getClass().getName());
    }
}
