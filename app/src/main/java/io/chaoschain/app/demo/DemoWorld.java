package io.chaoschain.app.demo;

import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.anvil.AnvilAccounts;
import io.chaoschain.chains.anvil.AnvilProcess;
import io.chaoschain.chains.contracts.AgentRegistry;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.chains.deploy.DaoDeployer;
import io.chaoschain.chains.deploy.DaoDeployment;
import io.chaoschain.chains.keys.Keystores;
import io.chaoschain.chains.keys.ScryptStrength;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The demo's local world: an Anvil devnet with the DAO deployed, a registered agent with an encrypted operator key,
 * rate-sensitive traffic against the market, scripted delegates, and a {@code node.yaml} pointing a node at all of it.
 * Nothing here is used by a node against a real chain; the node only ever sees the config this writes.
 */
public final class DemoWorld implements AutoCloseable {
    static final long CHAIN_ID = 31337;
    static final int DELEGATES = 3;
    /** Anvil dev account that validates simulation reports in the ValidationRegistry. */
    static final int VALIDATOR_ACCOUNT = 4;
    /** Anvil dev account of the DAO's outcome reviewer, who anchors outcomes in the ReputationRegistry. */
    static final int REVIEWER_ACCOUNT = 5;

    private final Path dir;
    private final AnvilProcess anvil;
    private final EvmChainClient client;
    private final Web3j web3j;
    private final AnvilRpc rpc;
    private final DaoDeployment deployment;
    private final DaoDeployer.Settings settings;
    private final TrafficGenerator traffic;
    private final ScriptedElectorate electorate;
    private final BigInteger agentId;
    private final Options options;
    private final Path keystore;
    private final Path passwordFile;
    private volatile Path config;

    private DemoWorld(
            Path dir,
            AnvilProcess anvil,
            EvmChainClient client,
            AnvilRpc rpc,
            DaoDeployment deployment,
            DaoDeployer.Settings settings,
            TrafficGenerator traffic,
            ScriptedElectorate electorate,
            BigInteger agentId,
            Options options,
            Path keystore,
            Path passwordFile,
            Path config) {
        this.options = options;
        this.keystore = keystore;
        this.passwordFile = passwordFile;
        this.dir = dir;
        this.anvil = anvil;
        this.client = client;
        this.web3j = client.web3j();
        this.rpc = rpc;
        this.deployment = deployment;
        this.settings = settings;
        this.traffic = traffic;
        this.electorate = electorate;
        this.agentId = agentId;
        this.config = config;
    }

    /**
     * Options of the world: where its files go, the traffic seed, how much history to build before the node starts, and
     * which chain id, chain name and agent name it uses.
     */
    public record Options(
            Path dir,
            long seed,
            int warmupRounds,
            int pollIntervalMs,
            int outcomeBlocks,
            boolean exitWhenIdle,
            int detachedPort,
            long chainId,
            String chainName,
            String agentName) {

        public Options(
                Path dir,
                long seed,
                int warmupRounds,
                int pollIntervalMs,
                int outcomeBlocks,
                boolean exitWhenIdle,
                int detachedPort) {
            this(
                    dir,
                    seed,
                    warmupRounds,
                    pollIntervalMs,
                    outcomeBlocks,
                    exitWhenIdle,
                    detachedPort,
                    CHAIN_ID,
                    "devnet",
                    "rate-analyst");
        }

        /** The world the demo runs in: a throw-away Anvil on a free port that dies with this process. */
        public static Options demo(Path dir, long seed, int warmupRounds) {
            return new Options(dir, seed, warmupRounds, 250, 12, false, 0);
        }

        /** The same world on another chain id, with its own chain and agent names. */
        public Options onChain(long id, String chain, String agent) {
            return new Options(
                    dir,
                    seed,
                    warmupRounds,
                    pollIntervalMs,
                    outcomeBlocks,
                    exitWhenIdle,
                    detachedPort,
                    id,
                    chain,
                    agent);
        }
    }

