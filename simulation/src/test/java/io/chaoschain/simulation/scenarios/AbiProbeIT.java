package io.chaoschain.simulation.scenarios;

import static io.chaoschain.simulation.scenarios.ScenarioChain.addr;
import static io.chaoschain.simulation.scenarios.ScenarioChain.fn;
import static io.chaoschain.simulation.scenarios.ScenarioChain.tokens;
import static io.chaoschain.simulation.scenarios.ScenarioChain.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.chains.testing.Devnet;
import io.chaoschain.chains.testing.WithDevnet;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.decode.AbiResolver;
import io.chaoschain.simulation.decode.ContractProbe;
import io.chaoschain.simulation.evidence.DecodedCall;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resolver's probes against deployed contracts on Anvil: ERC-20 vs ERC-721 approve, and the dispatcher. */
@WithDevnet(revertAfterEachTest = true)
class AbiProbeIT {
    private static ScenarioChain chain;
    private static ContractProbe probe;

    @BeforeAll
    static void startChain(Devnet devnet) {
        chain = new ScenarioChain(devnet);
        probe = ContractProbe.of(devnet.client());
    }

    private static DecodedCall decode(String target, String calldata) {
        return AbiResolver.bundledOnly().decodeCall(new ProposalAction(target, BigInteger.ZERO, calldata, ""), probe);
    }

    @Test
    void shouldNameAnErc20ApprovesArgumentsAsSpenderAndValue() {
        String spender = chain.address(4);
        DecodedCall call = decode(chain.dao.asset(), fn("approve", addr(spender), uint(tokens(5))));

        assertThat(call.args()).extracting(DecodedCall.Argument::name).containsExactly("spender", "value");
    }

    @Test
    void shouldNameAnErc721ApprovesArgumentsAsToAndTokenIdAfterProbingTheCollection() {
        String collection = chain.deploy(0, "ScenarioCollectible", addr(chain.dao.timelock()));
        String to = chain.address(4);
        DecodedCall call = decode(collection, fn("approve", addr(to), uint(BigInteger.ONE)));

        assertThat(call.args()).extracting(DecodedCall.Argument::name).containsExactly("to", "tokenId");
        assertThat(call.render()).isEqualTo("approve(to=" + to + ", tokenId=1)");
    }

    @Test
    void shouldFindAnUnknownFunctionInTheDeployedDispatcherAndShowItsArgumentShapes() {
        String controller = chain.deploy(0, "EmissionController", addr(chain.dao.timelock()), uint(tokens(10)));
        String outsider = chain.address(7);
        DecodedCall call = decode(controller, fn("tuneEmissionWithOperator", uint(tokens(5)), addr(outsider)));

        assertThat(call.known()).isFalse();
        assertThat(call.abiSource()).isEqualTo("bytecode-inferred: selector found in dispatcher");
        assertThat(call.render())
                .isEqualTo(call.selector() + " (unknown function; selector found in dispatcher; args look like "
                        + "uint256,address)");
        assertThat(call.args())
                .extracting(DecodedCall.Argument::value)
                .containsExactly(tokens(5).toString(), outsider);
    }
}
