package io.chaoschain.simulation.checks.governance;

import static io.chaoschain.simulation.checks.governance.FakeChain.EXECUTOR;
import static io.chaoschain.simulation.checks.governance.FakeChain.GOVERNOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryChecksTest {
    private static final String TOKEN = "0x4000000000000000000000000000000000000004";

    private static SimulationEvidence onChainProposal(FakeChain chain) {
        ActionExecution action = FakeChain.action(0, TOKEN, "setX(uint256)", List.of(), BigInteger.ONE);
        ProposalUnderTest p = new ProposalUnderTest(
                ProposalUnderTest.Kind.OZ_GOVERNOR,
                31337,
                GOVERNOR,
                EXECUTOR,
                BigInteger.TWO,
                "0x7000000000000000000000000000000000000007",
                "Set x (setX)",
                List.of(action.action()),
                5,
                6,
                9,
                0);
        return new SimulationEvidence(
                0,
                p,
                List.of(action),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                BigInteger.ZERO,
                chain,
                chain);
    }

    @Test
    void shouldReportAnErrorInsteadOfJudgingWhenTheNodeRefusesTheVoteHistory() {
        FakeChain chain = new FakeChain()
                .refuseLogs()
                .answersAddress(GOVERNOR, Evm.encode("token()"), TOKEN)
                .answers(EXECUTOR, Evm.encode("getMinDelay()"), BigInteger.valueOf(172_800));

        for (SafetyCheck check :
                List.of(new FlashVotingPowerCheck(), new FreshVotingPowerCheck(), new ProcessRedFlagsCheck())) {
            CheckResult r = check.evaluate(onChainProposal(chain), CheckSettings.defaults());
            assertThat(r.status()).as(check.id()).isEqualTo(CheckResult.Status.ERROR);
            assertThat(r.summary()).as(check.id()).contains("could not judge").contains("did not return the logs");
        }
        CheckResult delay = new ExecutionDelayCheck().evaluate(onChainProposal(chain), CheckSettings.defaults());
        assertThat(delay.status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(delay.evidence()).anyMatch(l -> l.contains("history not examined"));
    }

    @Test
    void shouldPassAProposalWithoutVotesWhenTheHistoryIsReadable() {
        FakeChain chain = new FakeChain().answersAddress(GOVERNOR, Evm.encode("token()"), TOKEN);

        assertThat(new FlashVotingPowerCheck()
                        .evaluate(onChainProposal(chain), CheckSettings.defaults())
                        .status())
                .isEqualTo(CheckResult.Status.PASS);
    }
}
