package io.multiprocessing4j.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's quick start honest: it is this module's QuickStart, and it runs on threads. */
class QuickStartTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "main", "java", "io", "multiprocessing4j", "quickstart",
            "QuickStart.java");

    @Test
    void readmeQuickStartIsThisProgram() throws IOException {
        String readme = Files.readString(README);
        var m = Pattern.compile("<!-- quickstart -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has no ```java block after <!-- quickstart -->");
        String source = Files.readString(SOURCE);
        String body = source.substring(source.indexOf("import io.multiprocessing4j.*;"))
                .replaceFirst("/\\*\\* The README's quick start.*?\\*/\\n", "");
        assertEquals(body.strip(), m.group(1).strip(), "README quick start differs from QuickStart.java");
    }

    @Test
    void quickStartRunsOnThreads() {
        String before = System.getProperty("multiprocessing4j.backend");
        PrintStream out = System.out;
        var buffer = new ByteArrayOutputStream();
        System.setProperty("multiprocessing4j.backend", "threads");
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> QuickStart.main(new String[0]));
        } finally {
            System.setOut(out);
            if (before == null) {
                System.clearProperty("multiprocessing4j.backend");
            } else {
                System.setProperty("multiprocessing4j.backend", before);
            }
        }
        List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
        // Default names count per parent process, so earlier tests in this JVM shift the number.
        assertEquals(3, lines.size(), () -> "output: " + lines);
        assertTrue(lines.get(0).matches("hello from Process-[0-9]+"), lines.get(0));
        assertEquals(List.of("exit code 0", "[1, 4, 9, 16, 25]"), lines.subList(1, 3));
    }
}
