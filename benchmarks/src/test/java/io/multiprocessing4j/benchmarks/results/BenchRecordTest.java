package io.multiprocessing4j.benchmarks.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchRecordTest {
    @Test
    void measuredComputesMedianSpreadAndRoundsLikeTheBaseline() {
        BenchRecord r = BenchRecord.measured("queue_throughput", "int", "mp4j-threads", "threads", "msgs/s", "higher",
                List.of(3.0, 1.0, 2.0, 10.0), Map.of("what", "x"));
        assertEquals(2.5, r.median());
        assertEquals(1.0, r.min());
        assertEquals(10.0, r.max());
        assertEquals(3.6, r.relSpread());
        assertEquals(123457.0, Stats.round6(123456.7));
        assertEquals(0.000123457, Stats.round6(0.0001234567));
    }

    @Test
    void jsonLineHasTheBaselineKeysInItsOrder() {
        BenchRecord r = BenchRecord.measured("pipe_pingpong", null, "mp4j-forkjvm", "forkjvm", "us", "lower",
                List.of(12.5), Map.of("what", "round trip"));
        String line = r.toJsonLine();
        assertEquals("{\"bench\": \"pipe_pingpong\", \"impl\": \"mp4j-forkjvm\", \"start_method\": \"forkjvm\", "
                + "\"unit\": \"us\", \"median\": 12.5, \"min\": 12.5, \"max\": 12.5, \"rel_spread\": 0.0, "
                + "\"better\": \"lower\", \"runs\": [12.5], \"params\": {\"what\": \"round trip\"}}", line);
    }

    @Test
    void failedRecordsCarryOnlyTheReason() {
        BenchRecord r = BenchRecord.failed("pool_startup", null, "mp4j-posix", "posix", "n/a (no pool)");
        assertFalse(r.ok());
        assertEquals("{\"bench\": \"pool_startup\", \"impl\": \"mp4j-posix\", \"start_method\": \"posix\", "
                + "\"error\": \"n/a (no pool)\"}", r.toJsonLine());
    }

    @Test
    void readsWhatThePythonBaselinePrintsAndSkipsMetaAndDone() {
        List<String> out = List.of(
                "{\"bench\": \"_meta\", \"impl\": \"cpython-3.11\", \"nproc\": 2}",
                "{\"bench\": \"queue_throughput\", \"variant\": \"int\", \"impl\": \"cpython-3.11\", \"start_method\": "
                        + "\"fork\", \"unit\": \"msgs/s\", \"median\": 252446, \"min\": 2.4e5, \"max\": 260000.5, "
                        + "\"rel_spread\": 0.05, \"better\": \"higher\", \"runs\": [252446, 240000.0, 260000.5], "
                        + "\"params\": {\"items\": 5000, \"what\": \"1 child put()s\\u00e9\"}, \"env\": {\"wall_s\": 1.2}}",
                "noise that is not JSON",
                "{\"bench\": \"pool_ops\", \"impl\": \"cpython-3.11\", \"start_method\": \"spawn\", \"error\": \"exit status 1\"}",
                "{\"bench\": \"_done\", \"impl\": \"cpython-3.11\", \"total_seconds\": 20.5}");
        List<BenchRecord> rs = RecordIo.readRecords(out);
        assertEquals(2, rs.size());
        BenchRecord q = rs.get(0);
        assertEquals("int", q.variant());
        assertEquals(252446.0, q.median());
        assertEquals(List.of(252446.0, 240000.0, 260000.5), q.runs());
        assertEquals("1 child put()sé", q.params().get("what"));
        assertFalse(rs.get(1).ok());
        assertEquals("exit status 1", rs.get(1).error());
        assertEquals(2L, RecordIo.readMeta(out).get("nproc"));
    }

    @Test
    void writtenLinesReadBackTheSame() {
        BenchRecord a = BenchRecord.measured("lock_uncontended", "with", "mp4j-threads", "threads", "ns", "lower",
                List.of(4.5, 4.25, 5.0), Map.of("what", "with \"quotes\"\n", "n", 3));
        BenchRecord b = BenchRecord.failed("manager_startup", null, "mp4j-threads", "threads", "n/a (x)");
        StringWriter w = new StringWriter();
        RecordIo.write(w, List.of(a, b));
        List<BenchRecord> back = RecordIo.readRecords(w.toString().lines().toList());
        assertEquals(List.of(a.toJsonLine(), b.toJsonLine()), back.stream().map(BenchRecord::toJsonLine).toList());
    }

    @Test
    void refusesRecordsThatCannotBeRight() {
        assertThrows(IllegalArgumentException.class, () -> BenchRecord.measured("x", null, "i", "m", "u", "higher",
                List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BenchRecord.measured("x", null, "i", "m", "u", "sideways",
                List.of(1.0), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,}"));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertNull(Json.parse("null"));
        assertTrue((Boolean) Json.parse(" true "));
    }
}
