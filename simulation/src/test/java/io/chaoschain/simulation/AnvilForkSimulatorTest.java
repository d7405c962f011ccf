package io.chaoschain.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.simulation.SimulationException;
import io.chaoschain.core.simulation.SimulationRequest;
import io.chaoschain.simulation.checks.CheckRegistry;
import io.chaoschain.simulation.checks.CheckSettings;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnvilForkSimulatorTest {
    private static final String EXECUTOR = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final ProposalAction ACTION =
            new ProposalAction("0x5fbdb2315678afecb367f032d93f642f64180aa3", BigInteger.ZERO, "0x8f1d3776", "");

    private static SimulationRequest request(String rpcUrl, long from, long to) {
        return new SimulationRequest(rpcUrl, EXECUTOR, List.of(ACTION), from, to, List.of(), List.of());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldExplainAnUnreachableChainWithoutRevealingTheUrlPath() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/v2/secret-api-key";

        assertThatThrownBy(() -> new AnvilForkSimulator().simulate(request(url, 1, 2)))
                .isInstanceOf(SimulationException.class)
                .hasMessageStartingWith("cannot reach the chain to simulate on at http://127.0.0.1:")
                .hasMessageContaining("check the RPC URL")
                .message()
                .doesNotContain("secret-api-key");
    }

    @Test
    void shouldRefuseASweepWhoseRequestsReplayDifferentWindows() {
        List<SimulationRequest> requests =
                List.of(request("http://127.0.0.1:1", 1, 5), request("http://127.0.0.1:1", 2, 5));

        assertThatThrownBy(() -> new AnvilForkSimulator().simulateAll(requests))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay window");
    }

    @Test
    void shouldReturnNoReportsForNoRequestsWithoutForking() {
        assertThat(new AnvilForkSimulator().simulateAll(List.of())).isEmpty();
    }

    @Test
    void shouldSplitASweepIntoContiguousNearEqualRunsInRequestOrder() {
        assertThat(AnvilForkSimulator.plan(3, 2)).containsExactly(List.of(0, 1), List.of(2));
        assertThat(AnvilForkSimulator.plan(7, 3)).containsExactly(List.of(0, 1, 2), List.of(3, 4), List.of(5, 6));
        assertThat(AnvilForkSimulator.plan(2, 1)).containsExactly(List.of(0, 1));
    }

    @Test
    void shouldNeverStartMoreForksThanCandidates() {
        AnvilForkSimulator four = new AnvilForkSimulator(CheckRegistry.discover(), CheckSettings.defaults(), 4);
        AnvilForkSimulator automatic = new AnvilForkSimulator(CheckRegistry.discover(), CheckSettings.defaults(), 0);

        assertThat(four.forksFor(2)).isEqualTo(2);
        assertThat(four.forksFor(9)).isEqualTo(4);
        assertThat(automatic.forksFor(100)).isEqualTo(AnvilForkSimulator.defaultParallelForks());
        assertThat(automatic.forksFor(1)).isEqualTo(1);
        assertThatThrownBy(() -> new AnvilForkSimulator(CheckRegistry.discover(), CheckSettings.defaults(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelForks");
    }
}
