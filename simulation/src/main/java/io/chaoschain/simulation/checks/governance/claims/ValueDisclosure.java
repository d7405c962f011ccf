package io.chaoschain.simulation.checks.governance.claims;

import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Amount;
import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Verb;
import io.chaoschain.simulation.checks.governance.claims.ProposalEffects.Allowance;
import io.chaoschain.simulation.checks.governance.claims.ProposalEffects.Movement;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Value claims against value effects: every amount the description says moves or is approved must have moved or been
 * approved, and every value that leaves the DAO for an outside account, or that the DAO lets an outside spender take,
 * must be stated (amount and recipient in full). "Exact-amount" approvals must be exact; unlimited ones must be said
 * to be unlimited.
 */
public final class ValueDisclosure {
    private static final List<String> EXACT = List.of("exact amount", "exact-amount", "exactly", "exact approval");
    private static final List<String> UNLIMITED = List.of(
            "unlimited",
            "infinite",
            "max approval",
            "maximum approval",
            "type(uint256).max",
            "uint256.max",
            "max uint",
            "maxuint");

    private final DescriptionClaims claims;
    private final ProposalEffects effects;
    private final Predicate<String> dao;
    private final Findings findings;
    private final double tolerance;

    /**
     * @param dao whether an address is the DAO's (the executor, the governor, allowlisted or owned by them)
     * @param tolerance relative difference accepted between a stated and a moved amount (0.01 is 1 %); amounts
     *     written as estimates ("~", "about", "1.5M") get five times as much
     */
    public ValueDisclosure(
            DescriptionClaims claims,
            ProposalEffects effects,
            Predicate<String> dao,
            Findings findings,
            double tolerance) {
        this.claims = claims;
        this.effects = effects;
        this.dao = dao;
        this.findings = findings;
        this.tolerance = tolerance;
    }

    public void judge() {
        claimedMovesHappened();
        outflowsDisclosed();
        approvalsDisclosed();
    }

    private void claimedMovesHappened() {
        for (Amount a : claims.amounts()) {
            if (a.verb() == Verb.MOVE) {
                List<Movement> moved = effects.movements().stream()
                        .filter(m -> compatible(a, m.symbol())
                                && matches(a, m.delta().abs(), m.decimals()))
                        .toList();
                if (moved.isEmpty()) {
                    findings.fail("the description says " + a + " moves (\"" + clip(a.clause())
                            + "\") but no balance changed by that amount");
                } else if (a.recipient() != null
                        && moved.stream()
                                .noneMatch(m -> m.holder().equals(a.recipient())
                                        && m.delta().signum() > 0)) {
                    findings.fail("the description says " + a + " goes to " + a.recipient() + " but " + a.recipient()
                            + " did not receive it (moved: " + render(moved) + ")");
                }
            } else if (a.verb() == Verb.APPROVE) {
                boolean set = effects.allowances().stream()
                        .anyMatch(x -> compatible(a, x.symbol())
                                && matches(a, x.value(), x.decimals())
                                && (a.recipient() == null || a.recipient().equals(x.spender())));
                if (!set) {
                    findings.fail("the description says " + a + " is approved"
                            + (a.recipient() == null ? "" : " to " + a.recipient())
                            + " but no allowance was set to that amount");
                }
            }
        }
    }

    private void outflowsDisclosed() {
        for (Movement m : effects.movements()) {
            if (m.delta().signum() <= 0 || dao.test(m.holder()) || !fromTheDao(m)) {
                continue;
            }
            BigInteger daoOutflow = effects.movements().stream()
                    .filter(o ->
                            Objects.equals(o.token(), m.token()) && o.delta().signum() < 0 && dao.test(o.holder()))
                    .map(o -> o.delta().negate())
                    .reduce(BigInteger.ZERO, BigInteger::add);
            boolean amountStated = claims.amounts().stream()
                    .anyMatch(a -> compatible(a, m.symbol())
                            && (matches(a, m.delta(), m.decimals())
                                    || (daoOutflow.signum() > 0 && matches(a, daoOutflow, m.decimals()))));
            boolean named = claims.names(m.holder());
            String what = m.holder() + " receives " + format(m.delta(), m.decimals(), m.symbol()) + " from the DAO";
            if (!named && !amountStated) {
                findings.fail(what + ", which the description discloses neither by amount nor by recipient");
            } else if (!named && !claims.names().isEmpty()) {
                findings.warn(what + "; the description names the recipient only as "
                        + String.join(", ", claims.names()) + ", which cannot be checked here");
            } else if (!named) {
                findings.fail(what + ", but the description does not name " + m.holder() + " in full");
            } else if (!amountStated) {
                findings.warn(what + "; the description names the recipient but not the amount");
            }
        }
    }

