package io.multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.multiprocessing4j.spi.ProcessLauncher;
import io.multiprocessing4j.spi.ProcessRuntime;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChildProcessTest {
    interface LaunchingContext extends Context, ProcessLauncher {
    }

    private LaunchingContext context;
    private ProcessRuntime runtime;
    private ChildProcess process;

    @BeforeEach
    void setUp() {
        context = mock(LaunchingContext.class);
        runtime = mock(ProcessRuntime.class);
        when(context.launch(any())).thenReturn(runtime);
        when(context.capabilities()).thenReturn(Set.of());
        when(context.backendName()).thenReturn("mock");
        process = new ChildProcess(context, () -> { });
    }

    @Test
    void defaultsBeforeStart() {
        assertTrue(process.name().matches("Process-[0-9]+"), process.name());
        assertFalse(process.daemon());
        assertFalse(process.isAlive());
        assertNull(process.exitCode());
        assertSame(context, process.context());
        assertTrue(process.toString().contains("initial"), process.toString());
        assertThrows(NullPointerException.class, () -> new ChildProcess(null, () -> { }));
        assertThrows(NullPointerException.class, () -> process.name(null));
    }

    @Test
    void callsBeforeStartAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, process::join);
        assertTrue(e.getMessage().contains("cannot join process '" + process.name() + "': it was not started"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> process.join(Duration.ZERO));
        assertThrows(IllegalStateException.class, process::pid);
        assertThrows(IllegalStateException.class, process::terminate);
        assertThrows(IllegalStateException.class, process::kill);
        assertThrows(IllegalStateException.class, process::info);
        verify(context, never()).launch(any());
    }

    @Test
    void startTwiceIsRefused() {
        assertSame(process, process.start());
        IllegalStateException e = assertThrows(IllegalStateException.class, process::start);
        assertTrue(e.getMessage().contains("already started"), e.getMessage());
        verify(context, times(1)).launch(process);
    }

    @Test
    void daemonOnlyBeforeStart() {
        process.daemon(true);
        assertTrue(process.daemon());
        process.start();
        assertThrows(IllegalStateException.class, () -> process.daemon(false));
        assertTrue(process.daemon());
        process.name("renamed");
        assertEquals("renamed", process.name());
    }

    @Test
    void delegatesToTheRuntimeAfterStart() {
        when(runtime.pid()).thenReturn(42L);
        when(runtime.isAlive()).thenReturn(true);
        when(runtime.join(any(Long.class))).thenReturn(false);
        process.start();
        assertEquals(42L, process.pid());
        assertTrue(process.isAlive());
        assertFalse(process.join(Duration.ofMillis(5)));
        verify(runtime).join(5_000_000L);
        process.join();
        verify(runtime).join(Long.MAX_VALUE);
        process.terminate();
        verify(runtime).terminate();
        assertEquals(new ProcessInfo(process.name(), 42, false), process.info());
        assertTrue(process.toString().contains("pid=42"), process.toString());
        assertThrows(IllegalArgumentException.class, () -> process.join(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> process.join(null));
    }

    @Test
    void killNeedsForcedTermination() {
        process.start();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, process::kill);
        assertTrue(e.getMessage().contains("mock"), e.getMessage());
        verify(runtime, never()).kill();
        when(context.capabilities()).thenReturn(Set.of(Capability.FORCED_TERMINATION));
        process.kill();
        verify(runtime).kill();
    }

    @Test
    void closeWhileRunningIsRefusedAndAfterItEverythingIs() {
        when(runtime.isAlive()).thenReturn(true);
        process.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, process::close);
        assertTrue(e.getMessage().contains("still running"), e.getMessage());
        when(runtime.isAlive()).thenReturn(false);
        when(runtime.exitCode()).thenReturn(0);
        process.close();
        process.close();
        verify(runtime, times(1)).close();
        assertThrows(IllegalStateException.class, process::start);
        assertThrows(IllegalStateException.class, process::isAlive);
        assertThrows(IllegalStateException.class, process::exitCode);
        assertThrows(IllegalStateException.class, process::join);
        assertThrows(IllegalStateException.class, process::pid);
        assertTrue(process.toString().contains("closed"), process.toString());
    }

    @Test
    void closeBeforeStartIsAllowed() {
        process.close();
        assertThrows(IllegalStateException.class, process::start);
    }

    @Test
    void aContextThatCannotLaunchIsRefused() {
        ChildProcess p = new ChildProcess(mock(Context.class), () -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, p::start);
        assertTrue(e.getMessage().contains("cannot start processes"), e.getMessage());
    }

    @Test
    void runRunsTheTarget() throws Exception {
        int[] ran = new int[1];
        new ChildProcess(context, () -> ran[0]++).run();
        assertEquals(1, ran[0]);
        new ChildProcess(context, null).run();
    }
}
