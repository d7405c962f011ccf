package io.chaoschain.node.reputation;

import io.chaoschain.chains.tx.TransactionSender;
import io.chaoschain.chains.tx.TxResult;
import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.node.lifecycle.MilestoneListener;
import io.chaoschain.node.lifecycle.ProgressListener;
import io.chaoschain.node.lifecycle.ProposalMilestone;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.ContributionKind;
import io.chaoschain.reputation.attestation.ContributionRecord;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.service.ContributionRecorder;
import io.chaoschain.reputation.service.ReputationMapping;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.StoredSimulation;
import io.chaoschain.storage.Stores;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns one agent's proposal lifecycle into reputation: at each step that matters it signs a contribution attestation
 * (drafted, simulated, submitted, accepted or defeated, executed, metric outcome) with the agent's operator key; a
 * validator key, when configured, has the simulation validated in the ERC-8004 ValidationRegistry (the agent requests,
 * the validator answers with a 0-100 score and the report hash) and attests its verdict about the agent
 * ({@code validation.confirmed} from 50 up, else {@code validation.contradicted}); a reviewer key, when
 * configured, anchors the outcome attestation in the ReputationRegistry with {@code giveFeedback}
 * ({@code feedbackHash} = the attestation UID).
 *
 * <p>It follows the agent's proposal as a {@link MilestoneListener}: every
 * {@link ProposalMilestone.StateReached} announcement is a chance to catch up on the steps reached, and the flow is
 * settled for a proposal once nothing is left to attest, validate or anchor in its state.
 *
 * <p>Every attestation is stamped with a block timestamp of its event and a content-derived salt, so its UID is fixed
 * by the chain: re-running a step after a crash produces the same UID and stores nothing new. On-chain steps check
 * the registries before sending. Steps already handled are remembered (seeded from the archive at start) so a settled
 * proposal costs no RPC calls.
 */
public final class ReputationFlow implements MilestoneListener {
    /** Tag of validations of simulation reports. */
    public static final String SIMULATION_TAG = "simulation";

    private static final Set<ProposalState> ACCEPTED =
            EnumSet.of(ProposalState.SUCCEEDED, ProposalState.QUEUED, ProposalState.EXECUTED);

    /**
     * Which agent, on which chain, with which operator address (the recipient of its attestations).
     *
     * @param name the agent's name in progress lines
     */
    public record Agent(String name, long chainId, BigInteger agentId, String operator) {
        public String chain() {
            return "eip155:" + chainId;
        }
    }

