package io.chaoschain.simulation.checks.governance;

import static io.chaoschain.simulation.checks.governance.FakeChain.EXECUTOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TreasuryOutflowCheckTest {
    private static final String TOKEN = "0x4000000000000000000000000000000000000004";
    private static final String OUTSIDER = "0x5000000000000000000000000000000000000005";
    private static final BigInteger TREASURY = BigInteger.valueOf(1_000_000);

    private static CheckResult evaluate(long amount, CheckSettings settings) {
        BigInteger a = BigInteger.valueOf(amount);
        FakeChain chain = new FakeChain().answers(TOKEN, Evm.encode("totalSupply()"), BigInteger.TEN.pow(7));
        List<TokenDelta> deltas = List.of(
                new TokenDelta(TokenDelta.Kind.BALANCE, TOKEN, EXECUTOR, null, TREASURY, TREASURY.subtract(a)),
                new TokenDelta(TokenDelta.Kind.BALANCE, TOKEN, OUTSIDER, null, BigInteger.ZERO, a));
        return new TreasuryOutflowCheck()
                .evaluate(
                        chain.evidence(
                                "transfer",
                                List.of(FakeChain.action(
                                        0, TOKEN, "transfer(address,uint256)", List.of(), OUTSIDER, a)),
                                deltas,
                                Map.of()),
                        settings);
    }

    @Test
    void shouldFailWhenMoreThanFivePercentLeavesForAnOutsider() {
        CheckResult r = evaluate(300_000, CheckSettings.defaults());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.summary()).contains(OUTSIDER).contains("30 %");
    }

    @Test
    void shouldOnlyWarnAboutASmallGrant() {
        assertThat(evaluate(10_000, CheckSettings.defaults()).status()).isEqualTo(CheckResult.Status.WARN);
    }

    @Test
    void shouldPassWhenTheRecipientIsDaoControlled() {
        CheckResult r = evaluate(300_000, CheckSettings.of(Set.of(OUTSIDER), Set.of(), null));

        assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    }
}
