package io.chaoschain.simulation.checks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountingInvariantsCheckTest {
    private static final String VAULT = "0x6000000000000000000000000000000000000006";
    private static final String TOKEN = "0x4000000000000000000000000000000000000004";

    private static CheckResult evaluate(long delegated) {
        FakeChain chain = new FakeChain()
                .answersAddress(VAULT, Evm.encode("token()"), TOKEN)
                .answers(VAULT, Evm.encode("totalDelegated()"), BigInteger.valueOf(delegated))
                .answers(TOKEN, Evm.encode("balanceOf(address)", VAULT), BigInteger.valueOf(2_000));
        return new AccountingInvariantsCheck()
                .evaluate(
                        chain.evidence(
                                "setParameter on " + VAULT,
                                List.of(FakeChain.action(0, VAULT, "setParameter(uint256)", List.of(), BigInteger.ONE)),
                                List.of(),
                                Map.of()),
                        CheckSettings.defaults());
    }

    @Test
    void shouldFailWhenDelegatedTotalsExceedTheVaultsBalance() {
        CheckResult r = evaluate(4_000);

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains("totalDelegated()").contains("4000").contains("2000");
    }

    @Test
    void shouldPassWhenTotalsAreBacked() {
        assertThat(evaluate(2_000).status()).isEqualTo(CheckResult.Status.PASS);
    }
}
