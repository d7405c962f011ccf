package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Control;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.checks.governance.internal.TokenMoves;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * C7: treasury outflow or mint above a threshold; approvals or transfers to recipients the DAO does not control
 * (Compound Proposal 289, July 2024: 499k COMP voted into a vault the proposers controlled).
 *
 * <p>Per token (from the execution's balance and allowance changes) and for ETH: what left DAO-controlled accounts
 * for accounts the DAO does not control, as a share of what the DAO held before; new allowances from the DAO to
 * outside spenders likewise; and supply minted to outside accounts as a share of the supply before. "DAO-controlled"
 * is followed transitively ({@link Control}): treasury funds supplied to a market whose comptroller the timelock
 * administers and that lists it, or to a contract owned by a ProxyAdmin the timelock owns, stay inside the DAO. Options
 * ({@code checks.C7}): {@code maxOutflowShare} (default 0.05) of the DAO's holding, {@code maxMintShare} (default
 * 0.01) of the supply, {@code maxApprovalShare} (default 0.05). Above a threshold fails; any smaller amount to an
 * outside account warns, naming the recipient. Unlimited approvals to outside spenders always fail.
 */
public final class TreasuryOutflowCheck implements SafetyCheck {
    @Override
    public String id() {
        return "C7";
    }

    @Override
    public String title() {
        return "No large outflow, mint or approval to accounts outside the DAO";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        double maxOutflow = s.forCheck(id()).number("maxOutflowShare", 0.05);
        double maxMint = s.forCheck(id()).number("maxMintShare", 0.01);
        double maxApproval = s.forCheck(id()).number("maxApprovalShare", 0.05);
        Control dao = new Control(e, s);
        Findings f = new Findings(id());
        Map<String, Boolean> controlled = new LinkedHashMap<>();
        java.util.function.Predicate<String> isDao = a -> controlled.computeIfAbsent(a, dao::controls);

        List<TokenDelta> deltas = TokenMoves.of(e);
        Set<String> tokens = new LinkedHashSet<>();
        deltas.forEach(d -> tokens.add(d.token()));
        long pre = e.fork().preBlock();
        long post = e.fork().postBlock();
        for (String token : tokens) {
            BigInteger daoBefore = BigInteger.ZERO;
            Map<String, BigInteger> outside = new LinkedHashMap<>();
            for (TokenDelta d : deltas) {
                if (!d.token().equals(token) || d.kind() != TokenDelta.Kind.BALANCE) {
                    continue;
                }
                if (isDao.test(d.owner())) {
                    daoBefore = daoBefore.add(d.before());
                } else if (d.delta().signum() > 0) {
                    outside.merge(d.owner(), d.delta(), BigInteger::add);
                }
            }
            BigInteger supplyBefore =
                    Evm.uint(e.fork(), token, Evm.encode("totalSupply()"), pre).orElse(BigInteger.ZERO);
            BigInteger supplyAfter =
                    Evm.uint(e.fork(), token, Evm.encode("totalSupply()"), post).orElse(supplyBefore);
            BigInteger minted = supplyAfter.subtract(supplyBefore).max(BigInteger.ZERO);
            BigInteger outsideTotal = outside.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
            BigInteger mintedOutside = minted.min(outsideTotal);
            BigInteger transferredOutside = outsideTotal.subtract(mintedOutside);
            if (mintedOutside.signum() > 0) {
                double share = share(mintedOutside, supplyBefore);
                f.add(
                        share > maxMint,
                        "token " + token + ": " + mintedOutside + " minted to accounts outside the DAO "
                                + outside.keySet() + " (" + pct(share) + " of the supply " + supplyBefore + ", limit "
                                + pct(maxMint) + ")");
            }
            if (transferredOutside.signum() > 0) {
                double share = share(transferredOutside, daoBefore);
                f.add(
                        share > maxOutflow,
                        "token " + token + ": " + transferredOutside + " sent to accounts outside the DAO " + outside
                                + " (" + pct(share) + " of the DAO's " + daoBefore + ", limit " + pct(maxOutflow)
                                + ")");
            }
            for (TokenDelta d : deltas) {
                if (d.token().equals(token)
                        && d.kind() == TokenDelta.Kind.ALLOWANCE
                        && d.delta().signum() > 0
                        && isDao.test(d.owner())
                        && !isDao.test(d.spender())) {
                    double share = share(d.after(), daoBefore);
                    f.add(
                            d.after().compareTo(Evm.UNLIMITED) >= 0 || share > maxApproval,
                            "token " + token + ": "
                                    + d.owner() + " approves " + d.spender() + ", which the DAO does not control, for "
                                    + d.after()
                                    + (d.after().compareTo(Evm.UNLIMITED) >= 0
                                            ? " (unlimited)"
                                            : " (" + pct(share) + " of its holding)"));
                }
            }
        }
        ethOutflow(e, isDao, maxOutflow, f);
        return f.result(tokens.size() + " token(s) moved; nothing above the thresholds left the DAO");
    }

    private static void ethOutflow(
            SimulationEvidence e, java.util.function.Predicate<String> isDao, double max, Findings f) {
        BigInteger daoBefore = BigInteger.ZERO;
        BigInteger out = BigInteger.ZERO;
        Map<String, BigInteger> recipients = new LinkedHashMap<>();
        // the block's fee recipient gains gas fees, not treasury funds
        String coinbase = e.fork()
                .rpc("eth_getBlockByNumber", Evm.blockTag(e.fork().postBlock()), false)
                .path("miner")
                .asText("")
                .toLowerCase(java.util.Locale.ROOT);
        for (AccountDiff a : e.stateDiff().values()) {
            if (a.address().equals(coinbase)) {
                continue;
            }
            BigInteger before = a.address().equals(e.proposal().executor()) && e.executorBalanceBefore() != null
                    ? e.executorBalanceBefore()
                    : a.balanceBefore();
            if (isDao.test(a.address())) {
                daoBefore = daoBefore.add(before);
            } else if (a.balanceDelta().signum() > 0) {
                out = out.add(a.balanceDelta());
                recipients.put(a.address(), a.balanceDelta());
            }
        }
        if (out.signum() > 0) {
            double share = share(out, daoBefore);
            f.add(
                    share > max,
                    out + " wei sent to accounts outside the DAO " + recipients + " (" + pct(share) + " of the DAO's "
                            + daoBefore + " wei)");
        }
    }

    private static double share(BigInteger part, BigInteger whole) {
        if (whole.signum() == 0) {
            return part.signum() == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(part)
                .divide(new BigDecimal(whole), MathContext.DECIMAL64)
                .doubleValue();
    }

    private static String pct(double share) {
        return Double.isInfinite(share)
                ? "all"
                : BigDecimal.valueOf(share * 100)
                                .round(new MathContext(3))
                                .stripTrailingZeros()
                                .toPlainString() + " %";
    }
}
