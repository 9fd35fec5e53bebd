package io.multiprocessing4j.tck;

import java.util.ArrayList;
import java.util.List;

/** Collects the checks of one area, in order. */
final class CheckList {
    private final String area;
    private final List<Check> checks = new ArrayList<>();

    CheckList(String area) {
        this.area = area;
    }

    /** Adds a check whose behaviour is Python's. */
    CheckList add(String id, String title, String python, String ours, CheckBody body) {
        checks.add(new Check(id, area, title, python, ours, false, null, body));
        return this;
    }

    /** Adds a check where we deliberately differ from Python. */
    CheckList deliberate(String id, String title, String python, String ours, CheckBody body) {
        checks.add(new Check(id, area, title, python, ours, true, null, body));
        return this;
    }

    /** Adds a check that needs a feature a backend may lack. */
    CheckList needing(Check.Feature feature, String id, String title, String python, String ours, CheckBody body) {
        checks.add(new Check(id, area, title, python, ours, false, feature, body));
        return this;
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }
}
