package io.chaoschain.node.runtime;

import io.chaoschain.agent.policy.AgentPolicy;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.events.ConfirmedEventMonitor;
import io.chaoschain.chains.events.InMemoryCheckpointStore;
import io.chaoschain.chains.keys.KeystoreSigner;
import io.chaoschain.core.Service;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.config.NodeConfig.ChainConfig;
import io.chaoschain.node.reputation.EvmChainFacts;
import io.chaoschain.node.reputation.FeedbackEvents;
import io.chaoschain.node.reputation.FeedbackListener;
import io.chaoschain.node.reputation.InsightAttestations;
import io.chaoschain.node.reputation.ReputationAnchor;
import io.chaoschain.node.reputation.ReputationFlow;
import io.chaoschain.node.runtime.ChainsWiring.AgentAccount;
import io.chaoschain.node.runtime.ChainsWiring.Chains;
import io.chaoschain.node.runtime.StorageWiring.Storage;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.reputation.service.AttestationArchive;
import io.chaoschain.reputation.service.ChainTime;
import io.chaoschain.reputation.service.ContributionRecorder;
import io.chaoschain.reputation.service.NodeReputation;
import io.chaoschain.reputation.service.ReputationService;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the node's reputation: the reputation service over the database (scored by chain time), the attestation
 * archive, one reputation flow per agent, the attestations of shared and adopted insights, and one feedback monitor
 * per chain with a reputation registry.
 */
final class ReputationWiring {
    private static final Logger LOG = LoggerFactory.getLogger(ReputationWiring.class);
    private static final String NO_CONTRACT = "0x0000000000000000000000000000000000000000";

    private ReputationWiring() {}

    /**
     * What the reputation wiring built.
     *
     * @param node the service with the archive, as the flows and the feedback monitors feed it
     * @param flows each agent's reputation flow, by agent name
     * @param insightAttestations attests the agents' insights as the insight exchange shares them
     * @param feedbackMonitors follow the reputation registries' feedback events
     */
    record Reputation(
            ReputationService service,
            NodeReputation node,
            Map<String, ReputationFlow> flows,
            InsightAttestations insightAttestations,
            List<Service> feedbackMonitors) {

        ReputationFlow flow(String agent) {
            return flows.get(agent);
        }
    }

    static Reputation wire(NodeContext ctx, Chains chains, Storage storage) {
        NodeConfig config = ctx.config();
        ChainTime time = new ChainTime(ctx.time());
        ReputationService service = NodeStorage.reputation(config, storage.database(), storage.scoreCache(), time);
        if (storage.stores().reputation().counts().total() > 0) {
            service.refresh(); // scores decayed while the node was down
        }
        NodeReputation node =
                new NodeReputation(new AttestationArchive(ctx.dataDir().resolve("attestations")), service, time);
        loadArchive(ctx, node);
        Map<String, ReputationFlow> flows = new LinkedHashMap<>();
        for (AgentAccount account : chains.agents().values()) {
            flows.put(account.agent().name(), flow(ctx, chains, account, node, storage));
        }
        List<Service> monitors = new ArrayList<>();
        for (ChainConfig chain : config.chains().values()) {
            if (chain.reputationRegistry() != null) {
                monitors.add(feedbackMonitor(ctx, chain, chains.client(chain.name()), node));
            }
        }
        return new Reputation(
                service,
                node,
                Collections.unmodifiableMap(flows),
                new InsightAttestations(time, flows.values()),
                List.copyOf(monitors));
    }

    /** Stores archived attestations the service lacks (a crash between writing the file and storing it). */
    private static void loadArchive(NodeContext ctx, NodeReputation reputation) {
        AttestationVerifier verifier = new AttestationVerifier(ctx.time());
        for (OffchainAttestation a : reputation.archive().readAll()) {
            if (verifier.verify(a).valid()) {
                reputation.record(a);
            } else {
                LOG.warn("ignoring attestation {}: it does not verify", a.uid());
            }
        }
    }

    /**
     * The agent's reputation flow: attestations signed with its operator key always; validation and outcome reviews on
     * chain when the chain names both ERC-8004 registries and the node has the validator / reviewer key. Those
     * transactions pass a policy that allows exactly the three registry calls.
     */
    private static ReputationFlow flow(
            NodeContext ctx, Chains chains, AgentAccount account, NodeReputation reputation, Storage storage) {
        ChainConfig chain = account.chain();
        String verifying = chain.eas() != null
                ? chain.eas()
                : chain.reputationRegistry() != null ? chain.reputationRegistry() : NO_CONTRACT;
        EasDomain domain = EasDomain.of(ctx.config().reputation().easVersion(), chain.chainId(), verifying);
        Optional<ReputationAnchor> anchor = chain.hasReputationRegistries()
                ? Optional.of(new ReputationAnchor(
                        account.client(),
                        chain.reputationRegistry(),
                        chain.validationRegistry(),
                        new PolicyGuard(new AgentPolicy(
                                ReputationAnchor.allowedCalls(chain.reputationRegistry(), chain.validationRegistry()),
                                1,
                                true))))
                : Optional.empty();
        Function<KeystoreSigner, ReputationFlow.Role> role = key -> new ReputationFlow.Role(
                new AttestationSigner(domain, key.credentials()),
                key == account.signer() ? account.sender() : chains.sender(chain.name(), key));
        var roles = new ReputationFlow.Roles(
                role.apply(account.signer()),
                chains.validator().map(role),
                chains.reviewer().map(role),
                anchor);
        var agent = new ReputationFlow.Agent(
                account.agent().name(),
                chain.chainId(),
                BigInteger.valueOf(account.agent().agentId()),
                account.signer().address());
        return new ReputationFlow(
                agent,
                roles,
                new ContributionRecorder(reputation.archive(), reputation, ctx.time()),
                new EvmChainFacts(account.client(), chain.governor(), account.gateway(), reputation.time()),
                storage.stores(),
                reputation::feedbackSeen,
                ctx.listeners().progress());
    }

    /**
     * Feeds the ReputationRegistry's confirmed feedback events into the reputation service, from reputation.fromBlock
     * on at every start (the service ignores events it already stored), so the node sees again which outcome
     * attestations are anchored.
     */
    private static Service feedbackMonitor(
            NodeContext ctx, ChainConfig chain, EvmChainClient client, NodeReputation reputation) {
        var monitorConfig = ConfirmedEventMonitor.Config.of(
                        "feedback:" + chain.name() + ":" + chain.reputationRegistry(),
                        List.of(chain.reputationRegistry()),
                        List.of(FeedbackEvents.NEW_FEEDBACK_TOPIC, FeedbackEvents.FEEDBACK_REVOKED_TOPIC),
                        ctx.config().reputation().fromBlock(),
                        chain.confirmations())
                .withPollInterval(ctx.config().lifecycle().pollInterval());
        return new ConfirmedEventMonitor(
                client,
                monitorConfig,
                new InMemoryCheckpointStore(),
                new FeedbackListener(client, reputation, reputation.time()));
    }
}
