package io.chaoschain.node.runtime;

import io.chaoschain.agent.policy.AgentPolicy;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.keys.KeystoreSigner;
import io.chaoschain.chains.keys.Keystores;
import io.chaoschain.chains.keys.PasswordSource;
import io.chaoschain.chains.tx.NonceManager;
import io.chaoschain.chains.tx.RevertDecoder;
import io.chaoschain.chains.tx.TransactionSender;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.config.NodeConfig.AgentConfig;
import io.chaoschain.node.config.NodeConfig.ChainConfig;
import io.chaoschain.node.config.NodeConfig.KeyConfig;
import io.chaoschain.node.lifecycle.EvmGovernanceGateway;
import io.chaoschain.node.lifecycle.GovernanceGateway;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the node's chains: one client per configured chain (its chain id checked), every agent's operator key and the
 * reputation roles' keys, one nonce manager per chain (shared by every account sending there), and each agent's
 * sender and governance calls, allowed by a policy that permits exactly the submission, queue and execute calls.
 */
final class ChainsWiring {
    private static final Logger LOG = LoggerFactory.getLogger(ChainsWiring.class);

    private ChainsWiring() {}

    /**
     * An agent's hold on its chain.
     *
     * @param signer its operator key
     * @param sender sends the operator's transactions (with the chain's nonce manager)
     * @param gateway the agent's calls to the Governor and the endpoint
     */
    record AgentAccount(
            AgentConfig agent,
            ChainConfig chain,
            EvmChainClient client,
            KeystoreSigner signer,
            TransactionSender sender,
            GovernanceGateway gateway) {}

    /**
     * What the chains wiring built; closing it closes every client.
     *
     * @param agents by agent name, in configuration order
     * @param validator the key that validates simulation reports, when configured
     * @param reviewer the key that reviews outcomes, when configured
     */
    record Chains(
            Map<String, EvmChainClient> clients,
            Map<String, NonceManager> nonces,
            Map<String, AgentAccount> agents,
            Optional<KeystoreSigner> validator,
            Optional<KeystoreSigner> reviewer)
            implements AutoCloseable {

        EvmChainClient client(String chain) {
            return clients.get(chain);
        }

        /** A sender of {@code key}'s transactions on {@code chain}, sharing that chain's nonce manager. */
        TransactionSender sender(String chain, KeystoreSigner key) {
            return TransactionSender.create(
                    clients.get(chain),
                    key,
                    nonces.get(chain),
                    RevertDecoder.bundled(),
                    TransactionSender.Options.defaults());
        }

        @Override
        public void close() {
            closeAll(clients);
        }
    }

    /** Connects to every chain and unlocks every key; on a failure the clients opened so far are closed. */
    static Chains wire(NodeContext ctx) {
        NodeConfig config = ctx.config();
        Map<String, EvmChainClient> clients = new LinkedHashMap<>();
        try {
            for (ChainConfig chain : config.chains().values()) {
                clients.put(
                        chain.name(),
                        ctx.connectors().connect(new ChainEndpoints(chain.name(), chain.chainId(), chain.rpc())));
            }
            Map<String, KeystoreSigner> operators = new LinkedHashMap<>();
            for (AgentConfig agent : config.agents()) {
                operators.put(agent.name(), Keystores.load(agent.keystore(), password(agent)));
            }
            Optional<KeystoreSigner> validator =
                    Optional.ofNullable(config.reputation().validator()).map(ChainsWiring::load);
            Optional<KeystoreSigner> reviewer =
                    Optional.ofNullable(config.reputation().reviewer()).map(ChainsWiring::load);
            requireOtherKeys(operators, validator, reviewer);
            Map<String, NonceManager> nonces = new LinkedHashMap<>();
            clients.forEach((chain, client) -> nonces.put(chain, new NonceManager(client)));
            Map<String, AgentAccount> agents = new LinkedHashMap<>();
            for (AgentConfig agent : config.agents()) {
                agents.put(
                        agent.name(),
                        account(
                                config.chains().get(agent.chain()),
                                agent,
                                clients.get(agent.chain()),
                                operators.get(agent.name()),
                                nonces.get(agent.chain())));
            }
            return new Chains(
                    Collections.unmodifiableMap(clients),
                    Collections.unmodifiableMap(nonces),
                    Collections.unmodifiableMap(agents),
                    validator,
                    reviewer);
        } catch (RuntimeException e) {
            closeAll(clients);
            throw e;
        }
    }

    /** Where an agent's keystore password comes from: its password file, else its environment variable. */
    static PasswordSource password(AgentConfig agent) {
        return agent.passwordFile() != null
                ? new PasswordSource.File(agent.passwordFile())
                : new PasswordSource.Env(agent.passwordEnv(), System.getenv());
    }

    private static KeystoreSigner load(KeyConfig key) {
        PasswordSource password = key.passwordFile() != null
                ? new PasswordSource.File(key.passwordFile())
                : new PasswordSource.Env(key.passwordEnv(), System.getenv());
        return Keystores.load(key.keystore(), password);
    }

    /** ERC-8004: nobody validates or reviews their own agent. */
    private static void requireOtherKeys(
            Map<String, KeystoreSigner> operators,
            Optional<KeystoreSigner> validator,
            Optional<KeystoreSigner> reviewer) {
        for (KeystoreSigner operator : operators.values()) {
            if (validator.map(v -> v.address().equals(operator.address())).orElse(false)
                    || reviewer.map(r -> r.address().equals(operator.address())).orElse(false)) {
                throw new UserFacingException(
                        "error: reputation.validator and reputation.reviewer must be other keys than"
                                + " the agents' operator keys (ERC-8004: nobody validates or reviews their own agent)");
            }
        }
    }

    private static AgentAccount account(
            ChainConfig chain, AgentConfig agent, EvmChainClient client, KeystoreSigner signer, NonceManager nonces) {
        PolicyGuard transactionPolicy = new PolicyGuard(new AgentPolicy(
                Map.of(
                        chain.endpoint(), Set.of(GovernanceCalls.SUBMIT_PROPOSAL),
                        chain.governor(), Set.of(GovernanceCalls.QUEUE, GovernanceCalls.EXECUTE)),
                1,
                true));
        TransactionSender sender = TransactionSender.create(
                client, signer, nonces, RevertDecoder.bundled(), TransactionSender.Options.defaults());
        GovernanceGateway gateway =
                new EvmGovernanceGateway(sender, chain.governor(), chain.endpoint(), transactionPolicy);
        return new AgentAccount(agent, chain, client, signer, sender, gateway);
    }

    private static void closeAll(Map<String, EvmChainClient> clients) {
        clients.forEach((chain, client) -> {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the client of chain '{}' failed", chain, e);
            }
        });
    }
}