    /** Value the DAO paid (its balance of that token fell) or created (a mint: nobody's balance fell). */
    private boolean fromTheDao(Movement m) {
        List<Movement> losses = effects.movements().stream()
                .filter(o -> Objects.equals(o.token(), m.token()) && o.delta().signum() < 0)
                .toList();
        return losses.isEmpty() || losses.stream().anyMatch(o -> dao.test(o.holder()));
    }

    private void approvalsDisclosed() {
        boolean exact = claims.mentions(EXACT);
        boolean unlimitedSaid = claims.mentions(UNLIMITED);
        for (Allowance x : effects.allowances()) {
            if (!dao.test(x.owner())) {
                continue;
            }
            String what =
                    "the DAO's " + (x.symbol() == null ? x.token() : x.symbol()) + " allowance for " + x.spender();
            boolean outside = !dao.test(x.spender());
            if (x.value().compareTo(Evm.UNLIMITED) >= 0) {
                if (exact) {
                    findings.fail("the description calls it an exact-amount approval, but " + what + " is unlimited");
                } else if (!unlimitedSaid) {
                    findings.add(outside, what + " is unlimited and the description does not say so");
                }
                continue;
            }
            boolean stated = claims.amounts().stream()
                    .anyMatch(a -> compatible(a, x.symbol()) && matches(a, x.value(), x.decimals()));
            if (exact && !stated) {
                findings.fail("the description calls it an exact-amount approval, but " + what + " is "
                        + format(x.value(), x.decimals(), x.symbol()) + ", not a stated amount");
            } else if (outside && !stated && !claims.names(x.spender())) {
                findings.fail(what + " is set to " + format(x.value(), x.decimals(), x.symbol())
                        + ", which the description discloses neither by amount nor by spender");
            }
        }
    }

    /** A stated token is compatible with a symbol when either is unknown or they agree (ETH also with WETH). */
    static boolean compatible(Amount a, String symbol) {
        if (a.token() == null || symbol == null) {
            return true;
        }
        return a.token().equalsIgnoreCase(symbol)
                || (a.ether() && (symbol.equalsIgnoreCase("ETH") || symbol.equalsIgnoreCase("WETH")));
    }

    /** Whether {@code raw} units are the stated amount, in whole tokens (or in raw units when no token is named). */
    boolean matches(Amount a, BigInteger raw, Integer decimals) {
        List<Integer> scales = new ArrayList<>();
        if (decimals != null) {
            scales.add(decimals);
        } else {
            scales.add(18);
        }
        if (a.token() == null || decimals == null) {
            scales.add(0);
        }
        double tol = a.approximate() ? tolerance * 5 : tolerance;
        for (int d : scales) {
            BigDecimal expected = a.value().scaleByPowerOfTen(d);
            BigDecimal diff = expected.subtract(new BigDecimal(raw.abs())).abs();
            if (expected.signum() > 0 && diff.compareTo(expected.multiply(BigDecimal.valueOf(tol))) <= 0) {
                return true;
            }
        }
        return false;
    }

    static String format(BigInteger raw, Integer decimals, String symbol) {
        String unit = symbol == null ? " units" : " " + symbol;
        if (decimals == null) {
            return raw + unit;
        }
        BigDecimal v = new BigDecimal(raw).scaleByPowerOfTen(-decimals);
        return v.setScale(Math.min(6, Math.max(0, v.scale())), RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString()
                + unit;
    }

    private static String render(List<Movement> moved) {
        return String.join(
                ", ",
                moved.stream()
                        .map(m -> m.holder() + " " + (m.delta().signum() > 0 ? "+" : "")
                                + format(m.delta(), m.decimals(), m.symbol()))
                        .toList());
    }

    static String clip(String clause) {
        return clause.length() <= 90 ? clause : clause.substring(0, 87) + "...";
    }
}
