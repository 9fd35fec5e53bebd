package io.multiprocessing4j.spi.launch;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JDK 25 AOT cache (JEP 483/514/515) for child JVMs, built once per user and class path and
 * reused by every later child: it holds the JDK's and our jars' classes loaded and linked, which
 * cuts a child's start-up (see the report in the module's tests).
 *
 * <p>How: the first child JVM that wants it starts, in the background, one training run of
 * {@link ChildBootstrap} {@code --train} with {@code -XX:AOTCacheOutput}, under a file lock so
 * that concurrent JVMs train once; children started meanwhile run without a cache. The cache lives
 * in {@code $XDG_CACHE_HOME/multiprocessing4j/aot} (else {@code ~/.cache/...}), named by a hash of
 * the JDK, the JVM options and every class path entry with its size and modification time.
 *
 * <p>The JDK refuses a cache when the class path holds a non-empty directory, so the cache covers
 * the jars only, and a child that uses it gets its class path with the jars first and the
 * directories after (the cache requires its class path as a prefix). Turn the cache off
 * ({@code ContextOptions.withAotCache(false)}) if classes in a directory must shadow classes in a
 * jar. Any failure only logs at DEBUG and children run without a cache: it never breaks a run.
 *
 * <p>Shared by the process backends (forkjvm, posix): one cache per JVM, since it depends only on
 * the JDK, the inherited JVM options and the class path. The system property
 * {@code multiprocessing4j.noAot} (or the older {@code multiprocessing4j.forkjvm.noAot}) turns it
 * off for the whole JVM.
 */
public final class AotCache {
    private static final System.Logger LOG = System.getLogger(AotCache.class.getName());
    private static final AotCache DISABLED = new AotCache(null, null);
    private static final int KEEP = 4;
    private static volatile AotCache shared;

    private final Path file;
    private final List<String> jars;
    private volatile boolean trainingStarted;
    private volatile Thread training;

    private AotCache(Path file, List<String> jars) {
        this.file = file;
        this.jars = jars;
    }

    /**
     * Returns the JVM-wide cache.
     *
     * @param enabled whether the context allows a cache ({@code ContextOptions.aotCache()})
     * @return the JVM-wide cache, or a disabled one (never null; never throws)
     */
    public static AotCache shared(boolean enabled) {
        if (!enabled || Boolean.getBoolean("multiprocessing4j.noAot")
                || Boolean.getBoolean("multiprocessing4j.forkjvm.noAot")) {
            return DISABLED;
        }
        AotCache c = shared;
        if (c == null) {
            synchronized (AotCache.class) {
                c = shared;
                if (c == null) {
                    c = create();
                    shared = c;
                }
            }
        }
        return c;
    }

