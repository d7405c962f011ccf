package io.chaoschain.simulation.checks.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Clock;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.checks.governance.internal.History;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * C11: process red flags, read from the governor's history on the source chain.
 *
 * <ul>
 *   <li>Defeated calldata resubmitted: an earlier proposal with the same targets, values and calldata is in state
 *       Defeated (3); fails ({@code resubmittedDefeated: "fail"}, default) or warns ({@code "warn"}).
 *   <li>The proposer contract was created in the proposal's own transaction (it has no code in the block before
 *       and the proposal transaction's call tree creates it): fails. Throwaway proposer contracts hide who proposes
 *       and let a CREATE2 deployer reuse the address.
 *   <li>A dormant DAO: no earlier proposal within {@code dormantBlocks} (default 216000, about 30 days) before this
 *       one warns: few people watch, as in hostile takeovers of quiet DAOs. For a governor whose ERC-6372 clock is
 *       {@code mode=timestamp} the gap is measured in seconds between the proposals' blocks ({@code dormantSeconds},
 *       default 2592000).
 * </ul>
 */
public final class ProcessRedFlagsCheck implements SafetyCheck {
    private static final int DEFEATED = 3;

    @Override
    public String id() {
        return "C11";
    }

    @Override
    public String title() {
        return "No process red flags (resubmitted defeats, throwaway proposers, dormant DAO)";
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
        ProposalUnderTest p = e.proposal();
        if (p.governor() == null) {
            return CheckResult.pass(id(), "no governor: no process history to examine", List.of());
        }
        CheckSettings.Options o = s.forCheck(id());
        boolean resubmitFails = !"warn"
                .equals(o.raw("resubmittedDefeated").map(JsonNode::asText).orElse("fail"));
        long dormantBlocks =
                o.integer("dormantBlocks", BigInteger.valueOf(216_000)).longValueExact();
        long dormantSeconds =
                o.integer("dormantSeconds", BigInteger.valueOf(2_592_000)).longValueExact();
        ChainReader src = e.source();
        long now = e.fork().forkBlock();
        List<History.Proposal> history = History.proposals(src, p.governor(), now);
        String key = key(p.actions());
        long created = p.createdBlock() >= 0 ? p.createdBlock() : now + 1;
        Optional<History.Proposal> self =
                history.stream().filter(h -> h.id().equals(p.proposalId())).findFirst();
        for (History.Proposal h : history) {
            if (h.id().equals(p.proposalId())
                    || h.block() > created
                    || !h.actionsKey().equals(key)) {
                continue;
            }
            Optional<BigInteger> state = Evm.uint(src, p.governor(), Evm.encode("state(uint256)", h.id()), now);
            if (state.isPresent() && state.get().intValue() == DEFEATED) {
                f.add(
                        resubmitFails,
                        "the same calls were proposed in block " + h.block() + " (proposal " + h.id()
                                + ") and defeated: this resubmits defeated calldata");
            }
        }
        if (p.proposer() != null && self.isPresent() && created > 0) {
            // the proposal transaction's call tree decides; only a node that cannot trace makes us read old state
            boolean throwaway = createdIn(src, self.get().txHash(), p.proposer())
                    .orElseGet(() ->
                            !Evm.hasCode(src, p.proposer(), created - 1) && Evm.hasCode(src, p.proposer(), created));
            if (throwaway) {
                f.fail("the proposer " + p.proposer() + " is a contract created in the proposal's own transaction "
                        + self.get().txHash());
            }
        }
        Optional<Long> previous = history.stream()
                .filter(h -> h.block() < created && !h.id().equals(p.proposalId()))
                .map(History.Proposal::block)
                .max(Long::compare);
        Clock clock = Clock.of(src, p.governor(), now);
        if (previous.isPresent() && clock.timestamp() && created <= now) {
            long gap = clock.timestampOf(created) - clock.timestampOf(previous.get());
            if (gap > dormantSeconds) {
                f.warn("the DAO was dormant: the previous proposal was " + gap + " s earlier (more than "
                        + dormantSeconds + ")");
            }
        } else if (previous.isPresent() && created - previous.get() > dormantBlocks) {
            f.warn("the DAO was dormant: the previous proposal was " + (created - previous.get())
                    + " blocks earlier (more than " + dormantBlocks + ")");
        }
        return f.result(history.size() + " earlier proposal(s) examined: no resubmitted defeat, throwaway proposer "
                + "or dormancy");
    }

    /** Whether the transaction's call tree creates {@code contract}; empty when the node cannot trace it. */
    private static Optional<Boolean> createdIn(ChainReader src, String txHash, String contract) {
        try {
            JsonNode trace = src.rpc("debug_traceTransaction", txHash, java.util.Map.of("tracer", "callTracer"));
            return trace == null || trace.isNull() ? Optional.empty() : Optional.of(creates(trace, contract));
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static boolean creates(JsonNode frame, String contract) {
        String type = frame.path("type").asText();
        if ((type.equals("CREATE") || type.equals("CREATE2"))
                && frame.path("to").asText().equalsIgnoreCase(contract)) {
            return true;
        }
        for (JsonNode c : frame.path("calls")) {
            if (creates(c, contract)) {
                return true;
            }
        }
        return false;
    }

    private static String key(List<ProposalAction> actions) {
        return actions.stream().map(ProposalAction::target).toList() + "|"
                + actions.stream().map(ProposalAction::value).toList() + "|"
                + actions.stream().map(ProposalAction::calldata).toList();
    }
}
