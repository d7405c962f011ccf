package io.chaoschain.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.core.simulation.SimulationException;
import io.chaoschain.core.testing.Waiter;
import io.chaoschain.simulation.internal.SimulationRpc;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithDevnet
class ForkPoolIT {
    private static final String ACCOUNT = "0x00000000000000000000000000000000000c1ea7";
    private static final String FUNDED = "0x00000000000000000000000000000000000f00d5";
    private static final String SLOT = "0x" + "0".repeat(63) + "7";

    @Test
    void shouldHandOutTheForkAgainWithoutThePreviousLeasesChanges(Devnet devnet) {
        long originBlock = devnet.blockNumber();
        try (ForkPool pool = ForkPool.start(devnet.rpcUrl(), -1, 1)) {
            String url;
            try (ForkPool.Lease lease = pool.lease(devnet.rpcUrl(), originBlock)) {
                url = lease.rpcUrl();
                assertThat(lease.forkBlock()).isEqualTo(originBlock);
                try (EvmChainClient fork = SimulationRpc.connect("fork", lease.rpcUrl())) {
                    fork.send("anvil_setBalance", ACCOUNT, "0xde0b6b3a7640000");
                    fork.send("anvil_setCode", ACCOUNT, "0x6001600055");
                    fork.send("anvil_setStorageAt", ACCOUNT, SLOT, "0x" + "0".repeat(62) + "2a");
                    fork.send("evm_setAutomine", false);
                    fork.send("anvil_autoImpersonateAccount", true);
                    fork.send("evm_mine");
                    fork.send("evm_mine");
                    assertThat(blockNumber(fork)).isEqualTo(originBlock + 2);
                    assertThat(balance(fork)).isEqualTo(BigInteger.TEN.pow(18));
                }
            }
            try (ForkPool.Lease again = pool.lease(devnet.rpcUrl(), originBlock);
                    EvmChainClient fork = SimulationRpc.connect("fork", again.rpcUrl())) {
                assertThat(again.rpcUrl()).as("the same warm process").isEqualTo(url);
                assertThat(blockNumber(fork)).isEqualTo(originBlock);
                assertThat(balance(fork)).isZero();
                assertThat(fork.send("eth_getCode", ACCOUNT, "latest").asText()).isEqualTo("0x");
                assertThat(new BigInteger(
                                fork.send("eth_getStorageAt", ACCOUNT, SLOT, "latest")
                                        .asText()
                                        .substring(2),
                                16))
                        .isZero();
                // automine is back on: a sent transaction is mined without evm_mine (Anvil answers before mining)
                fork.send("anvil_setBalance", devnet.account(0).getAddress(), "0xde0b6b3a7640000");
                fork.send(
                        "eth_sendTransaction",
                        Map.of("from", devnet.account(0).getAddress(), "to", ACCOUNT, "value", "0x1"));
                Waiter.waitFor("the transaction to be mined", () -> blockNumber(fork) == originBlock + 1);
            }
        }
    }

    @Test
    void shouldMoveAWarmForkToTheRequestedBlock(Devnet devnet) {
        long before = devnet.blockNumber();
        try (ForkPool pool = ForkPool.start(devnet.rpcUrl(), before, 1)) {
            String url;
            try (ForkPool.Lease lease = pool.lease(devnet.rpcUrl(), before)) {
                url = lease.rpcUrl();
            }
            devnet.fund(FUNDED);
            devnet.mine(1);
            long after = devnet.blockNumber();
            assertThat(after).isGreaterThan(before);
            try (ForkPool.Lease lease = pool.lease(devnet.rpcUrl(), after);
                    EvmChainClient fork = SimulationRpc.connect("fork", lease.rpcUrl())) {
                assertThat(lease.rpcUrl()).isEqualTo(url);
                assertThat(lease.forkBlock()).isEqualTo(after);
                assertThat(blockNumber(fork)).isEqualTo(after);
                assertThat(new BigInteger(
                                fork.send("eth_getBalance", FUNDED, "latest")
                                        .asText()
                                        .substring(2),
                                16))
                        .isPositive();
            }
        }
    }

    @Test
    void shouldReplaceADiscardedFork(Devnet devnet) {
        try (ForkPool pool = ForkPool.start(devnet.rpcUrl(), -1, 1)) {
            String first;
            try (ForkPool.Lease lease = pool.lease(devnet.rpcUrl(), -1)) {
                first = lease.rpcUrl();
                lease.discard();
            }
            try (ForkPool.Lease lease = pool.lease(devnet.rpcUrl(), -1);
                    EvmChainClient fork = SimulationRpc.connect("fork", lease.rpcUrl())) {
                assertThat(lease.rpcUrl()).isNotEqualTo(first);
                assertThat(blockNumber(fork)).isEqualTo(devnet.blockNumber());
            }
        }
    }

    @Test
    void shouldStopAForkStillStartingWhenClosed(Devnet devnet) {
        ForkPool.start(devnet.rpcUrl(), -1, 2).close();
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("anvil")
                                && p.info()
                                        .arguments()
                                        .map(a -> String.join(" ", a))
                                        .orElse("")
                                        .contains("--fork-url")))
                .as("fork processes left running")
                .isEmpty();
    }

    @Test
    void shouldReportAForkThatCannotStart() {
        try (ForkPool pool = ForkPool.start("http://127.0.0.1:1", -1, 1)) {
            assertThatThrownBy(() -> pool.lease("http://127.0.0.1:1", -1))
                    .isInstanceOf(SimulationException.class)
                    .hasMessageContaining("could not start an Anvil fork of");
        }
    }

    private static long blockNumber(EvmChainClient fork) {
        return Long.decode(fork.send("eth_blockNumber").asText());
    }

    private static BigInteger balance(EvmChainClient fork) {
        return new BigInteger(
                fork.send("eth_getBalance", ACCOUNT, "latest").asText().substring(2), 16);
    }
}
