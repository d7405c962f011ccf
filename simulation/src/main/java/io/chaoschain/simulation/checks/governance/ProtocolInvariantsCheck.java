package io.chaoschain.simulation.checks.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.checks.governance.internal.LendingInvariants;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * C8: the target protocol still works after execution. Two kinds of smoke calls run on the fork after the proposal
 * (and before it, for comparison):
 * <ul>
 *   <li>configured ones, {@code checks.C8.smokeCalls}: a list of {@code {name, to, signature, args, data, from, min,
 *       max}} ({@code data} or {@code signature} with static {@code args}); each must succeed and, where
 *       {@code min}/{@code max} are given, return an unsigned integer within them (oracle prices, rates);
 *   <li>automatic ones on every action target: the zero-argument views in {@code checks.C8.autoViews} (default
 *       {@code totalSupply()}, {@code totalAssets()}, {@code getCash()}, {@code utilization()},
 *       {@code borrowRatePerYear()}, {@code supplyRatePerYear()}, {@code latestAnswer()}, {@code price()},
 *       {@code collateralPrice()}) that answered before must still answer, and the price-like ones
 *       ({@code latestAnswer}, {@code price}, {@code collateralPrice}) must not drop to zero.
 * </ul>
 * <p>And, without configuration, on every Compound-style lending protocol the proposal touches (a Comptroller
 * answering {@code getAllMarkets()}, reached directly or through a market's {@code comptroller()}): the oracle's
 * {@code getUnderlyingPrice} of every listed market must still answer, not drop to zero and not move by more than
 * {@code priceJumpFactor} (default 10); for existing accounts (the markets' {@code Transfer} and {@code Borrow}
 * events on the source chain, at most {@code maxAccounts}, default 25) {@code getAccountLiquidity} and
 * {@code claimComp} that answered before must still answer, a claimable {@code compAccrued} must not exceed the
 * reward token balance that pays it, and 1-unit {@code mint}, {@code redeemUnderlying}, {@code borrow} and
 * {@code repayBorrow} calls from an existing account that succeeded before must still succeed. A new shortfall
 * warns. {@code lendingProtocols: false} turns these off.
 *
 * <p>Set {@code autoViews: []} to run only the configured calls.
 */
public final class ProtocolInvariantsCheck implements SafetyCheck {
    private static final List<String> DEFAULT_VIEWS = List.of(
            "totalSupply()",
            "totalAssets()",
            "getCash()",
            "utilization()",
            "borrowRatePerYear()",
            "supplyRatePerYear()",
            "latestAnswer()",
            "price()",
            "collateralPrice()");
    private static final Set<String> PRICES = Set.of("latestAnswer()", "price()", "collateralPrice()");

    @Override
    public String id() {
        return "C8";
    }

    @Override
    public String title() {
        return "Protocol invariants and smoke calls hold after execution";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        CheckSettings.Options o = s.forCheck(id());
        long pre = e.fork().preBlock();
        long post = e.fork().postBlock();
        Findings f = new Findings(id());
        int calls = 0;
        for (JsonNode call : o.raw("smokeCalls").map(this::list).orElse(List.of())) {
            calls++;
            String name = call.path("name").asText("smoke call " + calls);
            String to = call.path("to").asText(null);
            if (to == null || !to.matches("0x[0-9a-fA-F]{40}")) {
                throw new UserFacingException(
                        "--checks-config: checks.C8.smokeCalls[" + (calls - 1) + "].to must be a 0x-prefixed address",
                        2,
                        null);
            }
            String data = call.has("data") ? call.get("data").asText() : encode(call, calls - 1);
            String from = call.has("from") ? call.get("from").asText() : null;
            Optional<String> after = Evm.call(e.fork(), from, to.toLowerCase(), data, post);
            if (after.isEmpty()) {
                boolean before =
                        Evm.call(e.fork(), from, to.toLowerCase(), data, pre).isPresent();
                f.fail(name + " reverts after the proposal" + (before ? " (it succeeded before)" : " (and before)"));
                continue;
            }
            BigInteger value = Evm.word(after.get(), 0);
            if (call.has("min")
                    && value.compareTo(new BigInteger(call.get("min").asText())) < 0) {
                f.fail(name + " returns " + value + ", below the minimum "
                        + call.get("min").asText());
            }
            if (call.has("max")
                    && value.compareTo(new BigInteger(call.get("max").asText())) > 0) {
                f.fail(name + " returns " + value + ", above the maximum "
                        + call.get("max").asText());
            }
            f.note(name + " = " + value);
        }
        List<String> views = o.raw("autoViews")
                .map(v -> {
                    List<String> out = new ArrayList<>();
                    list(v).forEach(n -> out.add(n.asText()));
                    return out;
                })
                .orElse(DEFAULT_VIEWS);
        Set<String> targets = new LinkedHashSet<>();
        for (ActionExecution a : e.actions()) {
            targets.add(a.action().target());
        }
        for (String target : targets) {
            for (String view : views) {
                Optional<BigInteger> before = Evm.uint(e.fork(), target, Evm.encode(view), pre);
                if (before.isEmpty()) {
                    continue;
                }
                calls++;
                Optional<BigInteger> after = Evm.uint(e.fork(), target, Evm.encode(view), post);
                if (after.isEmpty()) {
                    f.fail(target + "." + view + " answered " + before.get()
                            + " before the proposal and reverts after it");
                } else if (PRICES.contains(view)
                        && before.get().signum() > 0
                        && after.get().signum() == 0) {
                    f.fail(target + "." + view + " drops from " + before.get() + " to zero");
                }
            }
        }
        if (o.flag("lendingProtocols", true)) {
            BigInteger accounts = o.integer("maxAccounts", BigInteger.valueOf(25));
            if (accounts.signum() < 0 || accounts.compareTo(BigInteger.valueOf(1000)) > 0) {
                throw new UserFacingException(
                        "--checks-config: checks.C8.maxAccounts must be between 0 and 1000", 2, null);
            }
            BigInteger jump = o.integer("priceJumpFactor", BigInteger.TEN);
            if (jump.compareTo(BigInteger.TWO) < 0) {
                throw new UserFacingException(
                        "--checks-config: checks.C8.priceJumpFactor must be an integer of at least 2", 2, null);
            }
            calls += new LendingInvariants(e, f, accounts.intValue(), jump).run();
        }
        return f.result(calls + " smoke call(s) succeed after the proposal");
    }

    private List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    private static String encode(JsonNode call, int index) {
        String signature = call.path("signature").asText(null);
        if (signature == null) {
            throw new UserFacingException(
                    "--checks-config: checks.C8.smokeCalls[" + index + "] needs 'data' or 'signature'", 2, null);
        }
        List<Object> args = new ArrayList<>();
        for (JsonNode a : call.path("args")) {
            String text = a.asText();
            args.add(text.startsWith("0x") ? text : new BigInteger(text));
        }
        return Evm.encode(signature, args.toArray());
    }
}
