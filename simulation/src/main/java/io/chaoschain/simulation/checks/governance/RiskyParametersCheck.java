package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Control;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.checks.governance.internal.PriceSources;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * C10: risky parameters (Mango Markets, October 2022: collateral priced by a thin market the attacker could move).
 *
 * <ul>
 *   <li>Oracles: every contract passed as an address argument or called as a target that answers a price view
 *       ({@code latestAnswer()}, {@code latestRoundData()}, {@code price()}, {@code getPrice()}) is an oracle. It
 *       fails when a stranger can write its price (an {@code eth_call} of {@code setPrice(uint256)},
 *       {@code updatePrice(uint256)} or {@code setAnswer(int256)} from an unrelated address succeeds after execution)
 *       or when its {@code owner()} is not DAO-controlled; and when its price source pool ({@code pool()} or
 *       {@code pair()}) holds less than {@code minOracleLiquidity} (default 0: not checked) of value in
 *       {@code getReserves()}.
 *   <li>Price sources of touched parameters, without configuration ({@link PriceSources}): for every collateral
 *       factor, market listing, price oracle or feed a proposal sets on a Compound-style Comptroller, the oracle, the
 *       per-asset feed and the AMM pair behind it; a source fails when a setter in its code
 *       ({@code setUnderlyingPrice}, {@code setDirectPrice}, {@code updateAnswer}, ...) succeeds from an unrelated
 *       address, and an AMM pair fails when its reserves are worth less than the other markets lend against it.
 *   <li>An open role: a role granted to the zero address (anyone may act, e.g. execute) fails.
 *   <li>Dependent operations not batched: an action that schedules a separate timelock operation
 *       ({@code schedule(...)}) warns: it runs later, unordered with the rest of the proposal.
 * </ul>
 */
public final class RiskyParametersCheck implements SafetyCheck {
    private static final List<String> PRICE_VIEWS =
            List.of("latestAnswer()", "latestRoundData()", "price()", "getPrice()");
    private static final List<String> SETTERS =
            List.of("setPrice(uint256)", "updatePrice(uint256)", "setAnswer(int256)");
    private static final String SCHEDULE = Evm.selector("schedule(address,uint256,bytes,bytes32,bytes32,uint256)");

    @Override
    public String id() {
        return "C10";
    }

    @Override
    public String title() {
        return "No collateral on writable oracles, open roles or unbatched dependent operations";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        BigInteger minLiquidity = s.forCheck(id()).integer("minOracleLiquidity", BigInteger.ZERO);
        Control dao = new Control(e, s);
        Findings f = new Findings(id());
        long post = e.fork().postBlock();
        Set<String> candidates = new LinkedHashSet<>();
        for (ActionExecution a : e.actions()) {
            candidates.add(a.action().target());
            DecodedCall call = a.decoded();
            if (call != null && call.known()) {
                for (DecodedCall.Argument arg : call.args()) {
                    if (arg.type().equals("address")) {
                        candidates.add(arg.value().toLowerCase(Locale.ROOT));
                    }
                }
            } else {
                candidates.addAll(Evm.addressWords(a.action().calldata()));
            }
        }
        int oracles = 0;
        for (String c : candidates) {
            if (!Evm.hasCode(e.fork(), c, post)) {
                continue;
            }
            Optional<String> view = PRICE_VIEWS.stream()
                    .filter(v -> Evm.call(e.fork(), null, c, Evm.encode(v), post)
                            .filter(o -> o.length() >= 66)
                            .isPresent())
                    .findFirst();
            if (view.isEmpty()) {
                continue;
            }
            oracles++;
            for (String setter : SETTERS) {
                if (Evm.call(e.fork(), Evm.STRANGER, c, Evm.encode(setter, BigInteger.ONE), post)
                        .isPresent()) {
                    f.fail("oracle " + c + " (" + view.get() + ") is writable by anyone: " + setter
                            + " from an unrelated address succeeds");
                    break;
                }
            }
            Evm.address(e.fork(), c, Evm.encode("owner()"), post)
                    .filter(o -> !o.equals(Evm.ZERO_ADDRESS))
                    .filter(o -> !dao.controls(o))
                    .ifPresent(o -> f.fail("oracle " + c + " is owned by " + o + ", which the DAO does not control"));
            if (minLiquidity.signum() > 0) {
                thinPool(e, c, minLiquidity, f);
            }
        }
        oracles += new PriceSources(e, f).run();
        for (PermissionChange p : e.permissionChanges()) {
            if (p.kind() == PermissionChange.Kind.ROLE_GRANTED && Evm.ZERO_ADDRESS.equals(p.account())) {
                f.fail("action " + p.actionIndex() + " grants role " + p.role() + " on " + p.contract()
                        + " to the zero address: anyone may use it");
            }
        }
        for (CallFrame frame : e.allFrames()) {
            if (frame.selector().equals(SCHEDULE)
                    && frame.from().equals(e.proposal().executor())) {
                f.warn("the proposal schedules a separate timelock operation on " + frame.to()
                        + ": a dependent step outside this proposal's batch");
            }
        }
        return f.result(oracles + " oracle(s) examined; no open roles or unbatched dependent operations");
    }

    private static void thinPool(SimulationEvidence e, String oracle, BigInteger min, Findings f) {
        long post = e.fork().postBlock();
        Optional<String> pool = Evm.address(e.fork(), oracle, Evm.encode("pool()"), post)
                .or(() -> Evm.address(e.fork(), oracle, Evm.encode("pair()"), post));
        pool.flatMap(p -> Evm.call(e.fork(), null, p, Evm.encode("getReserves()"), post))
                .ifPresent(out -> {
                    BigInteger r0 = Evm.word(out, 0);
                    BigInteger r1 = Evm.word(out, 1);
                    if (r0.min(r1).compareTo(min) < 0) {
                        f.fail("oracle " + oracle + " prices from pool " + pool.get() + " with reserves " + r0 + "/"
                                + r1 + ", below minOracleLiquidity " + min + ": a thin market moves it cheaply");
                    }
                });
    }
}
