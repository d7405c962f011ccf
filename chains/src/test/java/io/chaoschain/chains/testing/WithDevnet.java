package io.chaoschain.chains.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs the test class against one real Anvil devnet of its own; see {@link DevnetExtension}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DevnetExtension.class)
public @interface WithDevnet {
    /**
     * Takes an evm_snapshot before each test and reverts to it afterwards, so that every test starts from the chain as
     * the class's {@code @BeforeAll} left it.
     */
    boolean revertAfterEachTest() default false;
}
