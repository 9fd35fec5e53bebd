package io.multiprocessing4j.spi.launch;

import io.multiprocessing4j.ContextOptions;
import io.multiprocessing4j.spi.BackendRegistry;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The command line of a child JVM: this JVM's {@code java}, its class path and module path, the
 * options a child needs to behave as its parent ({@code --add-opens}, {@code --add-exports},
 * {@code --enable-native-access}), selected system properties (every {@code multiprocessing4j.*}
 * one, the temp dir, stream encodings), then the context's own options and properties.
 */
public final class JvmCommand {
    private static final Set<String> INHERITED_PROPERTIES = Set.of("java.io.tmpdir", "stdout.encoding",
            "stderr.encoding", "file.encoding", "java.library.path", "java.util.logging.config.file",
            "java.security.manager");
    private static final List<String> INHERITED_PREFIXES = List.of("--add-opens", "--add-exports", "--add-reads",
            "--enable-native-access", "--illegal-native-access", "--enable-preview");

    private JvmCommand() {
    }

    /** @return the {@code java} launcher of this JVM */
    public static String javaExecutable() {
        String fromHome = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("/java") || c.endsWith("\\java.exe"))
                .filter(c -> Files.isExecutable(Path.of(c)))
                .orElse(fromHome);
    }

    /**
     * Builds the command line.
     *
     * @param options the context's options (extra JVM options and system properties)
     * @param backendName the backend the child uses by default
     * @param extraJvmOptions options the backend adds (for example an AOT cache), before the user's
     * @param mainClass the bootstrap class
     * @param args its arguments
     * @return the command
     */
    public static List<String> build(ContextOptions options, String backendName, List<String> extraJvmOptions,
            String mainClass, List<String> args) {
        return build(options, backendName, extraJvmOptions, classPath(), mainClass, args);
    }

    /**
     * Builds the command line with a given class path.
     *
     * @param options the context's options (extra JVM options and system properties)
     * @param backendName the backend the child uses by default
     * @param extraJvmOptions options the backend adds (for example an AOT cache), before the user's
     * @param classPath the child's class path
     * @param mainClass the bootstrap class
     * @param args its arguments
     * @return the command
     */
    public static List<String> build(ContextOptions options, String backendName, List<String> extraJvmOptions,
            String classPath, String mainClass, List<String> args) {
        Objects.requireNonNull(options, "options");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(inheritedOptions());
        cmd.addAll(extraJvmOptions);
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            cmd.add("--module-path=" + modulePath);
            cmd.add("--add-modules=ALL-MODULE-PATH");
        }
        for (String p : INHERITED_PROPERTIES) {
            String v = System.getProperty(p);
            if (v != null) {
                cmd.add("-D" + p + "=" + v);
            }
        }
        for (String p : System.getProperties().stringPropertyNames()) {
            if (p.startsWith("multiprocessing4j.") && !p.equals(BackendRegistry.PROPERTY)) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add("-D" + BackendRegistry.PROPERTY + "=" + backendName);
        cmd.addAll(options.jvmOptions());
        for (Map.Entry<String, String> e : options.systemProperties().entrySet()) {
            cmd.add("-D" + e.getKey() + "=" + e.getValue());
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** @return this JVM's class path, as absolute paths (a child may start elsewhere) */
    public static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        List<String> parts = new ArrayList<>();
        for (String p : cp.split(File.pathSeparator)) {
            if (!p.isEmpty()) {
                parts.add(Path.of(p).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** @return the options of this JVM that its children repeat (module openings, native access) */
    public static List<String> inheritedOptions() {
        List<String> result = new ArrayList<>();
        boolean nativeAccess = false;
        List<String> input;
        try {
            input = ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError e) {
            input = List.of();
        }
        for (int i = 0; i < input.size(); i++) {
            String a = input.get(i);
            for (String prefix : INHERITED_PREFIXES) {
                if (a.equals(prefix) && i + 1 < input.size() && !prefix.equals("--enable-preview")) {
                    result.add(prefix + "=" + input.get(++i));
                } else if (a.startsWith(prefix + "=") || a.equals("--enable-preview") && prefix.equals(a)) {
                    result.add(a);
                }
            }
        }
        for (String r : result) {
            nativeAccess |= r.startsWith("--enable-native-access=");
        }
        if (!nativeAccess) {
            result.add("--enable-native-access=ALL-UNNAMED");
        }
        return result;
    }
}
