package io.chaoschain.simulation.checks.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.checks.governance.internal.History;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * C3: a proposal that can execute with no or a tiny delay, and governance settings changed outside proposals.
 *
 * <ul>
 *   <li>The executor's delay: {@code getMinDelay()} (OpenZeppelin TimelockController) or {@code delay()} (Compound
 *       Timelock); an executor with neither (the governor executing itself, as Beanstalk's emergencyCommit did)
 *       has none. A draft without a governor executed by an account without code only warns (there is no
 *       governance deployment to judge). Fails below {@code minDelaySeconds} (default 3600), warns below {@code warnDelaySeconds}
 *       (default 86400). A proposal that lowers the delay ({@code MinDelayChange}) below the minimum fails too.
 *   <li>Settings changed outside proposals: on the source chain, governor settings events ({@code VotingDelaySet},
 *       {@code VotingPeriodSet}, {@code ProposalThresholdSet}, {@code QuorumNumeratorUpdated},
 *       {@code TimelockChange}) and timelock events ({@code MinDelayChange}, {@code RoleGranted},
 *       {@code RoleRevoked}) emitted after the governor's first proposal by a transaction that did not go through
 *       the executor fail; so does any account other than the executor still holding the timelock's
 *       {@code DEFAULT_ADMIN_ROLE}.
 * </ul>
 */
public final class ExecutionDelayCheck implements SafetyCheck {
    private static final String DEFAULT_ADMIN_ROLE = "0x" + "0".repeat(64);
    private static final String ROLE_GRANTED = Evm.keccak("RoleGranted(bytes32,address,address)");
    private static final List<String> SETTINGS_EVENTS = List.of(
            "VotingDelaySet(uint256,uint256)", "VotingPeriodSet(uint256,uint256)",
            "ProposalThresholdSet(uint256,uint256)", "QuorumNumeratorUpdated(uint256,uint256)",
            "TimelockChange(address,address)", "MinDelayChange(uint256,uint256)",
            "RoleGranted(bytes32,address,address)", "RoleRevoked(bytes32,address,address)");

    @Override
    public String id() {
        return "C3";
    }

    @Override
    public String title() {
        return "Execution waits for a timelock; no governance changes outside proposals";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        ProposalUnderTest p = e.proposal();
        long minDelay = s.forCheck(id())
                .integer("minDelaySeconds", BigInteger.valueOf(3600))
                .longValueExact();
        long warnDelay = s.forCheck(id())
                .integer("warnDelaySeconds", BigInteger.valueOf(86400))
                .longValueExact();
        ChainReader src = e.source();
        long now = e.fork().forkBlock();
        Findings f = new Findings(id());

        String executor = p.executor();
        Optional<BigInteger> delay = Evm.uint(src, executor, Evm.encode("getMinDelay()"), now)
                .or(() -> Evm.uint(src, executor, Evm.encode("delay()"), now));
        boolean isGovernor = p.governor() != null && p.governor().equals(executor);
        String what = delay.map(d -> "executor " + executor + " waits " + d + " s")
                .orElse("executor " + executor + (isGovernor ? " is the governor itself" : "")
                        + " has no timelock delay");
        long seconds = delay.map(d -> d.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue())
                .orElse(0L);
        boolean bareAccount = p.governor() == null && !Evm.hasCode(src, executor, now);
        if (delay.isEmpty() && bareAccount) {
            // a draft run as a plain account, no governor named: there is no governance deployment to judge the delay
            // of
            f.warn(what + ": it is an externally owned account and no governor was given, so nothing delays execution");
        } else if (seconds < minDelay) {
            f.fail(what + ": a passed proposal executes before anyone can react (minimum " + minDelay + " s)");
        } else if (seconds < warnDelay) {
            f.warn(what + ", less than " + warnDelay + " s");
        } else {
            f.note(what);
        }
        for (PermissionChange c : e.permissionChanges()) {
            if (c.kind() == PermissionChange.Kind.TIMELOCK_DELAY_CHANGED) {
                long after = e.fork().postBlock();
                Evm.uint(e.fork(), c.contract(), Evm.encode("getMinDelay()"), after)
                        .ifPresent(d -> {
                            if (d.compareTo(BigInteger.valueOf(minDelay)) < 0) {
                                f.fail("action " + c.actionIndex() + " lowers the delay of " + c.contract() + " to " + d
                                        + " s");
                            }
                        });
            }
        }

        if (p.governor() != null && !isGovernor && delay.isPresent()) {
            try {
                outsideChanges(e, f, now);
            } catch (io.chaoschain.core.UserFacingException x) {
                throw x;
            } catch (RuntimeException x) {
                f.error("governance-setting history not examined: " + x.getMessage());
            }
        }
        return f.result(what);
    }

    private static void outsideChanges(SimulationEvidence e, Findings f, long now) {
        ProposalUnderTest p = e.proposal();
        ChainReader src = e.source();
        long firstProposal = History.proposals(src, p.governor(), now).stream()
                .mapToLong(History.Proposal::block)
                .min()
                .orElse(Long.MAX_VALUE);
        Set<String> admins = new LinkedHashSet<>();
        for (String contract : List.of(p.governor(), p.executor())) {
            for (String event : SETTINGS_EVENTS) {
                String topic = Evm.keccak(event);
                for (JsonNode log : Evm.logs(src, contract, 0, now, topic)) {
                    JsonNode topics = log.path("topics");
                    if (topic.equals(ROLE_GRANTED) && topics.get(1).asText().equals(DEFAULT_ADMIN_ROLE)) {
                        admins.add(Evm.topicAddress(topics.get(2).asText()));
                    }
                    long block = Long.decode(log.path("blockNumber").asText());
                    if (block <= firstProposal) {
                        continue; // deployment and wiring, before governance started
                    }
                    JsonNode tx = src.rpc(
                            "eth_getTransactionByHash",
                            log.path("transactionHash").asText());
                    String to = tx.path("to").asText("").toLowerCase(java.util.Locale.ROOT);
                    if (!viaGovernance(e, log, to)) {
                        f.fail(event.substring(0, event.indexOf('(')) + " on " + contract + " in block " + block
                                + " (tx " + log.path("transactionHash").asText() + ") did not go through a proposal");
                    }
                }
            }
        }
        for (String admin : admins) {
            if (admin.equals(p.executor())) {
                continue;
            }
            boolean still = Evm.uint(
                            src, p.executor(), Evm.encode("hasRole(bytes32,address)", DEFAULT_ADMIN_ROLE, admin), now)
                    .filter(v -> v.signum() > 0)
                    .isPresent();
            if (still) {
                f.fail(admin + " holds the admin role of the timelock " + p.executor()
                        + ": it can change governance settings without a proposal");
            }
        }
    }

    /** A change made by the timelock executing a proposal: sent to the governor or timelock, emitted with the
     * executor as the acting account where the event names one. */
    private static boolean viaGovernance(SimulationEvidence e, JsonNode log, String txTo) {
        ProposalUnderTest p = e.proposal();
        boolean throughGovernance = txTo.equals(p.governor()) || txTo.equals(p.executor());
        JsonNode topics = log.path("topics");
        if (topics.size() == 4) { // RoleGranted/RoleRevoked: the third indexed topic is the sender
            return throughGovernance && Evm.topicAddress(topics.get(3).asText()).equals(p.executor());
        }
        return throughGovernance;
    }
}