    private static AotCache create() {
        try {
            List<String> jars = new ArrayList<>();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((System.getProperty("java.home") + Runtime.version()).getBytes(StandardCharsets.UTF_8));
            md.update(String.join(" ", JvmCommand.inheritedOptions()).getBytes(StandardCharsets.UTF_8));
            for (String entry : JvmCommand.classPath().split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p)) {
                    jars.add(entry);
                    md.update((entry + Files.size(p) + Files.getLastModifiedTime(p)).getBytes(StandardCharsets.UTF_8));
                }
            }
            if (jars.isEmpty()) {
                LOG.log(Level.DEBUG, "no AOT cache: the class path has no jars");
                return DISABLED;
            }
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            Path dir = base.resolve("multiprocessing4j").resolve("aot");
            Files.createDirectories(dir);
            String name = HexFormat.of().formatHex(md.digest()).substring(0, 24) + ".aot";
            return new AotCache(dir.resolve(name), List.copyOf(jars));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            LOG.log(Level.DEBUG, "no AOT cache: " + e, e);
            return DISABLED;
        }
    }

    /** @return whether children use a cache (now or once trained) */
    public boolean enabled() {
        return file != null;
    }

    /**
     * @return whether the cache is ready for the next child; if not (and enabled), the training
     *     starts in the background
     */
    public boolean ready() {
        if (file == null) {
            return false;
        }
        if (Files.isRegularFile(file)) {
            return true;
        }
        startTraining();
        return false;
    }

    /** @return the cache file (it may not exist yet), or null when disabled */
    public Path file() {
        return file;
    }

    /**
     * Waits for a training this JVM started to end (a benchmark or test wanting the cache now).
     *
     * @param timeout the longest wait
     * @return {@link #ready()} afterwards
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTraining(Duration timeout) throws InterruptedException {
        if (!ready()) {
            Thread t = training;
            if (t != null) {
                t.join(timeout);
            }
        }
        return file != null && Files.isRegularFile(file);
    }

    /** @param ready what {@link #ready()} said @return the options a child JVM gets */
    public List<String> jvmOptions(boolean ready) {
        return ready ? List.of("-XX:AOTCache=" + file, "-Xlog:aot=off", "-Xlog:cds=off") : List.of();
    }

    /**
     * @param classPath the class path a child would get
     * @param ready what {@link #ready()} said
     * @return it reordered for the cache (jars first), when the cache is in use
     */
    public String classPathFor(String classPath, boolean ready) {
        if (!ready) {
            return classPath;
        }
        List<String> rest = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator)) {
            if (!jars.contains(e)) {
                rest.add(e);
            }
        }
        List<String> all = new ArrayList<>(jars);
        all.addAll(rest);
        return String.join(File.pathSeparator, all);
    }

    /**
     * Keeps the {@value #KEEP} newest caches (every rebuilt jar makes a new one, ~16 MB each), and
     * deletes temporary files of trainings whose JVM (the pid in the name) has ended and that
     * are older than the longest training (its shell may still be writing one).
     */
    private void prune() throws IOException {
        List<Path> caches;
        List<Path> stale;
        try (var s = Files.list(file.getParent())) {
            List<Path> all = s.toList();
            caches = new ArrayList<>(all.stream().filter(p -> p.getFileName().toString().endsWith(".aot")).toList());
            stale = all.stream().filter(p -> p.getFileName().toString().matches(".*\\.aot\\.[0-9]+\\.tmp(\\.config)?"))
                    .filter(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString().split("\\.")[2])).isEmpty())
                    .filter(p -> p.toFile().lastModified() < System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(5))
                    .toList();
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
        caches.sort(java.util.Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed());
        for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
            Files.deleteIfExists(old);
            Files.deleteIfExists(old.resolveSibling(old.getFileName() + ".lock"));
        }
    }

    private synchronized void startTraining() {
        if (trainingStarted) {
            return;
        }
        trainingStarted = true;
        Thread t = new Thread(this::train, "mp4j-aot-training");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        training = t;
        t.start();
    }

    private void train() {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel lc = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lc.tryLock()) {
            if (lock == null || Files.isRegularFile(file)) {
                return; // another JVM trains it now, or did
            }
            Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            List<String> cmd = new ArrayList<>();
            cmd.add(JvmCommand.javaExecutable());
            cmd.addAll(JvmCommand.inheritedOptions());
            cmd.add("-XX:AOTCacheOutput=" + tmp);
            cmd.add("-Xlog:aot=off");
            cmd.add("-Xlog:cds=off");
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, jars));
            cmd.add(ChildBootstrap.class.getName());
            cmd.add("--train");
            // A shell runs the training and renames the result, so that a cache finished after this
            // JVM ended (a short test run) is still installed, and no temporary file is left.
            List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
                    "\"$@\" && mv -f \"$MP4J_AOT_TMP\" \"$MP4J_AOT_FINAL\"; rm -f \"$MP4J_AOT_TMP\" \"$MP4J_AOT_TMP.config\"",
                    "sh"));
            shell.addAll(cmd);
            ProcessBuilder pb = new ProcessBuilder(Files.isExecutable(Path.of("/bin/sh")) ? shell : cmd)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("MP4J_AOT_TMP", tmp.toString());
            pb.environment().put("MP4J_AOT_FINAL", file.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.log(Level.DEBUG, "AOT training timed out");
            } else if (Files.isRegularFile(tmp) && p.exitValue() == 0) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.isRegularFile(file)) {
                LOG.log(Level.DEBUG, "AOT cache ready: " + file);
                prune();
            } else {
                LOG.log(Level.DEBUG, "AOT training failed with exit code " + p.exitValue());
            }
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".config"));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "AOT training failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
