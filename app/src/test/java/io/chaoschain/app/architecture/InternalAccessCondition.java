package io.chaoschain.app.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Reports every dependency from a class of one module on a class in an {@code .internal.} package of another. */
final class InternalAccessCondition extends ArchCondition<JavaClass> {
    private final String root;

    InternalAccessCondition(String root) {
        super("not depend on an internal package of another module");
        this.root = root;
    }

    @Override
    public void check(JavaClass origin, ConditionEvents events) {
        String from = Layers.moduleOf(root, origin.getName());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
            JavaClass target = dependency.getTargetClass();
            String to = Layers.moduleOf(root, target.getName());
            if (to != null && !to.equals(from) && target.getPackageName().contains(".internal")) {
                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
            }
        }
    }
}
