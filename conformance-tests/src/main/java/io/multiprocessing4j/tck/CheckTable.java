package io.multiprocessing4j.tck;

/**
 * Prints the suite's checks as the Markdown table of {@code conformance-tests/README.md}: ID, what,
 * Python's behaviour, ours, and whether the difference is deliberate.
 */
public final class CheckTable {
    private CheckTable() {
    }

    /** @return the table, one row per check */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| ID | area | what | Python (CPython 3.11) | ours | deliberate difference |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Check c : Catalogue.all()) {
            out.append("| ").append(c.id()).append(" | ").append(c.area()).append(" | ").append(cell(c.title()))
                    .append(" | ").append(cell(c.python())).append(" | ").append(cell(c.ours())).append(" | ")
                    .append(c.deliberate() ? "**yes**" : "").append(c.needs() == null ? "" : " (needs " + c.needs() + ")")
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** @param args unused */
    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
