package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * C4: target code that can change between proposal, vote and execution (Tornado Cash governance, May 2023: the
 * approved proposal contract self-destructed and was redeployed with CREATE2 under different code).
 *
 * <p>Examines the action targets, every contract the executor calls directly and every delegatecall target:
 * <ul>
 *   <li>fails when a target is an account with an EIP-7702 delegation: whoever holds its key can re-point its code
 *       (the delegate's code is then scanned as below);
 *   <li>fails when the code hash at the proposal's creation block differs from the one at the fork block;
 *   <li>fails ({@code selfdestruct: "fail"}, the default) or warns ({@code "warn"}) when the code contains a
 *       SELFDESTRUCT instruction (Solidity's metadata trailer is not scanned);
 *   <li>fails when the execution itself creates, with CREATE2, code that contains SELFDESTRUCT.
 * </ul>
 */
public final class MutableCodeCheck implements SafetyCheck {
    @Override
    public String id() {
        return "C4";
    }

    @Override
    public String title() {
        return "Target code cannot change between proposal and execution";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        Findings f = new Findings(id());
        try {
            return judge(e, s, f);
        } catch (io.chaoschain.core.UserFacingException x) {
            throw x;
        } catch (RuntimeException x) {
            // what was found before the read failed stands: a failure stays a failure
            f.error(x.getMessage());
            return f.result("");
        }
    }

    private CheckResult judge(SimulationEvidence e, CheckSettings s, Findings f) {
        boolean selfdestructFails = !"warn"
                .equals(s.forCheck(id())
                        .raw("selfdestruct")
                        .map(v -> v.asText())
                        .orElse("fail"));
        ProposalUnderTest p = e.proposal();
        Set<String> examined = new LinkedHashSet<>();
        for (ActionExecution a : e.actions()) {
            examined.add(a.action().target());
        }
        for (CallFrame frame : e.allFrames()) {
            if (frame.to() == null) {
                continue;
            }
            if (frame.type().equals("DELEGATECALL") || frame.from().equals(p.executor())) {
                examined.add(frame.to());
            }
        }
        long pre = e.fork().preBlock();
        for (String address : examined) {
            String now = e.fork().code(address, pre);
            if (p.createdBlock() >= 0 && p.createdBlock() <= e.fork().forkBlock()) {
                String then = e.source().code(address, p.createdBlock());
                if (!Bytecode.codeHash(then).equals(Bytecode.codeHash(now))) {
                    f.fail(address + " code changed since the proposal was created in block " + p.createdBlock()
                            + ": hash " + Bytecode.codeHash(then) + " then, " + Bytecode.codeHash(now) + " now");
                }
            }
            java.util.Optional<String> delegate = delegation(now);
            if (delegate.isPresent()) {
                f.fail(address + " is an account with an EIP-7702 delegation (to " + delegate.get()
                        + "): its key can point " + "it at different code at any time");
                now = e.fork().code(delegate.get(), pre);
            }
            if (!Bytecode.isEmpty(now) && Bytecode.containsOpcode(Evm.stripMetadata(now), Bytecode.SELFDESTRUCT)) {
                f.add(
                        selfdestructFails,
                        address + " contains SELFDESTRUCT: its code can be destroyed and, where it was "
                                + "deployed with CREATE2, replaced at the same address (code hash "
                                + Bytecode.codeHash(now) + ")");
            }
        }
        for (CallFrame frame : e.allFrames()) {
            if (frame.type().equals("CREATE2") && frame.to() != null && !frame.failed()) {
                String code = e.fork().code(frame.to(), e.fork().postBlock());
                if (Bytecode.containsOpcode(Evm.stripMetadata(code), Bytecode.SELFDESTRUCT)) {
                    f.fail("the proposal deploys " + frame.to() + " with CREATE2 and that code contains SELFDESTRUCT: "
                            + "it can be redeployed with different code");
                }
            }
        }
        return f.result(examined.size() + " target(s) examined: code unchanged since the proposal, no SELFDESTRUCT");
    }

    /** The EIP-7702 delegate of an account whose code is a delegation designator (0xef0100 + address). */
    static java.util.Optional<String> delegation(String code) {
        if (code != null
                && code.length() == 48
                && code.toLowerCase(java.util.Locale.ROOT).startsWith("0xef0100")) {
            return java.util.Optional.of("0x" + code.substring(8).toLowerCase(java.util.Locale.ROOT));
        }
        return java.util.Optional.empty();
    }
}
