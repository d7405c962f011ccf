package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists ERC-20 balance and allowance changes. Warns when a DAO-controlled address's token balance falls or it grants
 * a larger allowance: treasury movements a reviewer must confirm.
 */
public final class TokenChangesCheck implements SafetyCheck {
    @Override
    public String id() {
        return "token-changes";
    }

    @Override
    public String title() {
        return "Token balance and allowance changes";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> lines = new ArrayList<>();
        int daoOut = 0;
        for (TokenDelta t : e.tokenDeltas()) {
            boolean dao = s.isDaoControlled(t.owner(), e.proposal());
            String who = t.owner() + (dao ? " (DAO)" : "");
            if (t.kind() == TokenDelta.Kind.BALANCE) {
                lines.add("token " + t.token() + " balance of " + who + ": " + t.before() + " -> " + t.after());
            } else {
                lines.add("token " + t.token() + " allowance " + who + " -> " + t.spender() + ": " + t.before() + " -> "
                        + t.after());
            }
            boolean outflow = t.kind() == TokenDelta.Kind.BALANCE
                    ? t.delta().signum() < 0
                    : t.delta().signum() > 0;
            if (dao && outflow) {
                daoOut++;
            }
        }
        if (daoOut > 0) {
            return CheckResult.warn(id(), daoOut + " DAO token balance decrease(s) or allowance grant(s)", lines);
        }
        return CheckResult.pass(
                id(),
                lines.isEmpty()
                        ? "no token balance or allowance changed"
                        : lines.size() + " token change(s); no DAO outflow",
                lines);
    }
}
