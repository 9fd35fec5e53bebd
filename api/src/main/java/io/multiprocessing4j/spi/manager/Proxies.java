package io.multiprocessing4j.spi.manager;

import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.ConcurrentMap;

/** Makes client-side proxies for the manager's objects. */
final class Proxies {
    private Proxies() {
    }

    /** Turns a reply's value into what the caller sees: a proxy for a {@link Protocol.Ref}, else the value. */
    static Object fromWire(String address, Object value) {
        return value instanceof Protocol.Ref ref ? proxy(address, ref, false) : value;
    }

    /**
     * @param address the manager's address
     * @param ref the object
     * @param user whether it is a registered user type
     * @return a serializable proxy implementing {@code ref.type()}
     */
    static Object proxy(String address, Protocol.Ref ref, boolean user) {
        Class<?> type = ref.type();
        RemoteRef remote = new RemoteRef(address, ref.id(), type.getSimpleName(), user);
        if (type == List.class) {
            return new ListProxy<>(remote);
        }
        if (type == ConcurrentMap.class) {
            return new MapProxy<>(remote);
        }
        Class<?>[] interfaces = Serializable.class.isAssignableFrom(type) ? new Class<?>[] {type}
                : new Class<?>[] {type, Serializable.class};
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : Proxies.class.getClassLoader();
        return Proxy.newProxyInstance(loader, interfaces, new RemoteProxy(remote, type));
    }
}
