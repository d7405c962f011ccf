package io.chaoschain.simulation.checks.governance.claims;

import io.chaoschain.simulation.checks.governance.claims.DescriptionClaims.Setting;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parameter claims against the calls and the state they wrote. A stated value is confirmed when it appears, in one of
 * the encodings protocols use (a percentage as itself, in basis points, as a fraction of 1e18, 1e6 or 1e27; days as
 * seconds; whole tokens in 18, 8 or 6 decimals), among the proposal's call arguments, storage writes or event data.
 * A stated value that a decoded call of the same name contradicts fails; an address stated as a parameter's new value
 * that the proposal never writes anywhere fails; other unconfirmed values warn.
 */
public final class SettingClaims {
    /** Words too general to tie a stated parameter to a function name. */
    private static final Set<String> GENERIC = Set.of(
            "market",
            "contract",
            "protocol",
            "pool",
            "vault",
            "token",
            "module",
            "treasury",
            "dao",
            "new",
            "value",
            "parameter",
            "param",
            "address",
            "set",
            "get",
            "update",
            "to");

    private SettingClaims() {}

    public static void judge(
            DescriptionClaims claims, SimulationEvidence e, ProposalEffects effects, List<String> filler, Findings f) {
        List<BigInteger> written = effects.writtenWords();
        for (Setting s : claims.settings()) {
            if (s.address() != null) {
                if (!effects.references(s.address())) {
                    f.fail("the description sets " + String.join(" ", s.words()) + " to " + s.address()
                            + " but no call, storage write or event of the proposal carries that address");
                }
                continue;
            }
            Set<BigInteger> encodings = encodings(s);
            if (encodings.stream().anyMatch(written::contains)) {
                continue;
            }
            ActionExecution named = namedAction(s, e, filler);
            if (named != null && !clauseConfirmedBy(s, claims, named)) {
                f.fail("the description says " + s + ", but " + named.decoded().render() + " on "
                        + named.action().target() + " sets no such value");
            } else if (named == null) {
                f.warn("the description says " + s + ", but no call argument, storage write or event of the proposal"
                        + " carries that value");
            }
        }
    }

    /** Another value stated in the same clause ("from 4 % to 5 %") that the named call carries. */
    private static boolean clauseConfirmedBy(Setting s, DescriptionClaims claims, ActionExecution a) {
        List<BigInteger> args = uintArgs(a.decoded());
        for (Setting other : claims.settings()) {
            if (other != s && other.value() != null && other.clause().equals(s.clause())) {
                if (encodings(other).stream().anyMatch(args::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The decoded action whose function name shares the most specific words with the stated parameter. */
    private static ActionExecution namedAction(Setting s, SimulationEvidence e, List<String> filler) {
        ActionExecution best = null;
        int bestOverlap = 0;
        for (ActionExecution a : e.actions()) {
            DecodedCall call = a.decoded();
            if (call == null || !call.known() || uintArgs(call).isEmpty()) {
                continue;
            }
            int overlap = 0;
            for (String w : nameWords(call.name(), filler)) {
                if (!GENERIC.contains(w) && s.words().contains(w)) {
                    overlap++;
                }
            }
            if (overlap > bestOverlap) {
                best = a;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    /** A function name as lower-case words without filler: {@code _setPriceOracle} gives price, oracle. */
    public static List<String> nameWords(String name, List<String> filler) {
        List<String> out = new ArrayList<>();
        for (String w : name.replaceFirst("^_+", "").split("(?<=[a-z0-9])(?=[A-Z])|_")) {
            String lw = w.toLowerCase(Locale.ROOT);
            if (!lw.isEmpty() && !filler.contains(lw)) {
                out.add(lw);
            }
        }
        return out;
    }

    private static List<BigInteger> uintArgs(DecodedCall call) {
        List<BigInteger> out = new ArrayList<>();
        for (DecodedCall.Argument arg : call.args()) {
            if (arg.type().matches("u?int\\d*")) {
                try {
                    out.add(new BigInteger(arg.value()).abs());
                } catch (NumberFormatException ignored) {
                    // rendered in another form: not comparable
                }
            }
        }
        return out;
    }

    /** The integers a stated value may be written as on chain. */
    static Set<BigInteger> encodings(Setting s) {
        BigDecimal v = s.value();
        List<BigDecimal> out = new ArrayList<>();
        String unit = s.unit() == null ? "" : s.unit().toLowerCase(Locale.ROOT);
        switch (unit) {
            case "%" -> {
                for (int p : new int[] {0, 2, 4, 6, 16, 25}) {
                    out.add(v.scaleByPowerOfTen(p));
                }
            }
            case "bps" -> {
                for (int p : new int[] {-2, 0, 14, 2}) {
                    out.add(v.scaleByPowerOfTen(p));
                }
            }
            case "seconds" -> out.add(v);
            case "minutes" -> out.add(v.multiply(BigDecimal.valueOf(60)));
            case "hours" -> out.add(v.multiply(BigDecimal.valueOf(3_600)));
            case "days" -> out.add(v.multiply(BigDecimal.valueOf(86_400)));
            case "weeks" -> out.add(v.multiply(BigDecimal.valueOf(604_800)));
            default -> {
                for (int p : new int[] {0, 6, 8, 18}) {
                    out.add(v.scaleByPowerOfTen(p));
                }
            }
        }
        out.add(v);
        Set<BigInteger> ints = new LinkedHashSet<>();
        for (BigDecimal d : out) {
            BigDecimal n = d.stripTrailingZeros();
            if (n.scale() <= 0) {
                ints.add(n.toBigIntegerExact());
            }
        }
        return ints;
    }
}
