package io.multiprocessing4j.examples;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Python's {@code time.ctime()} / {@code time.asctime()} and {@code os.getpid()}/{@code os.getppid()}. */
public final class PyTime {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private PyTime() {
    }

    /** @return the local time as {@code time.ctime()} prints it, e.g. {@code Mon Mar 26 17:55:06 2018} */
    public static String ctime() {
        return CTIME.format(LocalDateTime.now());
    }

    /** @return this OS process's pid, as {@code os.getpid()} */
    public static long getpid() {
        return ProcessHandle.current().pid();
    }

    /** @return this OS process's parent pid, as {@code os.getppid()} (0 if unknown) */
    public static long getppid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    }
}
