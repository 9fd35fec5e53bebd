package io.multiprocessing4j.benchmarks.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes JSON Lines of {@link BenchRecord}s. */
public final class RecordIo {
    private RecordIo() {
    }

    /**
     * Writes records, one JSON object per line.
     *
     * @param out where to
     * @param records what
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Writer out, Iterable<BenchRecord> records) {
        try {
            for (BenchRecord r : records) {
                out.write(r.toJsonLine());
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the benchmark records in the baseline's output: lines that are not JSON objects, and
     * the {@code _meta} and {@code _done} lines, are skipped.
     *
     * @param lines the output's lines
     * @return the records, in order
     * @throws IllegalArgumentException if a JSON line is not a valid record
     */
    @SuppressWarnings("unchecked")
    public static List<BenchRecord> readRecords(List<String> lines) {
        List<BenchRecord> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (!t.startsWith("{")) {
                continue;
            }
            Map<String, Object> m = (Map<String, Object>) Json.parse(t);
            String bench = String.valueOf(m.get("bench"));
            if (bench.startsWith("_")) {
                continue;
            }
            out.add(BenchRecord.fromMap(m));
        }
        return out;
    }

    /**
     * Finds the baseline's {@code _meta} line.
     *
     * @param lines the output's lines
     * @return the meta object, or an empty map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMeta(List<String> lines) {
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("{\"bench\": \"_meta\"")) {
                return (Map<String, Object>) Json.parse(t);
            }
        }
        return Map.of();
    }
}
