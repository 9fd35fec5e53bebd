package io.multiprocessing4j.tck;

import java.util.ArrayList;
import java.util.List;

/** Every check of the suite, in order: the seed examples, then the semantic contract by area. */
public final class Catalogue {
    private static final List<Check> ALL = build();

    private Catalogue() {
    }

    /** @return every check */
    public static List<Check> all() {
        return ALL;
    }

    /** @return the checks that port seed examples */
    public static List<Check> examples() {
        return ALL.stream().filter(Check::isExample).toList();
    }

    private static List<Check> build() {
        List<Check> all = new ArrayList<>();
        all.addAll(ExampleChecks.seed000());
        all.addAll(ExampleChecks.seed001());
        all.addAll(ExampleChecks002.seed002());
        all.addAll(ExampleChecks003.seed003());
        all.addAll(ExampleChecks003.seed004());
        all.addAll(ContractChecks.all());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Check c : all) {
            if (!ids.add(c.id())) {
                throw new IllegalStateException("duplicate check ID " + c.id());
            }
        }
        return List.copyOf(all);
    }
}
