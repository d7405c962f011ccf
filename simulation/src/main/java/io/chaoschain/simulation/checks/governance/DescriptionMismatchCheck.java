package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.claims.ClaimExtractor;
import io.chaoschain.simulation.checks.governance.claims.ControlDisclosure;
import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims;
import io.chaoschain.simulation.checks.governance.claims.ProposalEffects;
import io.chaoschain.simulation.checks.governance.claims.SettingClaims;
import io.chaoschain.simulation.checks.governance.claims.ValueDisclosure;
import io.chaoschain.simulation.checks.governance.internal.Control;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * C9: the description does not match what the proposal does. The description's claims (read by {@link
 * ClaimExtractor}: amounts with tokens and recipients, parameters and values, addresses, the number of actions) are
 * compared with the decoded calls and the simulated effects.
 *
 * <ul>
 *   <li>A claimed effect that did not happen fails: "transfer 2,000,000 USDC to 0x…" when no balance moved by that
 *       amount or the recipient got nothing, an approval that was not set, a parameter value a call of that name
 *       contradicts, an address stated as a new value that the proposal never writes, a wrong number of actions.
 *   <li>A material effect the description does not disclose fails: value leaving the DAO (or minted) for an outside
 *       account whose amount and full address are not stated, an allowance for an outside spender, an unlimited
 *       allowance not called unlimited (or called "exact-amount"), control passing outside the DAO, the DAO giving
 *       up a role, an implementation upgrade or code replaced without a word about it.
 *   <li>An address in the description that shares its first and last {@code lookAlikeChars} hex digits (default 4)
 *       with an address of the proposal but is not that address fails.
 *   <li>An action with empty calldata and no value, or one that changed nothing, warns as a no-op; a decoded action
 *       the description names in no way (its function, its target or an address it passes) warns. A function no ABI decodes
 *       is never a failure by itself: it is judged by its effects.
 * </ul>
 * A draft without any description passes (nothing to compare); an on-chain proposal without one warns. Options
 * ({@code checks.C9}): {@code lookAlikeChars} (4), {@code amountTolerance} (0.01 of the stated amount; five times
 * that for estimates) and {@code fillerWords} (set, get, update, to), ignored when matching function names.
 */
public final class DescriptionMismatchCheck implements SafetyCheck {
    private static final List<String> FILLER = List.of("set", "get", "update", "to");

    @Override
    public String id() {
        return "C9";
    }

    @Override
    public String title() {
        return "The description discloses what the proposal does";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        if (e.proposal().description().isBlank()) {
            // an agent simulating its own calls before writing them up has no text yet; an on-chain proposal must
            return e.proposal().kind() == ProposalUnderTest.Kind.DRAFT
                    ? CheckResult.pass(id(), "a draft without a description: nothing to compare", List.of())
                    : CheckResult.warn(
                            id(), "the proposal has an empty description: nothing discloses its calls", List.of());
        }
        List<String> fillerSetting = s.forCheck(id()).strings("fillerWords");
        List<String> filler = fillerSetting.isEmpty() ? FILLER : fillerSetting;
        int lookAlike = s.forCheck(id())
                .integer("lookAlikeChars", BigInteger.valueOf(4))
                .intValueExact();
        double tolerance = s.forCheck(id()).number("amountTolerance", 0.01);
        DescriptionClaims claims = ClaimExtractor.extract(e.proposal().description());
        Control control = new Control(e, s);
        Map<String, Boolean> cache = new HashMap<>();
        Predicate<String> dao = a -> a != null && cache.computeIfAbsent(a.toLowerCase(Locale.ROOT), control::controls);
        Findings f = new Findings(id());
        ProposalEffects effects = ProposalEffects.of(e);

        if (claims.actionCount() != null && claims.actionCount() != e.actions().size()) {
            f.fail("the description speaks of " + claims.actionCount() + " action(s) but the proposal has "
                    + e.actions().size());
        }
        new ValueDisclosure(claims, effects, dao, f, tolerance).judge();
        ControlDisclosure.judge(claims, e, dao, f);
        SettingClaims.judge(claims, e, effects, filler, f);
        actionsDescribed(e, claims, filler, f);
        lookAlikes(e, claims, effects, lookAlike, f);
        return f.result(e.actions().size() + " action(s); the description's "
                + claims.amounts().size() + " amount(s) and "
                + claims.settings().size() + " parameter(s) match the simulated effects");
    }

    private static void actionsDescribed(
            SimulationEvidence e, DescriptionClaims claims, List<String> filler, Findings f) {
        String text = claims.text();
        for (ActionExecution a : e.actions()) {
            String target = a.action().target();
            DecodedCall call = a.decoded();
            String label = "action " + a.index() + " "
                    + (call != null ? call.render() : a.action().selector()) + " on " + target;
            if (a.action().calldata().equals("0x") && a.action().value().signum() == 0) {
                f.warn(label + " has no calldata and sends no value: a no-op");
                continue;
            }
            if (a.success() && a.action().value().signum() == 0 && noEffect(e, a)) {
                f.warn(label + " changed no storage and emitted no event: a no-op");
            }
            if (call == null || !call.known()) {
                f.note(label + ": no ABI decodes it; judged by its effects");
                continue;
            }
            boolean named = text.contains(call.name().toLowerCase(Locale.ROOT))
                    || words(call.name(), filler).stream().allMatch(text::contains)
                    || claims.names(target)
                    || call.args().stream().anyMatch(arg -> arg.type().equals("address") && claims.names(arg.value()));
            if (!named) {
                f.warn(label + " is not described: the description names neither the function nor the target");
            }
        }
    }

    private static void lookAlikes(
            SimulationEvidence e, DescriptionClaims claims, ProposalEffects effects, int chars, Findings f) {
        Set<String> used = new LinkedHashSet<>();
        for (ActionExecution a : e.actions()) {
            used.add(a.action().target());
            used.addAll(Evm.addressWords(a.action().calldata()));
            if (a.decoded() != null) {
                a.decoded().args().stream()
                        .filter(arg -> arg.type().equals("address"))
                        .forEach(arg -> used.add(arg.value().toLowerCase(Locale.ROOT)));
            }
        }
        effects.movements().forEach(m -> used.add(m.holder()));
        effects.allowances().forEach(x -> used.add(x.spender()));
        for (String said : claims.addresses()) {
            for (String u : used) {
                if (!said.equals(u)
                        && said.substring(2, 2 + chars).equals(u.substring(2, 2 + chars))
                        && said.endsWith(u.substring(42 - chars))) {
                    f.fail("the description names " + said + " but the proposal uses the look-alike " + u);
                }
            }
            if (!used.contains(said) && !effects.references(said)) {
                f.note("the description names " + said + ", which the proposal does not touch");
            }
        }
    }

    /** An executed action that left no trace: no storage write by it and no event from it. */
    private static boolean noEffect(SimulationEvidence e, ActionExecution a) {
        for (DecodedLog log : e.logs()) {
            if (log.actionIndex() == a.index()) {
                return false;
            }
        }
        // the state diff is per proposal; a lone action is judged by whether anything changed at all
        return e.actions().size() == 1
                && e.tokenDeltas().isEmpty()
                && e.permissionChanges().isEmpty()
                && e.stateDiff().values().stream()
                        .allMatch(d -> d.storage().isEmpty() && d.balanceDelta().signum() == 0);
    }

    /** camelCase split into lower-case words without filler: setReserveFactor -> [reserve, factor]. */
    static List<String> words(String name, List<String> filler) {
        List<String> out = SettingClaims.nameWords(name, filler);
        if (out.isEmpty()) {
            out.add(name.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
