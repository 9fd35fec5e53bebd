package io.multiprocessing4j.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.multiprocessing4j.spi.Backend;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of DESIGN.md, checked on the production classes of every module on this
 * class path (api, the three in-repo backends, and the TCK itself): the API knows no backend,
 * backends know neither each other nor anyone's internals but their own, and a backend shows the
 * world only its provider.
 */
class ArchitectureTest {
    private static final String ROOT = "io.multiprocessing4j";
    private static final String SPI = ROOT + ".spi";
    private static final List<String> BACKENDS = List.of(ROOT + ".threads", ROOT + ".forkjvm", ROOT + ".posix");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static String[] backendPackages() {
        return BACKENDS.stream().map(p -> p + "..").toArray(String[]::new);
    }

    @Test
    void everyBackendIsOnTheClassPath() {
        for (String backend : BACKENDS) {
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().equals(backend) && c.isAssignableTo(Backend.class)),
                    "no provider found in " + backend + ": the rules below would pass vacuously");
        }
    }

    @Test
    void apiAndSpiDependOnNoBackend() {
        noClasses().that().resideInAnyPackage(ROOT, SPI + "..")
                .should().dependOnClassesThat().resideInAnyPackage(backendPackages())
                .because("the api module must work with any backend, or none")
                .check(classes);
    }

    @Test
    void backendsDoNotDependOnEachOther() {
        for (String backend : BACKENDS) {
            String[] others = BACKENDS.stream().filter(b -> !b.equals(backend)).map(b -> b + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(backend + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("backends are independent plug-ins")
                    .check(classes);
        }
    }

    @Test
    void onlyTheProviderIsPublicInABackendsRootPackage() {
        classes().that().resideInAnyPackage(BACKENDS.toArray(String[]::new))
                .and().areTopLevelClasses()
                .and().areNotAssignableTo(Backend.class)
                .should().notBePublic()
                .because("a backend's API is its provider; everything else is reached through the SPI")
                .check(classes);
        classes().that().resideInAnyPackage(BACKENDS.toArray(String[]::new))
                .and().areAssignableTo(Backend.class)
                .should().bePublic()
                .because("ServiceLoader needs a public provider")
                .check(classes);
    }

    @Test
    void nobodyOutsideABackendUsesItsInternals() {
        for (String backend : BACKENDS) {
            noClasses().that().resideOutsideOfPackage(backend + "..")
                    .should().dependOnClassesThat(resideInAPackage(backend + "..").and(not(assignableTo(Backend.class))))
                    .because("only " + backend + "'s provider is public API")
                    .check(classes);
        }
    }

    @Test
    void noPackageCycles() {
        // Every package of the project is a slice, the root package included. Two kinds of edge
        // close a cycle by design and are excluded, and nothing else:
        // 1. root <-> spi: Multiprocessing (root) discovers spi.Backend, and Backend.open returns
        //    the root's Context. That pair is excluded, in both directions.
        // 2. spi.AbstractContext -> spi.pool / spi.manager: its default newPool()/newManager()
        //    return the generic pool and manager, which every backend gets (AbstractContext's own
        //    Javadoc says so), while those build on the SPI. Only AbstractContext's edges into
        //    those packages are excluded; any other spi class reaching into them is a cycle.
        slices().assignedFrom(BY_PACKAGE)
                .should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage(ROOT), resideInAPackage(SPI))
                .ignoreDependency(resideInAPackage(SPI), resideInAPackage(ROOT))
                .ignoreDependency(name(SPI + ".AbstractContext"), resideInAnyPackage(SPI + ".pool..", SPI + ".manager.."))
                .check(classes);
    }

    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String p = javaClass.getPackageName();
            return p.equals(ROOT) || p.startsWith(ROOT + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "every package of " + ROOT;
        }
    };

    @Test
    void backendPackageListIsComplete() {
        // A new backend package under the root must be added to BACKENDS, or the rules skip it.
        List<String> known = Arrays.asList(ROOT, SPI);
        classes.stream()
                .filter(c -> c.isAssignableTo(Backend.class) && !c.isInterface())
                .map(JavaClass::getPackageName)
                .filter(p -> !known.contains(p))
                .forEach(p -> assertTrue(BACKENDS.stream().anyMatch(b -> p.equals(b) || p.startsWith(b + ".")),
                        "provider package " + p + " is not in BACKENDS"));
        assertTrue(resideInAnyPackage(backendPackages()).test(classes.get(io.multiprocessing4j.threads.ThreadsBackend.class)));
    }
}