    /** Builds the world; on any failure everything started so far is stopped again. */
    public static DemoWorld create(Options options, Consumer<String> progress) {
        Path dir = prepare(options.dir());
        long chainId = options.chainId();
        AnvilProcess.Options anvilOptions = AnvilProcess.Options.devnet(chainId);
        if (options.detachedPort() > 0) {
            anvilOptions = anvilOptions.withPort(options.detachedPort()).withLogFile(dir.resolve("anvil.log"));
        }
        AnvilProcess anvil = AnvilProcess.start(anvilOptions);
        EvmChainClient client;
        try {
            client = EvmChainClient.connect(ChainEndpoints.of(options.chainName(), chainId, anvil.rpcUrl()));
        } catch (RuntimeException e) {
            anvil.close();
            throw e;
        }
        Web3j web3j = client.web3j();
        try {
            progress.accept("devnet: Anvil " + anvil.rpcUrl() + " (chain id " + chainId + ", pid " + anvil.pid() + ")");
            AnvilRpc rpc = new AnvilRpc(client);
            Credentials deployer = AnvilAccounts.credentials(0);
            DaoDeployer.Settings settings = DaoDeployer.Settings.defaults()
                    .withDelegates(IntStream.rangeClosed(1, DELEGATES)
                            .mapToObj(AnvilAccounts::credentials)
                            .toList());
            DaoDeployment d = new DaoDeployer(web3j, deployer, gas(), receipts(web3j)).deploy(settings);
            progress.accept(
                    "deployed: governor " + d.governor() + ", timelock " + d.timelock() + ", market " + d.market()
                            + ", registry " + d.registry() + ", endpoint " + d.endpoint() + ", reputation registry "
                            + d.reputationRegistry() + ", validation registry " + d.validationRegistry());

            // the agent's operator key: generated here, stored only encrypted
            Path keys = Files.createDirectories(dir.resolve("keys"));
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            Path passwordFile = writePrivate(keys.resolve("operator.password"), password);
            Path keystore = keys.resolve("operator.json");
            Credentials operator =
                    Keystores.create(keystore, password, ScryptStrength.LIGHT).credentials();
            rpc.setBalance(operator.getAddress(), BigInteger.TEN.pow(20));
            // the validator and the DAO's outcome reviewer: Anvil dev accounts, stored encrypted like the operator key
            Keystores.importKey(
                    keys.resolve("validator.json"), privateKey(VALIDATOR_ACCOUNT), password, ScryptStrength.LIGHT);
            Keystores.importKey(
                    keys.resolve("reviewer.json"), privateKey(REVIEWER_ACCOUNT), password, ScryptStrength.LIGHT);

            AgentRegistry registry = AgentRegistry.load(
                    d.registry(), web3j, new RawTransactionManager(web3j, operator, chainId, receipts(web3j)), gas());
            var receipt = registry.register(agentCard(options.agentName())).send();
            BigInteger agentId = AgentRegistry.getRegisteredEvents(receipt).getFirst().agentId;
            progress.accept("agent registered in the ERC-8004 identity registry: id " + agentId + ", operator "
                    + operator.getAddress() + " (key encrypted in " + keystore + ")");

            TrafficGenerator traffic = new TrafficGenerator(web3j, rpc, chainId, d.market(), options.seed(), progress);
            traffic.setUp(deployer, d.asset(), d.collateral());
            LendingMarket market = LendingMarket.load(d.market(), web3j, deployer, gas());
            for (int round = 1; round <= options.warmupRounds(); round++) {
                traffic.round();
                if (round % 4 == 0 || round == options.warmupRounds()) {
                    progress.accept(String.format(
                            "traffic round %d/%d: utilization %s, borrow APR %s (%d transactions so far)",
                            round,
                            options.warmupRounds(),
                            pct(market.utilization().send()),
                            pct(market.borrowRatePerYear().send()),
                            traffic.transactions()));
                }
            }

            List<Integer> ballots = List.of(ScriptedElectorate.FOR, ScriptedElectorate.FOR, ScriptedElectorate.AGAINST);
            ScriptedElectorate electorate = new ScriptedElectorate(
                    web3j,
                    rpc,
                    chainId,
                    d.governor(),
                    settings.delegates(),
                    ballots,
                    settings.votingDelayBlocks(),
                    settings.votingPeriodBlocks(),
                    settings.timelockMinDelay().toSeconds(),
                    progress);
            Path config = writeConfig(dir, anvil.rpcUrl(), d, agentId, keystore, passwordFile, options, null);
            return new DemoWorld(
                    dir,
                    anvil,
                    client,
                    rpc,
                    d,
                    settings,
                    traffic,
                    electorate,
                    agentId,
                    options,
                    keystore,
                    passwordFile,
                    config);
        } catch (UserFacingException e) {
            client.close();
            anvil.close();
            throw e;
        } catch (Exception e) {
            client.close();
            anvil.close();
            throw new IllegalStateException("building the demo world failed: " + e.getMessage(), e);
        }
    }