    /** A key that signs attestations and sends the registry transactions of its role. */
    public record Role(AttestationSigner signer, TransactionSender sender) {
        public String address() {
            return sender.from().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Who signs and sends what: the agent's operator always; the validator and the reviewer only when the chain has the
     * registries they write to ({@code anchor}), otherwise they are dropped.
     *
     * @param anchor the registries, or empty when the chain has none configured (attestations are still made)
     */
    public record Roles(
            Role operator, Optional<Role> validator, Optional<Role> reviewer, Optional<ReputationAnchor> anchor) {
        public Roles {
            validator = anchor.isPresent() ? validator : Optional.empty();
            reviewer = anchor.isPresent() ? reviewer : Optional.empty();
        }
    }

    private final Agent agent;
    private final Role operator;
    private final Optional<Role> validator;
    private final Optional<Role> reviewer;
    private final Optional<ReputationAnchor> anchor;
    private final ContributionRecorder recorder;
    private final ChainFacts chain;
    private final Stores stores;
    private final Predicate<String> feedbackSeen;
    private final ProgressListener progress;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Map<Long, Boolean> settled = new ConcurrentHashMap<>();

    /**
     * @param feedbackSeen whether the node's reputation log already holds feedback anchoring this hash (read back from
     *     chain events); a proposal is settled only then
     */
    public ReputationFlow(
            Agent agent,
            Roles roles,
            ContributionRecorder recorder,
            ChainFacts chain,
            Stores stores,
            Predicate<String> feedbackSeen,
            ProgressListener progress) {
        this.agent = agent;
        this.operator = roles.operator();
        this.validator = roles.validator();
        this.reviewer = roles.reviewer();
        this.anchor = roles.anchor();
        this.recorder = recorder;
        this.chain = chain;
        this.stores = stores;
        this.feedbackSeen = feedbackSeen;
        this.progress = progress;
        for (OffchainAttestation a : recorder.archive().readAll()) {
            ContributionRecord r = ContributionRecord.decode(a.data());
            if (r.agentId().equals(agent.agentId()) && r.chain().equals(agent.chain())) {
                done.add(key(r.kind(), r.subject(), a.signer()));
            }
        }
    }

    @Override
    public boolean settled(StoredProposal p) {
        return p.onchainId() == null || settled.getOrDefault(p.id(), false);
    }

    /** Attests, validates and anchors whatever step of its proposal the agent reached that was not handled yet. */
    @Override
    public void reached(ProposalMilestone milestone) throws Exception {
        if (milestone instanceof ProposalMilestone.StateReached reached) {
            catchUp(reached.proposal());
        }
    }

    private void catchUp(StoredProposal p) throws Exception {
        if (p.onchainId() == null || p.reportHash() == null || settled(p)) {
            return;
        }
        String subject = Numeric.toHexStringWithPrefixZeroPadded(p.onchainId(), 64);
        StoredSimulation chosen = stores.simulations().forProposal(p.id()).stream()
                .filter(s -> s.reportHash().equals(p.reportHash()))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("proposal #" + p.id() + " has no simulation " + p.reportHash()));
        SimulationReport report = chosen.report();

        // steps already attested (also before a restart) cost no RPC calls while the vote runs
        if (due(ContributionKind.PROPOSAL_DRAFTED, subject) || due(ContributionKind.PROPOSAL_SIMULATED, subject)) {
            long simTime = chain.blockTime(report.forkBlock()).getEpochSecond();
            attest(
                    operator,
                    ContributionKind.PROPOSAL_DRAFTED,
                    subject,
                    BigInteger.valueOf(stores.simulations().forProposal(p.id()).size()),
                    0,
                    Hex.encode(Hash.sha3(p.draft().description().getBytes(StandardCharsets.UTF_8))),
                    simTime);
            attest(
                    operator,
                    ContributionKind.PROPOSAL_SIMULATED,
                    subject,
                    wad(improvement(report.metricsBefore(), report.metricsAfter())),
                    18,
                    p.reportHash(),
                    simTime);
        }
        if (p.submitTxHash() == null) {
            return;
        }
        if (due(ContributionKind.PROPOSAL_SUBMITTED, subject)) {
            long submitTime =
                    chain.blockTime(chain.transactionBlock(p.submitTxHash())).getEpochSecond();
            attest(
                    operator,
                    ContributionKind.PROPOSAL_SUBMITTED,
                    subject,
                    BigInteger.ZERO,
                    0,
                    p.submitTxHash(),
                    submitTime);
        }
        boolean validated = validator.isEmpty() || validate(p, subject, report, chosen.passed());

        if (ACCEPTED.contains(p.state()) || p.state() == ProposalState.DEFEATED) {
            ContributionKind kind = p.state() == ProposalState.DEFEATED
                    ? ContributionKind.PROPOSAL_DEFEATED
                    : ContributionKind.PROPOSAL_ACCEPTED;
            if (due(kind, subject)) {
                long voteEnd = chain.voteEnd(p.onchainId());
                attest(
                        operator,
                        kind,
                        subject,
                        BigInteger.ZERO,
                        0,
                        chain.tallyHash(p.onchainId()),
                        chain.blockTime(voteEnd).getEpochSecond());
            }
        }
        if (p.state() != ProposalState.EXECUTED) {
            settled.put(p.id(), validated && p.state().isTerminal());
            return;
        }
        if (due(ContributionKind.PROPOSAL_EXECUTED, subject)) {
            long executed = chain.executionBlock(p.onchainId());
            attest(
                    operator,
                    ContributionKind.PROPOSAL_EXECUTED,
                    subject,
                    BigInteger.ZERO,
                    0,
                    p.executeTxHash() != null ? p.executeTxHash() : subject,
                    chain.blockTime(executed).getEpochSecond());
        }
        if (p.outcome() == null) {
            return;
        }
        BigDecimal gain = improvement(p.outcome().before(), p.outcome().after());
        OffchainAttestation outcome = attest(
                operator,
                ContributionKind.METRIC_OUTCOME,
                subject,
                wad(gain),
                18,
                p.executeTxHash() != null ? p.executeTxHash() : subject,
                chain.blockTime(p.outcome().measuredAtBlock()).getEpochSecond());
        boolean reviewed = reviewer.isEmpty() || review(p, outcome, gain);
        settled.put(p.id(), validated && reviewed);
    }

