package io.chaoschain.agent.policy;

import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalDraft;
import io.chaoschain.core.simulation.SimulationReport;
import java.math.BigInteger;

/**
 * Enforces an {@link AgentPolicy} on a finalized proposal: only allowed targets and selectors, no ETH sent, calldata
 * that decodes to exactly the change the description states, and a passing simulation of exactly these actions in
 * which no safety check failed and every check ran (risk {@code unknown} or a check in error is refused: an unjudged
 * proposal is not a safe one).
 */
public final class PolicyGuard {
    private final AgentPolicy policy;

    public PolicyGuard(AgentPolicy policy) {
        this.policy = policy;
    }

    public AgentPolicy policy() {
        return policy;
    }

    /**
     * @param current the market's rate model now, which the calldata must leave unchanged apart from the stated change
     * @param passed whether the agent judged {@code report} passing
     * @throws PolicyViolationException naming the first rule broken
     */
    public void check(ProposalDraft draft, SimulationReport report, boolean passed, RateModel current) {
        if (draft.actions().size() > policy.maxActions()) {
            throw new PolicyViolationException("proposal has " + draft.actions().size()
                    + " actions; policy allows at most " + policy.maxActions());
        }
        for (ProposalAction action : draft.actions()) {
            checkCall(action.target(), action.selector(), action.value());
        }
        if (policy.requirePassingSimulation()) {
            if (report == null) {
                throw new PolicyViolationException(
                        "no simulation report: policy requires a passing simulation before submission");
            }
            if (!passed || !report.allActionsSucceeded()) {
                throw new PolicyViolationException(
                        "simulation " + report.reportHash() + " did not pass; refusing to submit");
            }
            if (report.safetyFailed()) {
                String failed = report.safety().checks().stream()
                        .filter(c -> c.status().equals("fail"))
                        .map(c -> c.id() + " (" + c.summary() + ")")
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("risk " + report.safety().risk());
                throw new PolicyViolationException("simulation " + report.reportHash() + " failed safety checks: "
                        + failed + "; refusing to submit");
            }
            if (report.safetyUnjudged()) {
                String errored = report.safety().checks().stream()
                        .filter(c -> c.status().equals("error"))
                        .map(c -> c.id() + " (" + c.summary() + ")")
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("risk " + report.safety().risk());
                throw new PolicyViolationException("simulation " + report.reportHash()
                        + " could not judge the proposal: " + errored + "; refusing to submit");
            }
            if (report.actions().size() != draft.actions().size()) {
                throw new PolicyViolationException("simulation " + report.reportHash() + " executed "
                        + report.actions().size() + " actions but the proposal has "
                        + draft.actions().size());
            }
            for (int i = 0; i < draft.actions().size(); i++) {
                SimulationReport.ActionOutcome simulated = report.actions().get(i);
                ProposalAction action = draft.actions().get(i);
                if (!simulated.target().equalsIgnoreCase(action.target())
                        || !simulated.selector().equalsIgnoreCase(action.selector())) {
                    throw new PolicyViolationException(
                            "simulated action " + i + " differs from the proposal's action " + i);
                }
            }
        }
        checkStatedChange(draft, current);
    }

    /** Checks one call the agent is about to make (a proposal action, or any transaction it sends). */
    public void checkCall(String target, String selector, BigInteger value) {
        if (!policy.allows(target, selector)) {
            throw new PolicyViolationException(
                    "call " + selector + " on " + target + " is not in the agent's policy (policy.allowedCalls)");
        }
        if (value.signum() != 0) {
            throw new PolicyViolationException(
                    "call " + selector + " on " + target + " sends " + value + " wei; policy allows none");
        }
    }

    /** The calldata must set exactly the stated parameter to the stated value and leave every other one unchanged. */
    private static void checkStatedChange(ProposalDraft draft, RateModel current) {
        ParameterChange change = draft.change();
        if (change == null) {
            throw new PolicyViolationException("proposal states no parameter change; its calldata cannot be checked");
        }
        if (draft.actions().size() != 1) {
            throw new PolicyViolationException("a parameter change must be exactly one action");
        }
        ProposalAction action = draft.actions().getFirst();
        if (!action.target().equalsIgnoreCase(change.contract())) {
            throw new PolicyViolationException(
                    "action targets " + action.target() + " but the stated change is on " + change.contract());
        }
        RateModel set = RateModelCalls.decodeSetRateModel(action.calldata());
        if (!"jumpMultiplierPerYear".equals(change.parameter())) {
            throw new PolicyViolationException("unsupported stated parameter " + change.parameter());
        }
        if (!set.jumpMultiplierPerYear().equals(change.newValue())) {
            throw new PolicyViolationException("calldata sets jumpMultiplierPerYear=" + set.jumpMultiplierPerYear()
                    + " but the description states " + change.newValue());
        }
        if (!current.jumpMultiplierPerYear().equals(change.oldValue())) {
            throw new PolicyViolationException("stated old jumpMultiplierPerYear " + change.oldValue()
                    + " is not the market's current " + current.jumpMultiplierPerYear());
        }
        if (!set.baseRatePerYear().equals(current.baseRatePerYear())
                || !set.multiplierPerYear().equals(current.multiplierPerYear())
                || !set.kink().equals(current.kink())) {
            throw new PolicyViolationException(
                    "calldata changes rate-model parameters the description does not state (only jumpMultiplierPerYear may change)");
        }
    }
}
