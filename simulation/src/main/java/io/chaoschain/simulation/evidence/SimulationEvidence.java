package io.chaoschain.simulation.evidence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one proposal's simulation established, as safety checks read it. In a batch each proposal has its own
 * evidence; its {@link #fork()} view's pre-block is the state after the earlier proposals.
 *
 * @param batchIndex position of the proposal in the batch (0 for a single proposal)
 * @param proposal the proposal executed
 * @param actions each action as executed, in order
 * @param stateDiff accounts the execution touched, by lower-case address (prestateTracer diff, net per account)
 * @param logs the events emitted, in order
 * @param tokenDeltas ERC-20 balances and allowances that changed
 * @param permissionChanges ownership, role, admin and implementation changes found in the events
 * @param proxies proxy resolution for every action target and every contract the execution called, by address
 * @param executorBalanceBefore the executor's ETH before execution, before the simulator topped it up to cover the
 *     actions' value
 * @param fork read-only access to the fork before and after this proposal
 * @param source read-only access to the source chain (history; blocks up to the fork block)
 */
public record SimulationEvidence(
        int batchIndex,
        ProposalUnderTest proposal,
        List<ActionExecution> actions,
        Map<String, AccountDiff> stateDiff,
        List<DecodedLog> logs,
        List<TokenDelta> tokenDeltas,
        List<PermissionChange> permissionChanges,
        Map<String, ProxyInfo> proxies,
        BigInteger executorBalanceBefore,
        ForkView fork,
        ChainReader source) {

    public SimulationEvidence {
        actions = List.copyOf(actions);
        stateDiff = Map.copyOf(stateDiff);
        logs = List.copyOf(logs);
        tokenDeltas = List.copyOf(tokenDeltas);
        permissionChanges = List.copyOf(permissionChanges);
        proxies = Map.copyOf(proxies);
    }

    /** True when every action executed without reverting. */
    public boolean executed() {
        return actions.stream().allMatch(ActionExecution::success);
    }

    /** Every frame of every executed action's call tree, in execution order. */
    public List<CallFrame> allFrames() {
        List<CallFrame> frames = new ArrayList<>();
        for (ActionExecution a : actions) {
            if (a.trace() != null) {
                a.trace().walk(frames::add);
            }
        }
        return frames;
    }

    /** The action targets and every address a call frame reached (callee or created contract), in first-seen order. */
    public Set<String> touchedAddresses() {
        Set<String> touched = new LinkedHashSet<>();
        for (ActionExecution a : actions) {
            touched.add(a.action().target());
        }
        for (CallFrame f : allFrames()) {
            if (f.to() != null) {
                touched.add(f.to());
            }
        }
        return touched;
    }

    /** The summed ETH value of the actions. */
    public BigInteger valueRequired() {
        return proposal.actions().stream().map(a -> a.value()).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
