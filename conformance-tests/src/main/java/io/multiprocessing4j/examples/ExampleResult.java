package io.multiprocessing4j.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What an example observed, by name (for example {@code "parentSees" -> 100}): the conformance
 * suite asserts on these facts and the comparison report shows them side by side per backend.
 */
public final class ExampleResult {
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /**
     * Records a fact.
     *
     * @param name its name
     * @param value its value (may be null)
     * @return this result
     */
    public ExampleResult put(String name, Object value) {
        facts.put(name, value);
        return this;
    }

    /**
     * @param <T> the expected type (unchecked)
     * @param name a fact's name
     * @return its value
     * @throws NoSuchElementException if the example recorded no such fact
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        if (!facts.containsKey(name)) {
            throw new NoSuchElementException("no fact '" + name + "' in " + facts);
        }
        return (T) facts.get(name);
    }

    /** @return every fact, in the order recorded */
    public Map<String, Object> facts() {
        return Collections.unmodifiableMap(facts);
    }

    @Override
    public String toString() {
        return facts.toString();
    }
}
