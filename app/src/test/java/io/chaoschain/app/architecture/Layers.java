package io.chaoschain.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;

/**
 * The module layering of docs/ARCHITECTURE.md as ArchUnit rules. Each module owns one top-level package under
 * {@code io.chaoschain}; a module may use the modules listed for it and nothing above. Parameterised by the package
 * root so that the rules' own test can run them over a deliberately wrong fixture.
 */
final class Layers {
    /** Module names, bottom to top; the package of module {@code m} is {@code ROOT.m}. */
    static final List<String> MODULES = List.of(
            "core", "chains", "p2p", "reputation", "simulation", "agent", "incentives", "storage", "node", "app");

    private Layers() {}

    /** Which module may import which: the one place the layering is written down for the build. */
    static ArchRule layering(String root) {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String module : MODULES) {
            layers = layers.layer(module).definedBy(root + "." + module + "..");
        }
        return layers.whereLayer("app")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("node")
                .mayOnlyBeAccessedByLayers("app")
                .whereLayer("storage")
                .mayOnlyBeAccessedByLayers("node", "app")
                .whereLayer("incentives")
                .mayOnlyBeAccessedByLayers("storage", "node", "app")
                // agent and simulation do not know each other, nor do agent and p2p: node wires them
                .whereLayer("agent")
                .mayOnlyBeAccessedByLayers("storage", "node", "app")
                .whereLayer("simulation")
                .mayOnlyBeAccessedByLayers("node", "app")
                .whereLayer("p2p")
                .mayOnlyBeAccessedByLayers("node", "app")
                .whereLayer("reputation")
                .mayOnlyBeAccessedByLayers("incentives", "storage", "node", "app")
                .whereLayer("chains")
                .mayOnlyBeAccessedByLayers("simulation", "incentives", "storage", "node", "app")
                .whereLayer("core")
                .mayOnlyBeAccessedByLayers(
                        "chains", "p2p", "reputation", "simulation", "agent", "incentives", "storage", "node", "app")
                .withOptionalLayers(true)
                .because("a lower module never imports a higher one (docs/ARCHITECTURE.md)");
    }

    /** An {@code internal} package is its module's own: no class of another module may use it. */
    static ArchRule internals(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .should(new InternalAccessCondition(root))
                .because("internal packages are implementation details of their module");
    }

    /** The module a class belongs to ({@code root.<module>....}), or null outside the root. */
    static String moduleOf(String root, String className) {
        if (!className.startsWith(root + ".")) {
            return null;
        }
        String rest = className.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? null : rest.substring(0, dot);
    }
}
