package io.chaoschain.node.runtime;

import io.chaoschain.agent.AnalystSettings;
import io.chaoschain.agent.GovernanceAgent;
import io.chaoschain.agent.RateModelAnalyst;
import io.chaoschain.agent.RateModelCalls;
import io.chaoschain.agent.policy.AgentPolicy;
import io.chaoschain.agent.policy.PolicyGuard;
import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.Redaction;
import io.chaoschain.chains.events.ConfirmedEventMonitor;
import io.chaoschain.chains.keys.KeystoreSigner;
import io.chaoschain.chains.keys.Keystores;
import io.chaoschain.chains.keys.PasswordSource;
import io.chaoschain.chains.tx.NonceManager;
import io.chaoschain.chains.tx.RevertDecoder;
import io.chaoschain.chains.tx.TransactionSender;
import io.chaoschain.agent.insight.InsightRelevance;
import io.chaoschain.agent.insight.MiniLmEmbedder;
import io.chaoschain.core.Service;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.node.p2p.ContributionListener;
import io.chaoschain.node.p2p.InsightExchange;
import io.chaoschain.node.p2p.P2pNetwork;
import io.chaoschain.node.store.JdbcInsightStore;
import io.chaoschain.p2p.NodeIdentity;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.chaoschain.node.api.ApiServer;
import io.chaoschain.node.config.NodeConfig;
import io.chaoschain.node.config.NodeConfig.AgentConfig;
import io.chaoschain.node.config.NodeConfig.ChainConfig;
import io.chaoschain.node.lifecycle.EvmGovernanceGateway;
import io.chaoschain.node.lifecycle.GovernanceGateway;
import io.chaoschain.node.lifecycle.LifecycleListener;
import io.chaoschain.node.lifecycle.ProposalLifecycle;
import io.chaoschain.node.lifecycle.VoteRecorder;
import io.chaoschain.node.store.ChainRecord;
import io.chaoschain.node.store.Database;
import io.chaoschain.node.reputation.AttestationArchive;
import io.chaoschain.node.reputation.ChainTime;
import io.chaoschain.node.reputation.ContributionRecorder;
import io.chaoschain.node.reputation.EvmChainFacts;
import io.chaoschain.node.reputation.FeedbackEvents;
import io.chaoschain.node.reputation.FeedbackListener;
import io.chaoschain.node.reputation.InsightAttestations;
import io.chaoschain.node.reputation.NodeReputation;
import io.chaoschain.node.reputation.ReputationAnchor;
import io.chaoschain.node.reputation.ReputationFlow;
import io.chaoschain.node.reputation.VolatileCheckpointStore;
import io.chaoschain.node.config.NodeConfig.KeyConfig;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.reputation.attestation.AttestationSigner;
import io.chaoschain.reputation.attestation.AttestationVerifier;
import io.chaoschain.reputation.attestation.EasDomain;
import io.chaoschain.reputation.attestation.OffchainAttestation;
import io.chaoschain.node.reputation.ReputationService;
import io.chaoschain.node.reputation.ScoreCache;
import io.chaoschain.core.TimeProvider;
import io.chaoschain.simulation.AnvilForkSimulator;
import io.chaoschain.simulation.checks.CheckRegistry;
import io.chaoschain.simulation.checks.CheckSettings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the database, one client per chain, one lifecycle per agent, and the API, started in that order and
 * stopped in reverse. {@code chaoschain node} and {@code chaoschain demo} both come through here.
 */
