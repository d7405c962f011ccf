package io.chaoschain.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build's check of the module layering: every production class of every module (this module's test classpath
 * holds them all) is held against {@link Layers}. The fixture tests show that the rules do fail on a wrong import.
 */
class ArchitectureTest {
    private static final String FIXTURE = "io.chaoschain.app.architecture.fixture";

    private static final Pattern PROJECT_JAR = Pattern.compile(".*/chaoschain-[a-z]+-[^/]*\\.jar.*");

    private static JavaClasses production;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::isProjectCode)
                .importPackages("io.chaoschain");
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    /** The project's own classes: a module's target/classes, or its jar when a module is built alone. */
    private static boolean isProjectCode(Location location) {
        return location.contains("/target/classes/")
                || (location.matches(PROJECT_JAR) && !location.contains("-tests.jar"));
    }

    @Test
    void shouldSeeEveryModule() {
        for (String module : Layers.MODULES) {
            if (module.equals("incentives")) {
                continue; // not built yet
            }
            assertThat(production.containPackage("io.chaoschain." + module))
                    .as(module)
                    .isTrue();
        }
    }

    @Test
    void lowerModulesShouldNeverImportHigherOnes() {
        Layers.layering("io.chaoschain").check(production);
    }

    @Test
    void noModuleShouldUseAnotherModulesInternalPackages() {
        Layers.internals("io.chaoschain").check(production);
    }

    @Test
    void layeringRuleShouldFailOnACoreClassImportingTheNode() {
        EvaluationResult result = Layers.layering(FIXTURE).evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line ->
                        assertThat(line).contains("fixture.core.WrongImport").contains("fixture.node.Wiring"));
    }

    @Test
    void internalsRuleShouldFailOnAnotherModuleUsingAnInternalPackage() {
        EvaluationResult result = Layers.internals(FIXTURE).evaluate(fixture);
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(
                        line -> assertThat(line).contains("fixture.node.Wiring").contains("fixture.p2p.internal.Codec"))
                .noneSatisfy(line -> assertThat(line).startsWith("Method <" + FIXTURE + ".p2p.Host"));
    }
}
