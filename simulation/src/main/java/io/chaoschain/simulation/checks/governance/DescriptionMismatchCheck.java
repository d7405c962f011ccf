package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Control;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * C9: the description does not match the calldata: undisclosed actions, no-op calldata, look-alike addresses.
 *
 * <ul>
 *   <li>Every action must be disclosed: the description names its function (as written, e.g.
 *       {@code setReserveFactor}, or as words, "reserve factor") or its target address; and every address argument
 *       that the DAO does not control (a recipient, a spender, a new owner) must appear in the description in full.
 *       An undisclosed action fails.
 *   <li>An action with empty calldata and no value, or one that changed no storage and emitted no event, warns as a
 *       no-op.
 *   <li>An address in the description that shares its first and last {@code lookAlikeChars} hex digits (default 4)
 *       with an address in the calldata but is not that address fails.
 * </ul>
 * A draft without any description passes (nothing to compare); an on-chain proposal without one warns.
 * Words ignored when matching function names are in {@code checks.C9.fillerWords} (default set, get, update, to).
 */
public final class DescriptionMismatchCheck implements SafetyCheck {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final List<String> FILLER = List.of("set", "get", "update", "to");

    @Override
    public String id() {
        return "C9";
    }

    @Override
    public String title() {
        return "The description discloses what the calldata does";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        String text = e.proposal().description().toLowerCase(Locale.ROOT);
        if (text.isBlank()) {
            // an agent simulating its own calls before writing them up has no text yet; an on-chain proposal must
            return e.proposal().kind() == ProposalUnderTest.Kind.DRAFT
                    ? CheckResult.pass(id(), "a draft without a description: nothing to compare", List.of())
                    : CheckResult.warn(
                            id(), "the proposal has an empty description: nothing discloses its calls", List.of());
        }
        List<String> fillerSetting = s.forCheck(id()).strings("fillerWords");
        List<String> filler = fillerSetting.isEmpty() ? FILLER : fillerSetting;
        int lookAlike = s.forCheck(id())
                .integer("lookAlikeChars", java.math.BigInteger.valueOf(4))
                .intValueExact();
        Control dao = new Control(e, s);
        Findings f = new Findings(id());
        Set<String> calldataAddresses = new LinkedHashSet<>();
        for (ActionExecution a : e.actions()) {
            String target = a.action().target();
            calldataAddresses.add(target);
            DecodedCall call = a.decoded();
            String label = "action " + a.index() + " "
                    + (call != null ? call.render() : a.action().selector()) + " on " + target;
            if (a.action().calldata().equals("0x") && a.action().value().signum() == 0) {
                f.warn(label + " has no calldata and sends no value: a no-op");
                continue;
            }
            if (a.success() && noEffect(e, a)) {
                f.warn(label + " changed no storage and emitted no event: a no-op");
            }
            boolean named = call != null
                    && call.known()
                    && (text.contains(call.name().toLowerCase(Locale.ROOT))
                            || words(call.name(), filler).stream().allMatch(text::contains));
            if (!named && !text.contains(target)) {
                f.fail(label + " is not disclosed: the description names neither the function nor the target");
            }
            Map<String, String> addressArgs = new LinkedHashMap<>();
            if (call != null && call.known()) {
                for (DecodedCall.Argument arg : call.args()) {
                    if (arg.type().equals("address")) {
                        addressArgs.put(
                                arg.value().toLowerCase(Locale.ROOT),
                                arg.name() == null || arg.name().isEmpty() ? "address" : arg.name());
                    }
                }
            } else {
                Evm.addressWords(a.action().calldata()).forEach(w -> addressArgs.put(w, "address"));
            }
            for (Map.Entry<String, String> arg : addressArgs.entrySet()) {
                String address = arg.getKey();
                calldataAddresses.add(address);
                if (!text.contains(address) && !dao.controls(address)) {
                    f.fail(label + " passes " + arg.getValue() + " " + address
                            + ", which the description does not name and the DAO does not control");
                }
            }
        }
        Matcher m = ADDRESS.matcher(text);
        Set<String> mentioned = new LinkedHashSet<>();
        while (m.find()) {
            mentioned.add(m.group());
        }
        for (String said : mentioned) {
            for (String used : calldataAddresses) {
                if (!said.equals(used)
                        && said.substring(2, 2 + lookAlike).equals(used.substring(2, 2 + lookAlike))
                        && said.endsWith(used.substring(42 - lookAlike))) {
                    f.fail("the description names " + said + " but the calldata uses the look-alike " + used);
                }
            }
        }
        return f.result(e.actions().size() + " action(s) disclosed by the description");
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
                && e.stateDiff().values().stream()
                        .allMatch(d -> d.storage().isEmpty() && d.balanceDelta().signum() == 0);
    }

    /** camelCase split into lower-case words without filler: setReserveFactor -> [reserve, factor]. */
    static List<String> words(String name, List<String> filler) {
        List<String> out = new ArrayList<>();
        for (String w : name.split("(?<=[a-z0-9])(?=[A-Z])|_")) {
            String lw = w.toLowerCase(Locale.ROOT);
            if (!lw.isEmpty() && !filler.contains(lw)) {
                out.add(lw);
            }
        }
        if (out.isEmpty()) {
            out.add(name.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
