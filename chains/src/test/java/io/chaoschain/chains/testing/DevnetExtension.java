package io.chaoschain.chains.testing;

import io.chaoschain.chains.deploy.DaoDeployer;
import io.chaoschain.chains.deploy.DaoDeployment;
import java.util.Arrays;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives a test class one real Anvil devnet: a {@link Devnet} parameter (of a {@code @BeforeAll} method, a constructor
 * or a test) is the class's devnet, started on first use and closed after the class; a {@link DaoDeployment}
 * parameter is the local DAO with {@link DaoDeployer.Settings#defaults()}, deployed on it once. With
 * {@link WithDevnet#revertAfterEachTest()} every test starts from the chain as the class's setup left it.
 *
 * <pre>{@code
 * @WithDevnet(revertAfterEachTest = true)
 * class MarketIT {
 *   @BeforeAll
 *   static void deploy(Devnet devnet, DaoDeployment dao) { ... }
 * }
 * }</pre>
 */
public final class DevnetExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DevnetExtension.class);
    private static final String SNAPSHOT = "snapshot";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Devnet.class || type == DaoDeployment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Devnet.class ? devnet(context) : dao(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!revertsAfterEachTest(context)) {
            return;
        }
        if (Arrays.asList(context.getRequiredTestMethod().getParameterTypes()).contains(DaoDeployment.class)) {
            dao(context); // deployed before the snapshot, so that reverting does not take it away from the next test
        }
        context.getStore(NAMESPACE).put(SNAPSHOT, devnet(context).snapshot());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String snapshot = context.getStore(NAMESPACE).remove(SNAPSHOT, String.class);
        if (snapshot != null) {
            devnet(context).revert(snapshot);
        }
    }

    /** The devnet of the test class that {@code context} belongs to, started on first use. */
    public static Devnet devnet(ExtensionContext context) {
        return classStore(context).getOrComputeIfAbsent(Devnet.class, type -> Devnet.start(), Devnet.class);
    }

    /** The default local DAO on the class's devnet, deployed on first use. */
    public static DaoDeployment dao(ExtensionContext context) {
        Devnet devnet = devnet(context);
        return classStore(context)
                .getOrComputeIfAbsent(
                        DaoDeployment.class,
                        type -> devnet.deployDao(DaoDeployer.Settings.defaults()),
                        DaoDeployment.class);
    }

    private static boolean revertsAfterEachTest(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithDevnet.class)
                .map(WithDevnet::revertAfterEachTest)
                .orElse(false);
    }

    /** The store of the test class (not of one test or one invocation of a parameterized test). */
    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent()) {
            c = c.getParent().orElseThrow();
        }
        return c.getStore(NAMESPACE);
    }
}
