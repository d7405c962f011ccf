package io.chaoschain.node.api;

import io.chaoschain.core.proposal.ParameterChange;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.storage.ChainSnapshot;
import io.chaoschain.storage.ProposalOutcome;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.StoredSimulation;
import io.chaoschain.storage.VoteTally;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** The API's JSON shapes, kept apart from the store records so that the HTTP contract changes only on purpose. */
final class Views {
    private Views() {}

    record Error(String error) {}

    /** One point of an agent's score history. */
    record ScorePoint(String domain, BigDecimal score, long generation, Instant at) {
        static ScorePoint of(io.chaoschain.reputation.service.ScoreSnapshot s) {
            return new ScorePoint(s.domain().toString(), s.score(), s.generation(), s.computedAt());
        }
    }

    record Health(String status, List<ChainHeads.ChainHead> chains, long uptime) {}

    record ProposalSummary(
            long id,
            String chain,
            String governor,
            BigInteger onchainId,
            String agentId,
            ProposalState state,
            String title,
            Instant createdAt,
            Instant updatedAt) {
        static ProposalSummary of(StoredProposal p) {
            return new ProposalSummary(
                    p.id(),
                    p.chain(),
                    p.governor(),
                    p.onchainId(),
                    p.agentId(),
                    p.state(),
                    p.title(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    record ProposalDetail(
            long id,
            String chain,
            String governor,
            BigInteger onchainId,
            String agentId,
            ProposalState state,
            String title,
            String description,
            List<ProposalAction> actions,
            ParameterChange change,
            String reportHash,
            String submitTxHash,
            String queueTxHash,
            String executeTxHash,
            Instant createdAt,
            Instant updatedAt,
            Instant eta,
            ProposalOutcome outcome,
            VoteTally votes) {
        static ProposalDetail of(StoredProposal p, VoteTally votes) {
            return new ProposalDetail(
                    p.id(),
                    p.chain(),
                    p.governor(),
                    p.onchainId(),
                    p.agentId(),
                    p.state(),
                    p.title(),
                    p.draft().description(),
                    p.draft().actions(),
                    p.draft().change(),
                    p.reportHash(),
                    p.submitTxHash(),
                    p.queueTxHash(),
                    p.executeTxHash(),
                    p.createdAt(),
                    p.updatedAt(),
                    p.eta(),
                    p.outcome(),
                    votes);
        }
    }

    record Simulation(
            long id,
            long proposalId,
            String candidate,
            boolean passed,
            String reportHash,
            Instant createdAt,
            SimulationReport report) {
        static Simulation of(StoredSimulation s) {
            return new Simulation(
                    s.id(), s.proposalId(), s.candidate(), s.passed(), s.reportHash(), s.createdAt(), s.report());
        }
    }

    record Metric(
            String chain,
            String market,
            long blockNumber,
            Instant blockTime,
            BigDecimal utilization,
            BigDecimal borrowApr,
            BigDecimal supplyApr,
            BigDecimal totalBorrows,
            BigDecimal cash,
            BigDecimal reserves,
            BigDecimal supplyVolume,
            BigDecimal borrowVolume) {
        static Metric of(ChainSnapshot c) {
            var s = c.snapshot();
            return new Metric(
                    c.chain(),
                    s.market(),
                    s.blockNumber(),
                    s.blockTime(),
                    s.utilization(),
                    s.borrowApr(),
                    s.supplyApr(),
                    s.totalBorrows(),
                    s.cash(),
                    s.reserves(),
                    s.supplyVolume(),
                    s.borrowVolume());
        }
    }
}