    /** The agent asks the validator to check the simulation; the validator answers and attests its validation. */
    private boolean validate(StoredProposal p, String subject, SimulationReport report, boolean passed)
            throws Exception {
        Role v = validator.orElseThrow();
        if (done.contains(key(
                        ContributionKind.VALIDATION_CONFIRMED,
                        subject,
                        v.signer().signer()))
                || done.contains(key(
                        ContributionKind.VALIDATION_CONTRADICTED,
                        subject,
                        v.signer().signer()))) {
            return true;
        }
        ReputationAnchor registries = anchor.orElseThrow();
        String requestHash = validationRequestHash(p.onchainId(), p.reportHash());
        var status = registries.validationStatus(requestHash);
        if (status.isEmpty()) {
            TxResult r = registries.requestValidation(
                    operator.sender(),
                    v.address(),
                    agent.agentId(),
                    "chaoschain:simulation-report:" + p.reportHash(),
                    requestHash);
            say("validation requested from " + v.address() + ": tx " + r.hash());
        }
        int score = ValidationScore.of(report, passed);
        if (status.isEmpty() || !status.get().answered()) {
            TxResult r = registries.respondValidation(
                    v.sender(),
                    requestHash,
                    score,
                    "chaoschain:simulation-report:" + p.reportHash(),
                    p.reportHash(),
                    SIMULATION_TAG);
            say("validator answered " + score + "/100 for the simulation report: tx " + r.hash());
            status = registries.validationStatus(requestHash);
        }
        var answered = status.orElseThrow();
        ContributionKind verdict = answered.response() >= ValidationScore.PASS
                ? ContributionKind.VALIDATION_CONFIRMED
                : ContributionKind.VALIDATION_CONTRADICTED;
        attest(
                v,
                verdict,
                subject,
                BigInteger.valueOf(answered.response()),
                0,
                answered.responseHash(),
                answered.lastUpdate());
        return true;
    }

    /** The reviewer anchors the outcome attestation on chain; settled once the feedback came back as a chain event. */
    private boolean review(StoredProposal p, OffchainAttestation outcome, BigDecimal gain) throws Exception {
        Role r = reviewer.orElseThrow();
        ReputationAnchor registries = anchor.orElseThrow();
        String feedbackKey = "feedback|" + outcome.uid();
        if (!done.contains(feedbackKey)) {
            long from = chain.executionBlock(p.onchainId());
            Optional<String> existing = registries.findFeedback(agent.agentId(), r.address(), outcome.uid(), from);
            if (existing.isEmpty()) {
                TxResult tx = registries.giveFeedback(
                        r.sender(),
                        agent.agentId(),
                        feedbackValue(gain),
                        2,
                        ReputationMapping.DEFAULT_AREA,
                        ContributionKind.METRIC_OUTCOME.code(),
                        "attestations/" + outcome.uid() + ".json",
                        outcome.uid());
                say("outcome anchored in the reputation registry by reviewer " + r.address() + ": giveFeedback tx "
                        + tx.hash());
            }
            done.add(feedbackKey);
        }
        return feedbackSeen.test(outcome.uid());
    }

