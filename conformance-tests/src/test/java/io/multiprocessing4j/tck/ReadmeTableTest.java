package io.multiprocessing4j.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checks table of this module's README is the suite's own: regenerate it with {@link CheckTable}. */
class ReadmeTableTest {
    @Test
    void theReadmeListsEveryCheckAsTheSuiteDefinesIt() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(CheckTable.markdown()),
                "README.md's checks table is stale: replace it with the output of io.multiprocessing4j.tck.CheckTable");
    }
}
