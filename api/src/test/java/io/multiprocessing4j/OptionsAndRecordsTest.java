package io.multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsAndRecordsTest {

    @Test
    void poolOptionsDefaultsAndBuilder() {
        PoolOptions d = PoolOptions.builder().build();
        assertEquals(0, d.processes());
        assertNull(d.initializer());
        assertEquals(0, d.maxTasksPerChild());
        assertNull(d.context());
        Context ctx = mock(Context.class);
        SerializableRunnable init = () -> { };
        PoolOptions o = PoolOptions.builder().processes(3).initializer(init).maxTasksPerChild(5).context(ctx).build();
        assertEquals(3, o.processes());
        assertSame(init, o.initializer());
        assertEquals(5, o.maxTasksPerChild());
        assertSame(ctx, o.context());
    }

    @Test
    void poolOptionsInitializerWithArgument() throws Exception {
        List<String> seen = new ArrayList<>();
        PoolOptions o = PoolOptions.builder().initializer((SerializableConsumer<String>) seen::add, "x").build();
        o.initializer().run();
        assertEquals(List.of("x"), seen);
    }

    @Test
    void poolOptionsRefuseBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoolOptions.builder().processes(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.builder().processes(-1));
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.builder().maxTasksPerChild(0));
        assertThrows(IllegalArgumentException.class, () -> new PoolOptions(-1, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new PoolOptions(1, null, -1, null));
        assertThrows(NullPointerException.class, () -> PoolOptions.builder().initializer(null));
        assertThrows(NullPointerException.class, () -> PoolOptions.builder().initializer(null, "x"));
        assertThrows(NullPointerException.class, () -> PoolOptions.builder().context(null));
    }

    @Test
    void contextOptionsCopyAndValidate() {
        ContextOptions d = ContextOptions.DEFAULTS;
        assertEquals(List.of(), d.jvmOptions());
        assertEquals(Map.of(), d.systemProperties());
        assertEquals(-1, d.spareProcesses());
        assertTrue(d.aotCache());
        List<String> opts = new ArrayList<>(List.of("-Xmx64m"));
        Map<String, String> props = new HashMap<>(Map.of("a", "b"));
        ContextOptions o = d.withJvmOptions(opts).withSystemProperties(props).withSpareProcesses(0).withAotCache(false);
        opts.add("-ea");
        props.put("c", "d");
        assertEquals(List.of("-Xmx64m"), o.jvmOptions(), "defensively copied");
        assertEquals(Map.of("a", "b"), o.systemProperties());
        assertEquals(0, o.spareProcesses());
        assertFalse(o.aotCache());
        assertThrows(NullPointerException.class, () -> d.withJvmOptions(null));
        assertThrows(NullPointerException.class, () -> d.withSystemProperties(null));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> d.withJvmOptions(withNull));
        assertThrows(UnsupportedOperationException.class, () -> o.jvmOptions().add("x"));
    }

    @Test
    void processInfoValidates() {
        ProcessInfo p = new ProcessInfo("MainProcess", 1, false);
        assertEquals("MainProcess", p.name());
        assertThrows(NullPointerException.class, () -> new ProcessInfo(null, 1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProcessInfo("x", -1, false));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertEquals(new ProcessInfo("x", 0, true), new ProcessInfo("x", 0, true));
    }

    @Test
    void backendInfoCopiesCapabilities() {
        var caps = new java.util.HashSet<>(List.of(Capability.ISOLATED_MEMORY));
        BackendInfo info = new BackendInfo("x", 1, true, null, caps);
        caps.add(Capability.ROBUST_LOCKS);
        assertEquals(1, info.capabilities().size());
        assertNotNull(info.toString());
    }

    @Test
    void currentProcessAtTheRootIsMainProcess() {
        ProcessInfo self = Multiprocessing.currentProcess();
        assertEquals("MainProcess", self.name());
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertTrue(Multiprocessing.parentProcess().isEmpty());
        assertTrue(Multiprocessing.cpuCount() >= 1);
    }

    @Test
    void waitAnyRefusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Multiprocessing.waitAny(List.of("text"), java.time.Duration.ZERO));
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> Multiprocessing.waitAny(withNull, java.time.Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Multiprocessing.waitAny(List.of(), java.time.Duration.ofSeconds(-1)));
        assertEquals(List.of(), Multiprocessing.waitAny(List.of(), java.time.Duration.ZERO));
    }
}