public final class ChaosChainNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosChainNode.class);

  private final NodeConfig config;
  private final Database database;
  private final Map<String, EvmChainClient> clients;
  private final List<ProposalLifecycle> lifecycles;
  private final List<Service> services;
  private final ApiServer api;
  private final ScoreCache scoreCache;
  private final ReputationService reputation;
  private final AttestationArchive attestations;
  private final P2pNetwork network;
  private final InsightExchange exchange;

  private ChaosChainNode(NodeConfig config, Database database, Map<String, EvmChainClient> clients,
      List<Service> monitors, List<ProposalLifecycle> lifecycles, ApiServer api, ScoreCache scoreCache,
      ReputationService reputation, AttestationArchive attestations, P2pNetwork network, InsightExchange exchange) {
    this.attestations = attestations;
    this.config = config;
    this.database = database;
    this.scoreCache = scoreCache;
    this.reputation = reputation;
    this.clients = clients;
    this.lifecycles = lifecycles;
    this.api = api;
    this.network = network;
    this.exchange = exchange;
    this.services = new ArrayList<>();
    if (network != null) {
      services.add(network); // before the lifecycles: their agents consult peers
    }
    services.addAll(monitors);
    services.addAll(lifecycles);
    if (api != null) {
      services.add(api);
    }
  }

  /**
   * Connects to every chain (checking its chain id), unlocks every agent's key, opens the database and starts all
   * services. Anything that fails closes what was opened before it.
   */
  public static ChaosChainNode start(NodeConfig config, LifecycleListener listener) {
    return start(config, listener, ContributionListener.NONE);
  }

  /**
   * As {@link #start(NodeConfig, LifecycleListener)}, with {@code contributions} told when this node's agents share an
   * insight and when an agent on another chain acknowledges adopting one (e.g. to issue reputation attestations).
   */
  public static ChaosChainNode start(NodeConfig config, LifecycleListener listener, ContributionListener contributions) {
    Map<String, EvmChainClient> clients = new LinkedHashMap<>();
    Database database = null;
    ScoreCache scoreCache = null;
    try {
      for (ChainConfig chain : config.chains().values()) {
        clients.put(chain.name(), EvmChainClient.connect(new ChainEndpoints(chain.name(), chain.chainId(), chain.rpc())));
      }
      Map<String, KeystoreSigner> signers = new LinkedHashMap<>();
      for (AgentConfig agent : config.agents()) {
        signers.put(agent.name(), Keystores.load(agent.keystore(), password(agent)));
      }
      Optional<KeystoreSigner> validatorKey = Optional.ofNullable(config.reputation().validator()).map(ChaosChainNode::load);
      Optional<KeystoreSigner> reviewerKey = Optional.ofNullable(config.reputation().reviewer()).map(ChaosChainNode::load);
      for (KeystoreSigner operator : signers.values()) {
        if (validatorKey.map(v -> v.address().equals(operator.address())).orElse(false)
            || reviewerKey.map(r -> r.address().equals(operator.address())).orElse(false)) {
          throw new UserFacingException("error: reputation.validator and reputation.reviewer must be other keys than"
              + " the agents' operator keys (ERC-8004: nobody validates or reviews their own agent)");
        }
      }
      database = NodeStorage.open(config, TimeProvider.system());
      scoreCache = NodeStorage.scoreCache(config);
      ChainTime chainTime = new ChainTime(TimeProvider.system());
      ReputationService reputation = NodeStorage.reputation(config, database, scoreCache, chainTime);
      if (database.stores().reputation().counts().total() > 0) {
        reputation.refresh(); // scores decayed while the node was down
      }
      for (ChainConfig chain : config.chains().values()) {
        database.stores().chains().save(new ChainRecord(chain.name(), chain.chainId(),
            chain.rpc().stream().map(Redaction::url).collect(java.util.stream.Collectors.joining(","))));
      }
      NodeReputation nodeReputation = new NodeReputation(
          new AttestationArchive(config.dataDir().resolve("attestations")), reputation, chainTime);
      loadArchive(nodeReputation);
      InsightAttestations insightAttestations = new InsightAttestations(chainTime, contributions);
      NodeApi.HeadCache heads = new NodeApi.HeadCache(config);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      P2pNetwork network = null;
      InsightExchange exchange = null;
      LifecycleListener lifecycleListener = listener;
      if (config.p2p().enabled()) {
        AgentConfig first = config.agents().getFirst();
        // the identity is encrypted at rest with the node's key password (the first agent's keystore password)
        char[] passphrase = password(first).read(config.p2p().keyFile()).toCharArray();
        NodeIdentity identity = NodeIdentity.loadOrCreate(config.p2p().keyFile(), passphrase);
        java.util.Arrays.fill(passphrase, '\0');
        InsightRelevance relevance = new InsightRelevance(new MiniLmEmbedder(), config.p2p().relevanceThreshold());
        java.util.concurrent.atomic.AtomicReference<InsightExchange> ref = new java.util.concurrent.atomic.AtomicReference<>();
        network = new P2pNetwork(config.p2p(), identity, signers.get(first.name()).credentials().getEcKeyPair(),
            query -> ref.get() == null ? List.of() : ref.get().findSimilar(query), registry);
        Map<String, Long> chainIds = new LinkedHashMap<>();
        config.chains().values().forEach(c -> chainIds.put(c.name(), c.chainId()));
        exchange = new InsightExchange(network, new JdbcInsightStore(database, TimeProvider.system()), relevance, chainIds,
            listener, insightAttestations, first.name());
        ref.set(exchange);
        lifecycleListener = exchange;
        // the embedding model takes a second or two to load: do it now, not when a peer first asks
        Thread.ofVirtual().name("embedding-warmup").start(() -> {
          try {
            relevance.similarity("warm up", "the embedding model");
          } catch (RuntimeException e) {
            LOG.warn("loading the embedding model failed: {}", e.toString());
          }
        });
      }
      List<ProposalLifecycle> lifecycles = new ArrayList<>();
      Map<String, NonceManager> nonces = new LinkedHashMap<>(); // one per chain, shared by agents that share a key
      for (AgentConfig agent : config.agents()) {
        ProposalLifecycle lifecycle = lifecycle(config, agent, clients.get(agent.chain()), signers.get(agent.name()),
            database, heads, nonces, lifecycleListener, nodeReputation, validatorKey, reviewerKey, insightAttestations);
        if (exchange != null) {
          lifecycle.useAdvisor(exchange.advisorFor(lifecycle.binding()));
        }
        lifecycles.add(lifecycle);
      }
      List<Service> monitors = new ArrayList<>();
      for (ChainConfig chain : config.chains().values()) {
        monitors.add(voteMonitor(config, chain, clients.get(chain.name()), database, listener));
        if (chain.reputationRegistry() != null) {
          monitors.add(feedbackMonitor(config, chain, clients.get(chain.name()), nodeReputation));
        }
      }
      ApiServer api = config.api().enabled() ? NodeApi.create(config, database, heads, registry, reputation) : null;
      if (api != null && exchange != null) {
        api.useP2p(new NodeApi.P2pViews(network, exchange.store()));
      }
      ChaosChainNode node = new ChaosChainNode(config, database, clients, monitors, lifecycles, api, scoreCache,
          reputation, nodeReputation.archive(), network, exchange);
      try {
        for (Service s : node.services) {
          s.start().get(30, TimeUnit.SECONDS);
          LOG.debug("started {}", s.name());
        }
      } catch (Exception e) {
        node.close(); // stops what did start (stop is safe on a service that never started), then the DB and clients
        throw e;
      }
      return node;
    } catch (RuntimeException e) {
      closeQuietly(scoreCache);
      closeQuietly(database, clients);
      throw e;
    } catch (Exception e) {
      closeQuietly(scoreCache);
      closeQuietly(database, clients);
      throw new IllegalStateException("node failed to start: " + e.getMessage(), e);
    }
  }

  private static PasswordSource password(AgentConfig agent) {
    return agent.passwordFile() != null
        ? new PasswordSource.File(agent.passwordFile())
        : new PasswordSource.Env(agent.passwordEnv(), System.getenv());
  }

  private static ProposalLifecycle lifecycle(NodeConfig config, AgentConfig agent, EvmChainClient client,
      KeystoreSigner signer, Database database, NodeApi.HeadCache heads, Map<String, NonceManager> nonces,
      LifecycleListener listener, NodeReputation reputation, Optional<KeystoreSigner> validatorKey,
      Optional<KeystoreSigner> reviewerKey, InsightAttestations insightAttestations) {
    ChainConfig chain = config.chains().get(agent.chain());
    var tuning = agent.tuning();
    AnalystSettings defaults = AnalystSettings.defaults();
    AnalystSettings settings = new AnalystSettings(tuning.minSamples(), new BigDecimal(tuning.highUtilization()),
        defaults.stressedShare(), new BigDecimal(tuning.targetUtilization()), new BigDecimal(tuning.maxBorrowApr()),
        defaults.jumpFactors(), defaults.refinementRounds());
    PolicyGuard proposalPolicy = new PolicyGuard(new AgentPolicy(
        Map.of(agent.market(), Set.of(RateModelCalls.SET_RATE_MODEL_SELECTOR)), 1, true));
    PolicyGuard transactionPolicy = new PolicyGuard(new AgentPolicy(Map.of(
        chain.endpoint(), Set.of(GovernanceCalls.SUBMIT_PROPOSAL),
        chain.governor(), Set.of(GovernanceCalls.QUEUE, GovernanceCalls.EXECUTE)), 1, true));
    GovernanceAgent governanceAgent = new GovernanceAgent(agent.name(), new RateModelAnalyst(settings),
        new AnvilForkSimulator(CheckRegistry.discover(), CheckSettings.defaults(),
            config.simulation().parallelForks()), proposalPolicy, message -> listener.progress(agent.name(), message));
    NonceManager nonceManager = nonces.computeIfAbsent(chain.name(), c -> new NonceManager(client));
    var sender = TransactionSender.create(client, signer, nonceManager, RevertDecoder.bundled(),
        TransactionSender.Options.defaults());
    GovernanceGateway gateway = new EvmGovernanceGateway(sender, chain.governor(), chain.endpoint(), transactionPolicy);
    String agentKey = chain.chainId() + ":" + agent.agentId();
    var binding = new ProposalLifecycle.Binding(chain.name(), agentKey, BigInteger.valueOf(agent.agentId()),
        agent.name(), signer.address(), chain.registry(), chain.governor(), agent.market(), chain.timelock(),
        client::preferredRpcUrl, chain.confirmations(), tuning.historyBlocks(), config.lifecycle().outcomeBlocks(),
        config.lifecycle().pollInterval());
    ReputationFlow flow = reputationFlow(config, chain, agent, client, signer, sender, nonceManager, gateway, database,
        listener, reputation, validatorKey, reviewerKey);
    insightAttestations.register(flow);
    return new ProposalLifecycle(binding, governanceAgent, gateway, new ChainMarketMetrics(client, agent.market(), head -> heads.update(chain.name(), head)),
        database.stores(), database::inTransaction, listener, flow);
  }

  /**
   * The agent's reputation flow: attestations signed with its operator key always; validation and outcome reviews on
   * chain when the chain names both ERC-8004 registries and the node has the validator / reviewer key. Those
   * transactions pass a policy that allows exactly the three registry calls.
   */
  private static ReputationFlow reputationFlow(NodeConfig config, ChainConfig chain, AgentConfig agent,
      EvmChainClient client, KeystoreSigner signer, TransactionSender sender, NonceManager nonces,
      GovernanceGateway gateway, Database database, LifecycleListener listener, NodeReputation reputation,
      Optional<KeystoreSigner> validatorKey, Optional<KeystoreSigner> reviewerKey) {
    String verifying = chain.eas() != null ? chain.eas()
        : chain.reputationRegistry() != null ? chain.reputationRegistry() : "0x0000000000000000000000000000000000000000";
    EasDomain domain = EasDomain.of(config.reputation().easVersion(), chain.chainId(), verifying);
    Optional<ReputationAnchor> anchor = chain.hasReputationRegistries()
        ? Optional.of(new ReputationAnchor(client, chain.reputationRegistry(), chain.validationRegistry(),
            new PolicyGuard(new AgentPolicy(ReputationAnchor.allowedCalls(chain.reputationRegistry(),
                chain.validationRegistry()), 1, true))))
        : Optional.empty();
    java.util.function.Function<KeystoreSigner, ReputationFlow.Role> role = key -> new ReputationFlow.Role(
        new AttestationSigner(domain, key.credentials()),
        key == signer ? sender : TransactionSender.create(client, key, nonces, RevertDecoder.bundled(),
            TransactionSender.Options.defaults()));
    return new ReputationFlow(agent.name(),
        new ReputationFlow.Agent(chain.chainId(), BigInteger.valueOf(agent.agentId()), signer.address()),
        role.apply(signer), validatorKey.map(role), reviewerKey.map(role), anchor,
        new ContributionRecorder(reputation.archive(), reputation, TimeProvider.system()),
        new EvmChainFacts(client, chain.governor(), gateway, reputation.time()), database.stores(), reputation::feedbackSeen, listener);
  }

  /**
   * Feeds the ReputationRegistry's confirmed feedback events into the reputation service, from reputation.fromBlock
   * on at every start (the service ignores events it already stored), so the node sees again which outcome
   * attestations are anchored.
   */
  private static Service feedbackMonitor(NodeConfig config, ChainConfig chain, EvmChainClient client,
      NodeReputation reputation) {
    var monitorConfig = ConfirmedEventMonitor.Config.of("feedback:" + chain.name() + ":" + chain.reputationRegistry(),
            List.of(chain.reputationRegistry()),
            List.of(FeedbackEvents.NEW_FEEDBACK_TOPIC, FeedbackEvents.FEEDBACK_REVOKED_TOPIC),
            config.reputation().fromBlock(), chain.confirmations())
        .withPollInterval(config.lifecycle().pollInterval());
    return new ConfirmedEventMonitor(client, monitorConfig, new VolatileCheckpointStore(),
        new FeedbackListener(client, reputation, reputation.time()));
  }

  /** Stores archived attestations the service lacks (a crash between writing the file and storing it). */
  private static void loadArchive(NodeReputation reputation) {
    AttestationVerifier verifier = new AttestationVerifier(TimeProvider.system());
    for (OffchainAttestation a : reputation.archive().readAll()) {
      if (verifier.verify(a).valid()) {
        reputation.record(a);
      } else {
        LOG.warn("ignoring attestation {}: it does not verify", a.uid());
      }
    }
  }

  private static KeystoreSigner load(KeyConfig key) {
    PasswordSource password = key.passwordFile() != null
        ? new PasswordSource.File(key.passwordFile())
        : new PasswordSource.Env(key.passwordEnv(), System.getenv());
    return Keystores.load(key.keystore(), password);
  }

  /**
   * Follows the Governor's votes, delivering each only once it is {@code confirmations} blocks deep and re-reading
   * reorganized blocks; progress is checkpointed in the database.
   */
  private static Service voteMonitor(NodeConfig config, ChainConfig chain, EvmChainClient client, Database database,
      LifecycleListener listener) {
    long start = Math.max(0, client.blockNumber() - chain.confirmations() - 10_000);
    var monitorConfig = ConfirmedEventMonitor.Config.of("votes:" + chain.name() + ":" + chain.governor(),
            List.of(chain.governor()), List.of(VoteRecorder.VOTE_CAST_TOPIC), start, chain.confirmations())
        .withPollInterval(config.lifecycle().pollInterval());
    return new ConfirmedEventMonitor(client, monitorConfig, database.stores().checkpoints(),
        new VoteRecorder(chain.name(), chain.governor(), database.stores(), listener));
  }

  public Database database() {
    return database;
  }

  public NodeConfig config() {
    return config;
  }

  /** Agent reputation over this node's database: record attestations and chain feedback, read scores. */
  public ReputationService reputation() {
    return reputation;
  }

  /** The signed attestations this node made, as files under {@code dataDir/attestations}. */
  public AttestationArchive attestations() {
    return attestations;
  }

  /** The libp2p network, when {@code p2p.enabled}. */
  public Optional<P2pNetwork> p2p() {
    return Optional.ofNullable(network);
  }

  /** The cross-chain insight exchange, when {@code p2p.enabled}. */
  public Optional<InsightExchange> insights() {
    return Optional.ofNullable(exchange);
  }

  public Optional<Integer> apiPort() {
    return Optional.ofNullable(api).map(ApiServer::port);
  }

  /** True once every agent's latest proposal has reached a recorded outcome. */
  public boolean isIdle() {
    return lifecycles.stream().allMatch(ProposalLifecycle::isIdle);
  }

  @Override
  public void close() {
    for (int i = services.size() - 1; i >= 0; i--) {
      try {
        services.get(i).stop().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", services.get(i).name(), e.getMessage());
      }
    }
    closeQuietly(scoreCache);
    closeQuietly(database, clients);
  }

  private static void closeQuietly(ScoreCache cache) {
    if (cache != null) {
      try {
        cache.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the score cache failed", e);
      }
    }
  }

  private static void closeQuietly(Database database, Map<String, EvmChainClient> clients) {
    clients.values().forEach(c -> {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.debug("closing client failed", e);
      }
    });
    if (database != null) {
      database.close();
    }
  }
}