    static Path writeConfig(
            Path dir,
            String rpcUrl,
            DaoDeployment d,
            BigInteger agentId,
            Path keystore,
            Path passwordFile,
            Options options,
            String p2pSection)
            throws IOException {
        String yaml = """
        # Written by `chaoschain demo` for its local devnet; `chaoschain node --config` runs the same way against any chain.
        dataDir: node
        api:
          host: 127.0.0.1
          port: 0
        chains:
          %s:
            chainId: %d
            rpc: [%s]
            confirmations: 1
            governor: "%s"
            timelock: "%s"
            endpoint: "%s"
            registry: "%s"
            reputationRegistry: "%s"
            validationRegistry: "%s"
        reputation:
          validator:
            keystore: keys/validator.json
            passwordFile: %s
          reviewer:
            keystore: keys/reviewer.json
            passwordFile: %s
          fromBlock: %d
        agents:
          - name: %s
            chain: %s
            agentId: %s
            market: "%s"
            keystore: %s
            passwordFile: %s
            tuning:
              minSamples: 8
              historyBlocks: 100
        lifecycle:
          pollIntervalMs: %d
          outcomeBlocks: %d
          exitWhenIdle: %s
        """.formatted(
                                options.chainName(),
                                d.chainId(),
                                rpcUrl,
                                d.governor(),
                                d.timelock(),
                                d.endpoint(),
                                d.registry(),
                                d.reputationRegistry(),
                                d.validationRegistry(),
                                dir.relativize(passwordFile),
                                dir.relativize(passwordFile),
                                d.deployBlock(),
                                options.agentName(),
                                options.chainName(),
                                agentId,
                                d.market(),
                                dir.relativize(keystore),
                                dir.relativize(passwordFile),
                                options.pollIntervalMs(),
                                options.outcomeBlocks(),
                                options.exitWhenIdle())
                + (p2pSection == null ? "" : p2pSection);
        Path file = dir.resolve("node.yaml");
        Path tmp = dir.resolve("node.yaml.tmp");
        Files.writeString(tmp, yaml);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Rewrites {@code node.yaml} with a p2p section: listen on {@code listen}, dial {@code bootstrap}, identity in
     * {@code p2p.key} in the node's data directory.
     */
    public Path configureP2p(String listen, java.util.List<String> bootstrap) throws IOException {
        StringBuilder section = new StringBuilder("p2p:\n  enabled: true\n  listen: \"")
                .append(listen)
                .append("\"\n");
        section.append("  keyFile: node/p2p.key\n");
        section.append("  bootstrap: [")
                .append(String.join(
                        ", ", bootstrap.stream().map(b -> "\"" + b + "\"").toList()))
                .append("]\n");
        config = writeConfig(
                dir, anvil.rpcUrl(), deployment, agentId, keystore, passwordFile, options, section.toString());
        return config;
    }

    /** One more round of market traffic (suppliers and rate-sensitive borrowers). */
    public void trafficRound() throws Exception {
        traffic.round();
    }

    public Options options() {
        return options;
    }

    /** Lets the scripted world react to the proposal: delegates vote, time passes, traffic continues after execution. */
    public void advance(BigInteger proposalId, boolean executed) throws Exception {
        electorate.advance(proposalId);
        if (executed) {
            traffic.round();
        }
    }

    private static String privateKey(int account) {
        return Numeric.toHexStringWithPrefixZeroPadded(
                AnvilAccounts.credentials(account).getEcKeyPair().getPrivateKey(), 64);
    }

    private static String agentCard(String name) {
        String json = "{\"type\":\"https://eips.ethereum.org/EIPS/eip-8004#registration-v1\",\"name\":\"" + name + "\","
                + "\"description\":\"ChaosChain governance agent: tunes lending-market interest-rate models, every proposal"
                + " proven on a fork first\",\"supportedTrust\":[\"reputation\"]}";
        return "data:application/json;base64,"
                + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Empties a directory a previous demo made (or creates it) and marks it as the demo's; refuses a non-empty directory
     * the demo did not make.
     */
    public static Path prepare(Path dir) {
        try {
            Path marker = dir.resolve(".chaoschain-demo");
            if (Files.exists(dir)) {
                try (var entries = Files.list(dir)) {
                    boolean empty = entries.findAny().isEmpty();
                    if (!empty && !Files.exists(marker)) {
                        throw new UserFacingException("error: --data-dir " + dir
                                + " is not empty and was not made by a previous demo;" + " choose another directory");
                    }
                }
                deleteTree(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(marker, "made by chaoschain demo; deleted and rebuilt by the next demo run\n");
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UserFacingException("error: cannot prepare demo directory " + dir + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    static StaticGasProvider gas() {
        return new StaticGasProvider(BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(9_000_000));
    }

    static PollingTransactionReceiptProcessor receipts(Web3j web3j) {
        return new PollingTransactionReceiptProcessor(web3j, 25, 1200);
    }

    private static String pct(BigInteger wad) {
        return io.chaoschain.agent.Percent.of(new java.math.BigDecimal(wad).movePointLeft(18));
    }

    public Path dir() {
        return dir;
    }

    public Path config() {
        return config;
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public Web3j web3j() {
        return web3j;
    }

    public DaoDeployment deployment() {
        return deployment;
    }

    public DaoDeployer.Settings settings() {
        return settings;
    }

    public BigInteger agentId() {
        return agentId;
    }

    public AnvilProcess anvil() {
        return anvil;
    }

    /** Leaves Anvil running after this JVM exits (for {@code devnet up}); returns its pid. */
    public long detach() {
        client.close();
        return anvil.pid();
    }

    @Override
    public void close() {
        client.close();
        anvil.close();
    }
}
