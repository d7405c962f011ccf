package io.chaoschain.simulation.checks.governance;

import static io.chaoschain.simulation.checks.governance.FakeChain.EXECUTOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Control;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlTest {
    private static final String MARKET = "0x3000000000000000000000000000000000000003";
    private static final String COMPTROLLER = "0x4000000000000000000000000000000000000004";
    private static final String PROXY_ADMIN = "0x5000000000000000000000000000000000000005";
    private static final String OUTSIDER = "0x6000000000000000000000000000000000000006";

    private static Control control(FakeChain chain) {
        return new Control(chain.evidence("", List.of(), List.of(), Map.of()), CheckSettings.defaults());
    }

    @Test
    void shouldFollowAdminsThroughTwoContractsToTheExecutor() {
        FakeChain chain = new FakeChain()
                .answersAddress(MARKET, Evm.encode("admin()"), COMPTROLLER)
                .answersAddress(COMPTROLLER, Evm.encode("admin()"), PROXY_ADMIN)
                .answersAddress(PROXY_ADMIN, Evm.encode("owner()"), EXECUTOR);

        Control dao = control(chain);

        assertThat(dao.controls(MARKET)).isTrue();
        assertThat(dao.path(MARKET)).get().asString().contains("admin()").contains(EXECUTOR);
    }

    @Test
    void shouldCountAMarketAsTheDaosOnlyWhenTheDaosComptrollerListsIt() {
        FakeChain chain = new FakeChain()
                .answersAddress(MARKET, Evm.encode("comptroller()"), COMPTROLLER)
                .answersAddress(COMPTROLLER, Evm.encode("admin()"), EXECUTOR);
        assertThat(control(chain).controls(MARKET)).isFalse();

        chain.answers(COMPTROLLER, Evm.encode("markets(address)", MARKET), BigInteger.ONE);
        assertThat(control(chain).controls(MARKET)).isTrue();
    }

    @Test
    void shouldNotCountAListedMarketWhoseOwnAdminIsAnOutsider() {
        FakeChain chain = new FakeChain()
                .answersAddress(MARKET, Evm.encode("comptroller()"), COMPTROLLER)
                .answersAddress(MARKET, Evm.encode("admin()"), OUTSIDER)
                .answersAddress(COMPTROLLER, Evm.encode("admin()"), EXECUTOR)
                .answers(COMPTROLLER, Evm.encode("markets(address)", MARKET), BigInteger.ONE);

        assertThat(control(chain).controls(MARKET)).isFalse();
    }

    @Test
    void shouldNotCountAContractWithOneControllerOutsideTheDao() {
        FakeChain chain = new FakeChain()
                .answersAddress(MARKET, Evm.encode("owner()"), EXECUTOR)
                .answersAddress(MARKET, Evm.encode("admin()"), OUTSIDER);

        assertThat(control(chain).controls(MARKET)).isFalse();
    }

    @Test
    void shouldNotCountAContractOwnedByAnOutsider() {
        FakeChain chain = new FakeChain().answersAddress(MARKET, Evm.encode("owner()"), OUTSIDER);

        assertThat(control(chain).controls(MARKET)).isFalse();
        assertThat(control(chain).controls(OUTSIDER)).isFalse();
    }

    @Test
    void shouldStopOnOwnershipCycles() {
        FakeChain chain = new FakeChain()
                .answersAddress(MARKET, Evm.encode("owner()"), COMPTROLLER)
                .answersAddress(COMPTROLLER, Evm.encode("owner()"), MARKET);

        assertThat(control(chain).controls(MARKET)).isFalse();
    }

    @Test
    void shouldGiveUpBeyondTheDepthLimit() {
        FakeChain chain = new FakeChain();
        String previous = EXECUTOR;
        String last = null;
        for (int i = 1; i <= Control.MAX_DEPTH + 1; i++) {
            last = String.format("0x%040x", 0x7000 + i);
            chain.answersAddress(last, Evm.encode("owner()"), previous);
            previous = last;
        }
        String justInside = String.format("0x%040x", 0x7000 + Control.MAX_DEPTH);

        assertThat(control(chain).controls(justInside)).isTrue();
        assertThat(control(chain).controls(last)).isFalse();
    }

    @Test
    void shouldCountAContractGrantingTheExecutorItsDefaultAdminRole() {
        FakeChain chain = new FakeChain()
                .answers(
                        MARKET,
                        Evm.encode("hasRole(bytes32,address)", "0x" + "0".repeat(64), EXECUTOR),
                        BigInteger.ONE);

        assertThat(control(chain).controls(MARKET)).isTrue();
    }
}
