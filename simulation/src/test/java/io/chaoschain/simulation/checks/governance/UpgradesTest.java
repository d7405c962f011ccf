package io.chaoschain.simulation.checks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Upgrades;
import io.chaoschain.simulation.evidence.Bytecode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradesTest {
    private static final String TARGET = "0x8000000000000000000000000000000000000008";

    @Test
    void shouldCountOpcodesButNotPushDataOrTheMetadataTrailer() {
        // PUSH1 0xf4, DELEGATECALL, PUSH2 0xf4ff, SELFDESTRUCT, then a metadata trailer holding 0xf4 and 0xff
        String code = "0x60f4f461f4ffff" + "a1f4ff" + "0003";

        assertThat(Upgrades.count(code, Bytecode.DELEGATECALL)).isEqualTo(1);
        assertThat(Upgrades.count(code, Bytecode.SELFDESTRUCT)).isEqualTo(1);
    }

    @Test
    void shouldReadSelectorsComparedInTheDispatcher() {
        String owner = Evm.selector("owner()").substring(2);
        String init = Evm.selector("initialize()").substring(2);
        // DUP1 PUSH4 owner EQ ..., PUSH4 init DUP2 EQ ..., and a PUSH4 used for something else (followed by ADD)
        String code = "0x8063" + owner + "14" + "6300000000" + "63" + init + "8114" + "63deadbeef01";

        assertThat(Upgrades.selectors(code)).containsExactlyInAnyOrder("0x" + owner, "0x" + init);
    }

    @Test
    void shouldReportAnInitializerOnlyWhenTheDispatcherKnowsIt() {
        String init = Evm.selector("initialize()");
        FakeChain chain = new FakeChain().answers(TARGET, init, BigInteger.ONE);
        List<String> inits = List.of("initialize()");

        assertThat(Upgrades.callableInitializers(chain, TARGET, TARGET, inits, FakeChain.POST))
                .isEmpty();
        chain.code(TARGET, "0x63" + init.substring(2) + "14");
        assertThat(Upgrades.callableInitializers(chain, TARGET, TARGET, inits, FakeChain.POST))
                .containsExactly("initialize()");
    }

    @Test
    void shouldTellDisabledFromConsumedInitializers() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

        assertThat(new Upgrades.InitState(max, false, 0, false).disabled()).isTrue();
        assertThat(new Upgrades.InitState(BigInteger.TWO, false, 0, false).disabled())
                .isFalse();
        assertThat(new Upgrades.InitState(BigInteger.TWO, false, 0, false).consumed())
                .isTrue();
        assertThat(new Upgrades.InitState(BigInteger.ZERO, false, 1, false).consumed())
                .isTrue();
        assertThat(new Upgrades.InitState(BigInteger.ZERO, false, 0, false).consumed())
                .isFalse();
    }

    @Test
    void shouldRaiseWhenTheNodeRefusesStateOverridesInsteadOfSeeingNoCollision() {
        String owner = Evm.selector("owner()");
        String oldImpl = "0x1000000000000000000000000000000000000001";
        String newImpl = "0x2000000000000000000000000000000000000002";
        FakeChain chain = new FakeChain().refuseOverrides();
        chain.code(oldImpl, "0x63" + owner.substring(2) + "14");
        chain.code(newImpl, "0x63" + owner.substring(2) + "14");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Upgrades.layoutConflicts(chain, TARGET, oldImpl, newImpl, FakeChain.POST))
                .isInstanceOf(Upgrades.OverrideUnavailable.class)
                .hasMessageContaining("state override");
    }
}
