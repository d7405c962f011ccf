package io.chaoschain.app.demo;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.chaoschain.agent.CandidateVerdict;
import io.chaoschain.agent.Percent;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.core.Json;
import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.node.reputation.FeedbackEvents;
import io.chaoschain.node.runtime.ChaosChainNode;
import io.chaoschain.reputation.service.AgentProfile;
import io.chaoschain.storage.AgentRecord;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.StoredSimulation;
import io.chaoschain.storage.Stores;
import io.chaoschain.storage.VoteTally;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * What the demo proved, gathered from the node's database and read back from the chain: the proposal, its simulated
 * before/after metrics, its transactions, the votes, the market's parameters now, the outcome and the agent's record.
 */
public record DemoSummary(
        StoredProposal proposal,
        StoredSimulation chosen,
        int simulations,
        VoteTally votes,
        BigInteger jumpMultiplierBefore,
        BigInteger jumpMultiplierOnChain,
        AgentRecord agent,
        Reputation reputation,
        Duration wallTime) {

    /**
     * The agent's reputation after the run.
     *
     * @param scores score per domain
     * @param topTerms the largest parts of the score's breakdown, e.g. {@code OUTCOME_IMPROVED x1 +10.000}
     * @param attestations signed attestations in the node's archive
     * @param attestationsDir where they are
     * @param feedbackTx the reviewer's giveFeedback transaction anchoring the outcome attestation, or null
     * @param feedbackHash the anchored attestation UID, or null
     */
    public record Reputation(
            Map<String, BigDecimal> scores,
            List<String> topTerms,
            int attestations,
            String attestationsDir,
            String feedbackTx,
            String feedbackHash) {}

    public static DemoSummary collect(DemoWorld world, ChaosChainNode node, Duration wallTime) throws Exception {
        Stores stores = node.database().stores();
        StoredProposal p = stores.proposals().all().getFirst();
        List<StoredSimulation> sims = stores.simulations().forProposal(p.id());
        StoredSimulation chosen = sims.stream()
                .filter(s -> s.reportHash().equals(p.reportHash()))
                .findFirst()
                .orElseThrow();
        LendingMarket market = LendingMarket.load(
                world.deployment().market(),
                world.web3j(),
                new ReadonlyTransactionManager(world.web3j(), world.deployment().timelock()),
                DemoWorld.gas());
        AgentRecord agent = stores.agents().find(p.agentId()).orElseThrow();
        return new DemoSummary(
                p,
                chosen,
                sims.size(),
                stores.votes().tally(p.id()),
                world.settings().rateModel().jumpMultiplierPerYear(),
                market.jumpMultiplierPerYear().send(),
                agent,
                reputation(world, node, p.agentId()),
                wallTime);
    }

    private static Reputation reputation(DemoWorld world, ChaosChainNode node, String agentKey) throws Exception {
        AgentProfile profile = node.reputation().profile(agentKey);
        Map<String, BigDecimal> perDomain = new LinkedHashMap<>();
        List<Map.Entry<String, BigDecimal>> terms = new java.util.ArrayList<>();
        for (AgentProfile.DomainScore d : profile.domains()) {
            perDomain.put(d.domain(), d.score());
            d.contributions().forEach((kind, part) -> terms.add(Map.entry(kind + " x" + part.count(), part.points())));
            if (d.feedback().count() > 0) {
                terms.add(Map.entry(
                        "FEEDBACK x" + d.feedback().count(), d.feedback().points()));
            }
        }
        List<String> top = terms.stream()
                .sorted(Comparator.comparing((Map.Entry<String, BigDecimal> e) ->
                                e.getValue().abs())
                        .reversed())
                .limit(4)
                .map(e -> e.getKey() + " " + (e.getValue().signum() >= 0 ? "+" : "")
                        + e.getValue().setScale(3, RoundingMode.HALF_UP))
                .toList();
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(
                        BigInteger.valueOf(world.deployment().deployBlock())),
                DefaultBlockParameterName.LATEST,
                world.deployment().reputationRegistry());
        filter.addSingleTopic(FeedbackEvents.NEW_FEEDBACK_TOPIC);
        var logs = world.web3j().ethGetLogs(filter).send().getLogs();
        String feedbackTx = null;
        String feedbackHash = null;
        if (!logs.isEmpty()) {
            Log log = (Log) logs.getFirst().get();
            feedbackTx = log.getTransactionHash();
            feedbackHash = FeedbackEvents.feedbackHash(log.getData());
        }
        return new Reputation(
                perDomain,
                top,
                node.attestations().readAll().size(),
                world.dir().relativize(node.attestations().dir()).toString(),
                feedbackTx,
                feedbackHash);
    }

    public String render() {
        return render("ChaosChain demo summary") + String.format("Wall time: %.1f s%n", wallTime.toMillis() / 1000.0);
    }

    /** The proposal's story under {@code heading} (without the wall time). */
    public String render(String heading) {
        SimulationReport r = chosen.report();
        StringBuilder s = new StringBuilder();
        s.append("== ").append(heading).append(" ==\n");
        s.append("Proposal #")
                .append(proposal.id())
                .append(": ")
                .append(proposal.title())
                .append('\n');
        s.append("  governor proposal id  ").append(proposal.onchainId()).append('\n');
        s.append("  final state           ").append(proposal.state()).append('\n');
        s.append("  agent                 ")
                .append(agent.name())
                .append(" (ERC-8004 id ")
                .append(agent.agentId())
                .append(", operator ")
                .append(agent.operator())
                .append(")\n");
        s.append("  simulations           ")
                .append(simulations)
                .append(" candidates on forks; chosen report ")
                .append(proposal.reportHash())
                .append('\n');
        s.append("  simulated on the fork ")
                .append(metricLine(r.metricsBefore(), r.metricsAfter()))
                .append('\n');
        s.append("  replayed traffic      ")
                .append(r.withProposal().transactions())
                .append(" transactions, ")
                .append(r.withProposal().revertReasons().getOrDefault(CandidateVerdict.RATE_CEILING_REVERT, 0))
                .append(" borrows refused by the borrower's own rate ceiling\n");
        s.append("  votes                 FOR ")
                .append(tokens(votes.forVotes()))
                .append(", AGAINST ")
                .append(tokens(votes.againstVotes()))
                .append(", ABSTAIN ")
                .append(tokens(votes.abstainVotes()))
                .append(" (")
                .append(votes.voters())
                .append(" voters)\n");
        s.append("  submit tx             ").append(proposal.submitTxHash()).append('\n');
        s.append("  queue tx              ").append(proposal.queueTxHash()).append('\n');
        s.append("  execute tx            ").append(proposal.executeTxHash()).append('\n');
        s.append("  on chain now          jumpMultiplierPerYear ")
                .append(pct(jumpMultiplierBefore))
                .append(" -> ")
                .append(pct(jumpMultiplierOnChain))
                .append(" (read from the market)\n");
        if (proposal.outcome() != null) {
            s.append("  outcome on chain      ")
                    .append(proposal.outcome().summary())
                    .append(proposal.outcome().improved() ? " — improved" : " — not improved")
                    .append('\n');
        }
        s.append("  agent track record    submitted ")
                .append(agent.proposalsSubmitted())
                .append(", executed ")
                .append(agent.proposalsExecuted())
                .append(", improved ")
                .append(agent.proposalsImproved())
                .append('\n');
        s.append("  reputation            ");
        reputation
                .scores()
                .forEach((d, v) -> s.append(d)
                        .append(' ')
                        .append(v.setScale(3, RoundingMode.HALF_UP))
                        .append("  "));
        s.append("(")
                .append(reputation.attestations())
                .append(" signed attestations in ")
                .append(reputation.attestationsDir())
                .append(")\n");
        s.append("  score breakdown       ")
                .append(String.join(", ", reputation.topTerms()))
                .append('\n');
        if (reputation.feedbackTx() != null) {
            s.append("  outcome feedback tx   ")
                    .append(reputation.feedbackTx())
                    .append(" (ERC-8004 giveFeedback, feedbackHash = ")
                    .append("outcome attestation ")
                    .append(reputation.feedbackHash())
                    .append(")\n");
        }
        return s.toString();
    }

    /** A machine-readable copy for scripts and benchmarks. */
    public void writeJson(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("proposalId", proposal.onchainId().toString());
        json.put("state", proposal.state().name());
        json.put("title", proposal.title());
        json.put("reportHash", proposal.reportHash());
        json.put("simulatedBefore", chosen.report().metricsBefore());
        json.put("simulatedAfter", chosen.report().metricsAfter());
        json.put("submitTx", proposal.submitTxHash());
        json.put("queueTx", proposal.queueTxHash());
        json.put("executeTx", proposal.executeTxHash());
        json.put("jumpMultiplierBefore", jumpMultiplierBefore.toString());
        json.put("jumpMultiplierOnChain", jumpMultiplierOnChain.toString());
        json.put("outcome", proposal.outcome());
        json.put(
                "agent",
                Map.of(
                        "id",
                        agent.agentId(),
                        "submitted",
                        agent.proposalsSubmitted(),
                        "executed",
                        agent.proposalsExecuted(),
                        "improved",
                        agent.proposalsImproved()));
        json.put(
                "reputation",
                Map.of(
                        "scores",
                        reputation.scores(),
                        "topTerms",
                        reputation.topTerms(),
                        "attestations",
                        reputation.attestations(),
                        "feedbackTx",
                        String.valueOf(reputation.feedbackTx()),
                        "feedbackHash",
                        String.valueOf(reputation.feedbackHash())));
        json.put("wallTimeSeconds", wallTime.toMillis() / 1000.0);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), json);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String metricLine(Map<String, BigDecimal> before, Map<String, BigDecimal> after) {
        return "utilization " + Percent.of(before.get("utilization")) + " -> " + Percent.of(after.get("utilization"))
                + ", borrow APR " + Percent.of(before.get("borrowApr")) + " -> " + Percent.of(after.get("borrowApr"))
                + ", supply APR " + Percent.of(before.get("supplyApr")) + " -> " + Percent.of(after.get("supplyApr"));
    }

    private static String pct(BigInteger wad) {
        return Percent.of(new BigDecimal(wad).movePointLeft(18));
    }

    private static String tokens(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString() + " CHAOS";
    }
}