    private OffchainAttestation attest(
            Role role,
            ContributionKind kind,
            String subject,
            BigInteger value,
            int decimals,
            String evidence,
            long time) {
        ContributionRecord record =
                new ContributionRecord(agent.agentId(), agent.chain(), kind, subject, value, decimals, evidence);
        OffchainAttestation a = recorder.record(role.signer(), record, agent.operator(), time);
        // remembered only once stored: a step whose recording failed is retried on the next tick
        if (done.add(key(kind, subject, role.signer().signer()))) {
            say("attested " + kind.code() + " (uid " + a.uid().substring(0, 10) + "…)");
        }
        return a;
    }

    /**
     * This agent's insight went out to agents on other chains (published over p2p): attested once per insight, with the
     * simulation report that proved the fix as evidence.
     *
     * @param time epoch seconds (the node's chain time when the insight was shared)
     */
    public void insightShared(String insightId, String simulationReportHash, long time) {
        if (due(ContributionKind.INSIGHT_SHARED, insightId)) {
            attest(
                    operator,
                    ContributionKind.INSIGHT_SHARED,
                    insightId,
                    BigInteger.ZERO,
                    0,
                    orZero(simulationReportHash),
                    time);
        }
    }

    /**
     * An agent on another chain acknowledged adopting this agent's insight for one of its proposals. The subject is
     * keccak256(insightId ‖ adopter chain id ‖ adopter proposal), so each adoption counts once; the value is the
     * adopter's chain id and the evidence the adopter's simulation report hash.
     */
    public void insightAdopted(
            String insightId, long adopterChainId, String adopterProposal, String adopterReportHash, long time) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Hex.decode(insightId));
        out.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(adopterChainId), 32));
        out.writeBytes(String.valueOf(adopterProposal).getBytes(StandardCharsets.UTF_8));
        String subject = Hex.encode(Hash.sha3(out.toByteArray()));
        if (due(ContributionKind.INSIGHT_ADOPTED, subject)) {
            attest(
                    operator,
                    ContributionKind.INSIGHT_ADOPTED,
                    subject,
                    BigInteger.valueOf(adopterChainId),
                    0,
                    orZero(adopterReportHash),
                    time);
        }
    }

    /** The agent's operator address (the key its insights are signed with). */
    public String operatorAddress() {
        return agent.operator();
    }

    private static String orZero(String hash) {
        return hash == null || hash.isBlank() ? "0x" + "0".repeat(64) : hash;
    }

    /** The ValidationRegistry request id: keccak256("chaoschain.validation.simulation" ‖ proposalId ‖ reportHash). */
    public static String validationRequestHash(BigInteger proposalId, String reportHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("chaoschain.validation.simulation".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(Numeric.toBytesPadded(proposalId, 32));
        out.writeBytes(Hex.decode(reportHash));
        return Hex.encode(Hash.sha3(out.toByteArray()));
    }

    /**
     * The outcome review's value, with 2 decimals on the 0-100 scale reviews use (50 = neutral, the engine's default
     * {@code feedbackNeutral}): 50 plus the utilization improvement in percentage points, clamped to [0, 100].
     */
    static BigInteger feedbackValue(BigDecimal gain) {
        BigDecimal points = BigDecimal.valueOf(50)
                .add(gain.movePointRight(2))
                .max(BigDecimal.ZERO)
                .min(BigDecimal.valueOf(100));
        return points.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
    }

    /** Utilization before minus after (positive = the target metric improved), as a fraction. */
    static BigDecimal improvement(Map<String, BigDecimal> before, Map<String, BigDecimal> after) {
        BigDecimal b = before.get("utilization");
        BigDecimal a = after.get("utilization");
        return b == null || a == null ? BigDecimal.ZERO : b.subtract(a);
    }

    private static BigInteger wad(BigDecimal fraction) {
        return fraction.movePointRight(18).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
    }

    /** True when the operator has not attested {@code kind} for {@code subject} yet. */
    private boolean due(ContributionKind kind, String subject) {
        return !done.contains(key(kind, subject, operator.signer().signer()));
    }

    private static String key(ContributionKind kind, String subject, String signer) {
        return kind.code() + "|" + subject.toLowerCase(Locale.ROOT) + "|" + signer.toLowerCase(Locale.ROOT);
    }

    private void say(String message) {
        progress.progress(agent.name(), "reputation: " + message);
    }
}
