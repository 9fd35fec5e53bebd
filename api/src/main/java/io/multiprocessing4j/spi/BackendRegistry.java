package io.multiprocessing4j.spi;

import io.multiprocessing4j.BackendInfo;
import io.multiprocessing4j.BackendUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The backends found, and the rules that choose one: an explicit name, else the system property
 * {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT}, else the available
 * backend with the highest priority. Every failure says what was found and why each unavailable
 * backend cannot run.
 */
public final class BackendRegistry {
    /** The system property naming the default backend. */
    public static final String PROPERTY = "multiprocessing4j.backend";
    /** The environment variable naming the default backend. */
    public static final String ENVIRONMENT = "MULTIPROCESSING4J_BACKEND";

    private final Map<String, Backend> byName;
    private final UnaryOperator<String> environment;

    /**
     * @param backends the backends found
     * @param environment reads an environment variable (for tests; {@link System#getenv(String)} normally)
     * @throws BackendUnavailableException if two backends share a name (naming both classes)
     */
    public BackendRegistry(Iterable<? extends Backend> backends, UnaryOperator<String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        Map<String, Backend> map = new LinkedHashMap<>();
        for (Backend b : backends) {
            Backend previous = map.putIfAbsent(b.name(), b);
            if (previous != null) {
                throw new BackendUnavailableException("two backends are named '" + b.name() + "': "
                        + previous.getClass().getName() + " and " + b.getClass().getName()
                        + "; remove one from the class path");
            }
        }
        this.byName = map;
    }

    /** @return the backends registered with {@link ServiceLoader} on the class path */
    public static BackendRegistry installed() {
        return new BackendRegistry(ServiceLoader.load(Backend.class, BackendRegistry.class.getClassLoader()),
                System::getenv);
    }

    /** @return every backend found, highest priority first */
    public List<BackendInfo> list() {
        return byName.values().stream()
                .sorted(Comparator.comparingInt(Backend::priority).reversed())
                .map(b -> {
                    Availability a = b.availability();
                    return new BackendInfo(b.name(), b.priority(), a.available(), a.reason(), b.capabilities());
                })
                .toList();
    }

    /**
     * Chooses a backend.
     *
     * @param name the backend's name, or null for the default
     * @return the backend, available
     * @throws BackendUnavailableException if the name is unknown or unavailable, or none is available
     */
    public Backend select(String name) {
        String wanted = name;
        String source = "requested";
        if (wanted == null) {
            wanted = System.getProperty(PROPERTY);
            source = "system property " + PROPERTY;
        }
        if (wanted == null || wanted.isBlank()) {
            wanted = environment.apply(ENVIRONMENT);
            source = "environment variable " + ENVIRONMENT;
        }
        if (wanted != null && !wanted.isBlank()) {
            Backend b = byName.get(wanted.trim());
            if (b == null) {
                throw new BackendUnavailableException("unknown backend '" + wanted + "' (" + source + "); " + describe());
            }
            Availability a = b.availability();
            if (!a.available()) {
                throw new BackendUnavailableException("backend '" + wanted + "' (" + source + ") is unavailable: "
                        + a.reason() + "; " + describe(), a.cause());
            }
            return b;
        }
        return byName.values().stream()
                .filter(b -> b.availability().available())
                .max(Comparator.comparingInt(Backend::priority))
                .orElseThrow(() -> new BackendUnavailableException("no multiprocessing4j backend is available; "
                        + describe() + (byName.isEmpty()
                                ? ". Add one to the class path, e.g. multiprocessing4j-backend-threads" : "")));
    }

    private String describe() {
        if (byName.isEmpty()) {
            return "no backend was found on the class path";
        }
        List<String> available = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (BackendInfo info : list()) {
            if (info.available()) {
                available.add(info.name());
            } else {
                unavailable.add(info.name() + " (" + info.unavailabilityReason() + ")");
            }
        }
        return "available: " + (available.isEmpty() ? "none" : String.join(", ", available))
                + (unavailable.isEmpty() ? "" : "; unavailable: " + unavailable.stream().collect(Collectors.joining(", ")));
    }
}
