package pum.shell;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layering rules that JPMS alone does not enforce. Classes are read from each module's
 * compiled output, so the rules see exactly what ships.
 */
class ArchitectureTest {
    private static final List<String> MODULES = List.of("pum-core", "pum-embedded", "pum-catalog", "pum-diff", "pum-delta", "pum-backup", "pum-shell");
    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        Path modules = Path.of("").toAbsolutePath().getParent();
        List<Path> dirs = MODULES.stream().map(m -> modules.resolve(m).resolve("target/classes")).filter(Files::isDirectory).toList();
        if (dirs.size() != MODULES.size()) {
            throw new IllegalStateException("compiled classes missing: found only " + dirs);
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPaths(dirs);
    }

    @Test
    void libraryModulesKnowNothingOfTheShellOrItsLibraries() {
        noClasses().that().resideOutsideOfPackage("pum.shell..")
                .should().dependOnClassesThat().resideInAnyPackage("pum.shell..", "org.jline..")
                .because("pum.catalog, pum.delta and the other modules are usable from any Java program")
                .check(classes);
    }

    @Test
    void diffWorksOnSnapshotsAndNeverTouchesAConnection() {
        noClasses().that().resideInAPackage("pum.diff..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..", "org.jooq..", "pum.embedded..", "java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("pum.core.Database")
                .because("the diff is a pure function of two snapshots")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootAndServerManagementStartProcessesOrServers() {
        noClasses().that().resideInAnyPackage("pum.catalog..", "pum.diff..", "pum.core..")
                .should().dependOnClassesThat().resideInAPackage("pum.embedded..")
                .check(classes);
    }

    @Test
    void onlyMainExitsTheProcess() {
        noClasses().that().doNotHaveFullyQualifiedName("pum.shell.Main")
                .should().callMethod(System.class, "exit", int.class)
                .because("the CLI is embeddable through Main.run, which returns an exit code")
                .check(classes);
    }
}
