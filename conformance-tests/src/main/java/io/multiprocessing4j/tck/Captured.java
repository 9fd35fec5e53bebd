package io.multiprocessing4j.tck;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ran while standard output and error were captured: the value returned and the lines
 * printed (children's output included: every backend passes it on to the parent's streams).
 *
 * @param <T> the value's type
 * @param value the value returned
 * @param out the lines on standard output, in order
 * @param err the lines on standard error, in order
 */
public record Captured<T>(T value, List<String> out, List<String> err) {
    /**
     * @param line a line
     * @return how many times it was printed exactly
     */
    public long count(String line) {
        return out.stream().filter(line::equals).count();
    }

    /**
     * @param regex a pattern
     * @return the first group of every line it matches entirely, in order
     */
    public List<String> groups(String regex) {
        Pattern p = Pattern.compile(regex);
        return out.stream().map(p::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }

    /**
     * @param line a line
     * @return its first index, or -1
     */
    public int indexOf(String line) {
        return out.indexOf(line);
    }

    /**
     * @param line a line
     * @return its last index, or -1
     */
    public int lastIndexOf(String line) {
        return out.lastIndexOf(line);
    }

    /** @return the output, one line per line, for assertion messages */
    public String text() {
        return String.join("\n", out) + (err.isEmpty() ? "" : "\n[stderr]\n" + String.join("\n", err));
    }
}
