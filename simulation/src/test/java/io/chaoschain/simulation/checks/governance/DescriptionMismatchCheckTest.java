package io.chaoschain.simulation.checks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.DecodedCall.Argument;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptionMismatchCheckTest {
    private static final String MARKET = "0x3000000000000000000000000000000000000003";
    private static final String TOKEN = "0x4000000000000000000000000000000000000004";
    private static final String COMPTROLLER = "0x5000000000000000000000000000000000000005";
    private static final String ORACLE = "0x6000000000000000000000000000000000000006";
    private static final String RECIPIENT = "0x95bd8d42f30351685e96c62eddc0d0613bf9a87a";
    private static final String ATTACKER = "0xbad0000000000000000000000000000000000bad";
    private static final BigInteger USDC = BigInteger.TEN.pow(6);

    private static ActionExecution reserveFactor(String value) {
        return FakeChain.action(
                0,
                MARKET,
                "setReserveFactor(uint256)",
                List.of(new Argument("rf", "uint256", value)),
                new BigInteger(value));
    }

    private static ActionExecution transfer(int index, String to, BigInteger amount) {
        return FakeChain.action(
                index,
                TOKEN,
                "transfer(address,uint256)",
                List.of(new Argument("to", "address", to), new Argument("value", "uint256", amount.toString())),
                to,
                amount);
    }

    private static TokenDelta balance(String holder, BigInteger before, BigInteger after) {
        return new TokenDelta(TokenDelta.Kind.BALANCE, TOKEN, holder, null, before, after);
    }

    /** A chain whose token is USDC with 6 decimals. */
    private static FakeChain usdcChain() {
        return new FakeChain()
                .contract(MARKET)
                .contract(COMPTROLLER)
                .answers(TOKEN, Evm.encode("decimals()"), BigInteger.valueOf(6))
                .answers(TOKEN, Evm.encode("symbol()"), new BigInteger("55534443".concat("0".repeat(56)), 16));
    }

    private static CheckResult evaluate(
            FakeChain chain,
            String description,
            List<ActionExecution> actions,
            List<TokenDelta> deltas,
            List<PermissionChange> permissions,
            Map<String, AccountDiff> diff) {
        ProposalUnderTest p = ProposalUnderTest.draft(
                31337,
                FakeChain.GOVERNOR,
                FakeChain.EXECUTOR,
                description,
                actions.stream().map(ActionExecution::action).toList());
        SimulationEvidence e = new SimulationEvidence(
                0, p, actions, diff, List.of(), deltas, permissions, Map.of(), BigInteger.ZERO, chain, chain);
        return new DescriptionMismatchCheck().evaluate(e, CheckSettings.defaults());
    }

    /** Reserve factor to 15 % and 400,000 USDC from the treasury to {@link #RECIPIENT}, as executed. */
    private static CheckResult grant(String description) {
        BigInteger amount = BigInteger.valueOf(400_000).multiply(USDC);
        return evaluate(
                usdcChain(),
                description,
                List.of(reserveFactor("150000000000000000"), transfer(1, RECIPIENT, amount)),
                List.of(
                        balance(
                                FakeChain.EXECUTOR,
                                amount.multiply(BigInteger.TEN),
                                amount.multiply(BigInteger.valueOf(9))),
                        balance(RECIPIENT, BigInteger.ZERO, amount)),
                List.of(),
                Map.of());
    }

    @Test
    void shouldFailWhenTheDescriptionHidesATransferOutOfTheTreasury() {
        CheckResult r = grant("Set the reserve factor of the lending market to 15 %");

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.evidence())
                .anyMatch(l -> l.contains(RECIPIENT) && l.contains("400000 USDC") && l.contains("neither"));
    }

    @Test
    void shouldPassProseThatStatesTheAmountAndRecipientWithoutNamingAFunction() {
        CheckResult r =
                grant("## Grants\nRaise the reserve factor to 15 % and send 400,000 USDC from the treasury to the"
                        + " auditors at " + RECIPIENT + ".");

        assertThat(r.status()).as(r.evidence().toString()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldFailWhenTheStatedParameterValueIsNotWhatTheCallSets() {
        CheckResult r = grant("Set the reserve factor to 50 % and send 400,000 USDC to " + RECIPIENT);

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.evidence()).anyMatch(l -> l.contains("reserve factor") && l.contains("setReserveFactor"));
    }

    @Test
    void shouldFailWhenAPromisedTransferMovesNothing() {
        CheckResult r = evaluate(
                usdcChain(),
                "Transfer 2,000,000 USDC from the treasury to the grants multisig " + RECIPIENT,
                List.of(FakeChain.action(0, COMPTROLLER, "payout()", List.of())),
                List.of(),
                List.of(),
                Map.of());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.evidence()).anyMatch(l -> l.contains("2000000 USDC") && l.contains("no balance changed"));
    }

    @Test
    void shouldFailWhenAnExactAmountApprovalIsUnlimited() {
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        CheckResult r = evaluate(
                usdcChain(),
                "Exact-amount approval of 50,000 USDC to the grants multisig " + RECIPIENT,
                List.of(FakeChain.action(
                        0,
                        TOKEN,
                        "approve(address,uint256)",
                        List.of(
                                new Argument("spender", "address", RECIPIENT),
                                new Argument("value", "uint256", max.toString())),
                        RECIPIENT,
                        max)),
                List.of(new TokenDelta(
                        TokenDelta.Kind.ALLOWANCE, TOKEN, FakeChain.EXECUTOR, RECIPIENT, BigInteger.ZERO, max)),
                List.of(),
                Map.of());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.evidence()).anyMatch(l -> l.contains("exact-amount") && l.contains("unlimited"));
    }

    @Test
    void shouldPassAnExactAmountApprovalOfTheStatedAmount() {
        BigInteger amount = BigInteger.valueOf(50_000).multiply(USDC);
        CheckResult r = evaluate(
                usdcChain(),
                "Exact-amount approval of 50,000 USDC to the grants multisig " + RECIPIENT,
                List.of(FakeChain.action(
                        0,
                        TOKEN,
                        "approve(address,uint256)",
                        List.of(
                                new Argument("spender", "address", RECIPIENT),
                                new Argument("value", "uint256", amount.toString())),
                        RECIPIENT,
                        amount)),
                List.of(new TokenDelta(
                        TokenDelta.Kind.ALLOWANCE, TOKEN, FakeChain.EXECUTOR, RECIPIENT, BigInteger.ZERO, amount)),
                List.of(),
                Map.of());

        assertThat(r.status()).as(r.evidence().toString()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldPassAnOracleSwitchDescribedInWordsEvenWhenNoAbiDecodesIt() {
        String calldata = Evm.encode("_setPriceOracle(address)", ORACLE);
        ActionExecution undecoded = new ActionExecution(
                0,
                new ProposalAction(COMPTROLLER, BigInteger.ZERO, calldata, ""),
                new DecodedCall(calldata.substring(0, 10), null, List.of(), null),
                true,
                true,
                null,
                30_000,
                "0x" + "ab".repeat(32),
                FakeChain.POST,
                null);
        String slot = "0x" + "0".repeat(63) + "4";
        AccountDiff written = new AccountDiff(
                COMPTROLLER,
                BigInteger.ZERO,
                BigInteger.ZERO,
                1,
                1,
                "0x01",
                "0x01",
                Map.of(
                        slot,
                        new AccountDiff.SlotChange(
                                "0x" + "0".repeat(64), "0x" + "0".repeat(24) + ORACLE.substring(2))));

        CheckResult r = evaluate(
                usdcChain(),
                "Switch the Comptroller's price oracle to the new feed oracle at " + ORACLE + ".",
                List.of(undecoded),
                List.of(),
                List.of(),
                Map.of(COMPTROLLER, written));

        assertThat(r.status()).as(r.evidence().toString()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void shouldFailWhenControlPassesOutsideTheDaoUnsaid() {
        CheckResult r = evaluate(
                usdcChain(),
                "Routine maintenance of the market " + MARKET,
                List.of(FakeChain.action(
                        0,
                        MARKET,
                        "transferOwnership(address)",
                        List.of(new Argument("newOwner", "address", ATTACKER)),
                        ATTACKER)),
                List.of(),
                List.of(new PermissionChange(
                        0, MARKET, PermissionChange.Kind.OWNERSHIP_TRANSFERRED, null, ATTACKER, FakeChain.EXECUTOR)),
                Map.of());

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.evidence()).anyMatch(l -> l.contains("control passes outside the DAO"));
    }

    @Test
    void shouldFailWhenTheStatedNumberOfActionsIsWrong() {
        CheckResult r = grant("This proposal has two actions: the reserve factor goes to 15 % and 400,000 USDC go to "
                + RECIPIENT + ". A third action is not needed.");

        assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
        CheckResult wrong =
                grant("This proposal has three actions: reserve factor 15 % and 400,000 USDC sent to " + RECIPIENT);
        assertThat(wrong.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(wrong.evidence()).anyMatch(l -> l.contains("3 action(s)") && l.contains("has 2"));
    }

    /** 100 ETH from the timelock to {@link #RECIPIENT}, executed through the governor (as the call trace shows it). */
    private static CheckResult ethGrant(String description) {
        BigInteger hundred = BigInteger.valueOf(100).multiply(BigInteger.TEN.pow(18));
        CallFrame payment =
                new CallFrame("CALL", FakeChain.EXECUTOR, RECIPIENT, "0x", "0x", hundred, 21_000, null, List.of(), 1);
        CallFrame top = new CallFrame(
                "CALL",
                FakeChain.GOVERNOR,
                FakeChain.EXECUTOR,
                "0x",
                "0x",
                BigInteger.ZERO,
                60_000,
                null,
                List.of(payment),
                0);
        ActionExecution pay = new ActionExecution(
                0,
                new ProposalAction(RECIPIENT, hundred, "0x", ""),
                new DecodedCall("0x", null, List.of(), null),
                true,
                true,
                null,
                21_000,
                "0x" + "ab".repeat(32),
                FakeChain.POST,
                top);
        return evaluate(usdcChain(), description, List.of(pay), List.of(), List.of(), Map.of());
    }

    @Test
    void shouldJudgeEtherMovedInTheCallTrace() {
        assertThat(ethGrant("Pay 100 ETH to the security council " + RECIPIENT + " for the audit.")
                        .status())
                .isEqualTo(CheckResult.Status.PASS);
        CheckResult hidden = ethGrant("Pay 10 ETH to the security council " + RECIPIENT + " for the audit.");
        assertThat(hidden.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(hidden.evidence())
                .anyMatch(l -> l.contains("10 ETH") && l.contains("no balance changed"))
                .anyMatch(l -> l.contains("receives 100 ETH") && l.contains("not the amount"));
    }

    @Test
    void shouldNotFailAFunctionNoAbiDecodesWhenItsEffectsAreDisclosed() {
        assertThat(ethGrant("Pay 100 ETH to " + RECIPIENT).evidence())
                .noneMatch(l -> l.contains("not disclosed") || l.contains("not described"));
    }

    @Test
    void shouldOnlyWarnWhenTheRecipientIsNamedByAnEnsNameThatCannotBeResolvedHere() {
        CheckResult r = grant("Set the reserve factor to 15 % and send 400,000 USDC to auditors.compound.eth.");

        assertThat(r.status()).isEqualTo(CheckResult.Status.WARN);
        assertThat(r.evidence()).anyMatch(l -> l.contains("auditors.compound.eth") && l.contains("cannot be checked"));
    }

    @Test
    void shouldFailOnALookAlikeAddressInTheDescription() {
        String lookAlike = "0x95bd" + "0".repeat(32) + "9a87a".substring(1);
        CheckResult r = grant("Set the reserve factor to 15 % and send 400,000 USDC to " + lookAlike + ", the grantee");

        assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(r.evidence()).anyMatch(l -> l.contains("look-alike"));
    }

    @Test
    void shouldSplitFunctionNamesIntoWordsWithoutFiller() {
        assertThat(DescriptionMismatchCheck.words("setReserveFactor", List.of("set", "to")))
                .containsExactly("reserve", "factor");
        assertThat(DescriptionMismatchCheck.words("_setPriceOracle", List.of("set")))
                .containsExactly("price", "oracle");
    }

    @Test
    void shouldNotJudgeADraftThatHasNoDescriptionYet() {
        assertThat(grant("").status()).isEqualTo(CheckResult.Status.PASS);
    }
}
