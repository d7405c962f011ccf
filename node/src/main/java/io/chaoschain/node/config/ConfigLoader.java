package io.chaoschain.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoschain.core.Hex;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.node.config.NodeConfig.AgentConfig;
import io.chaoschain.node.config.NodeConfig.AgentTuning;
import io.chaoschain.node.config.NodeConfig.ApiConfig;
import io.chaoschain.node.config.NodeConfig.ChainConfig;
import io.chaoschain.node.config.NodeConfig.KeyConfig;
import io.chaoschain.node.config.NodeConfig.LifecycleConfig;
import io.chaoschain.node.config.NodeConfig.P2pConfig;
import io.chaoschain.node.config.NodeConfig.ReputationConfig;
import io.chaoschain.node.config.NodeConfig.SimulationConfig;
import io.chaoschain.node.config.NodeConfig.StorageConfig;
import io.chaoschain.p2p.Multiaddr;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates {@code node.yaml}. Every error names the file and the key path (e.g. {@code
 * chains.ethereum.rpc}) and says what to do; unknown keys are errors so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {}

    public static NodeConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserFacingException(
                    "error: config file " + file + " not found; pass --config PATH (see docs/configuration.md)");
        } catch (IOException e) {
            throw new UserFacingException("error: cannot read config file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            // the parser's message spans several lines (context, caret); its first line says what is wrong
            String what = e.getOriginalMessage()
                    .lines()
                    .findFirst()
                    .orElse("unreadable")
                    .strip();
            throw new UserFacingException("error: " + file + where + ": malformed YAML: " + what);
        }
        if (root == null || !root.isObject()) {
            throw new UserFacingException("error: " + file + ": expected a YAML mapping with 'chains' and 'agents'");
        }
        return new Reader(file).node(root);
    }

    /** Walks the tree keeping the current key path for error messages. */
    private static final class Reader {
        private final Path file;
        private final Path baseDir;

        Reader(Path file) {
            this.file = file;
            this.baseDir = file.toAbsolutePath().getParent();
        }

        NodeConfig node(JsonNode root) {
            allowOnly(
                    root,
                    "",
                    Set.of(
                            "dataDir",
                            "api",
                            "chains",
                            "agents",
                            "lifecycle",
                            "storage",
                            "reputation",
                            "p2p",
                            "simulation"));
            Path dataDir = path(optionalText(root, "dataDir", "./.chaoschain/data"));

            JsonNode apiNode = root.path("api");
            allowOnly(apiNode, "api.", Set.of("enabled", "host", "port"));
            ApiConfig api = new ApiConfig(
                    bool(apiNode, "api.enabled", true),
                    optionalText(apiNode, "host", "127.0.0.1"),
                    integer(apiNode, "api.port", 7545, 0, 65535));

            JsonNode chainsNode = root.path("chains");
            if (!chainsNode.isObject() || chainsNode.isEmpty()) {
                throw error(
                        "chains",
                        "is required: at least one chain with chainId, rpc, governor, timelock, endpoint and registry");
            }
            Map<String, ChainConfig> chains = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = chainsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                chains.put(e.getKey(), chain(e.getKey(), e.getValue()));
            }

            JsonNode agentsNode = root.path("agents");
            if (!agentsNode.isArray() || agentsNode.isEmpty()) {
                throw error(
                        "agents",
                        "is required: a list with at least one agent (name, chain, agentId, market, keystore)");
            }
            List<AgentConfig> agents = new ArrayList<>();
            for (int i = 0; i < agentsNode.size(); i++) {
                agents.add(agent("agents[" + i + "]", agentsNode.get(i), chains));
            }

            JsonNode lc = root.path("lifecycle");
            allowOnly(lc, "lifecycle.", Set.of("pollIntervalMs", "outcomeBlocks", "exitWhenIdle"));
            LifecycleConfig lifecycle = new LifecycleConfig(
                    Duration.ofMillis(integer(lc, "lifecycle.pollIntervalMs", 1000, 50, 600_000)),
                    integer(lc, "lifecycle.outcomeBlocks", 20, 1, 100_000),
                    bool(lc, "lifecycle.exitWhenIdle", false));
            P2pConfig p2p = p2p(root.path("p2p"), dataDir);
            // keep the file's order: clients, monitors and health output follow it
            return new NodeConfig(
                    file,
                    dataDir,
                    api,
                    java.util.Collections.unmodifiableMap(chains),
                    List.copyOf(agents),
                    lifecycle,
                    storage(root.path("storage")),
                    reputation(root.path("reputation")),
                    p2p,
                    simulation(root.path("simulation")));
        }

        StorageConfig storage(JsonNode n) {
            allowOnly(n, "storage.", Set.of("url", "user", "passwordEnv"));
            if (!n.isObject() || !n.hasNonNull("url")) {
                if (n.isObject() && (n.has("user") || n.has("passwordEnv"))) {
                    throw error(
                            "storage.url",
                            "is required with storage.user/passwordEnv: postgresql://host:port/database");
                }
                return StorageConfig.embedded();
            }
            String url = n.get("url").asText();
            String user = requiredText(n, "storage.user", "user");
            String passwordEnv = optionalText(n, "passwordEnv", "CHAOSCHAIN_DB_PASSWORD");
            try {
                new io.chaoschain.storage.PostgresTarget(url, user, null);
            } catch (UserFacingException e) {
                throw new UserFacingException(
                        "error: " + file + ": " + e.getMessage().replaceFirst("^error: ", ""));
            }
            if (!passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(
                        "storage.passwordEnv",
                        "must name an environment variable (e.g. CHAOSCHAIN_DB_PASSWORD), got '" + passwordEnv + "'");
            }
            return new StorageConfig(url, user, passwordEnv);
        }

        SimulationConfig simulation(JsonNode n) {
            allowOnly(n, "simulation.", Set.of("parallelForks", "warmForks"));
            return new SimulationConfig(
                    integer(n, "simulation.parallelForks", 0, 0, 64), integer(n, "simulation.warmForks", 0, 0, 16));
        }

        ReputationConfig reputation(JsonNode n) {
            allowOnly(
                    n, "reputation.", Set.of("redis", "attesters", "easVersion", "validator", "reviewer", "fromBlock"));
            String redis = n.hasNonNull("redis") ? n.get("redis").asText().strip() : null;
            if (redis != null) {
                try {
                    URI uri = URI.create(redis);
                    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())
                            || uri.getHost() == null) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw error(
                            "reputation.redis", "must be a URL such as redis://localhost:6379, got '" + redis + "'");
                }
            }
            List<String> attesters = new ArrayList<>();
            JsonNode list = n.path("attesters");
            if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
                throw error("reputation.attesters", "must be a list of 0x-prefixed signer addresses");
            }
            for (int i = 0; i < list.size(); i++) {
                String value = list.get(i).asText();
                try {
                    attesters.add(Hex.address(value, "reputation.attesters[" + i + "]"));
                } catch (UserFacingException e) {
                    throw error(
                            "reputation.attesters[" + i + "]",
                            "must be a 0x-prefixed 20-byte hex address, got '" + value + "'");
                }
            }
            String easVersion =
                    optionalText(n, "easVersion", ReputationConfig.defaults().easVersion());
            if (easVersion.isBlank()) {
                throw error("reputation.easVersion", "must not be empty (the EAS contract version, e.g. 1.3.0)");
            }
            JsonNode from = n.get("fromBlock");
            if (from != null && (!from.canConvertToLong() || from.asLong() < 0)) {
                throw error("reputation.fromBlock", "must be a block number (0 or more), got '" + from.asText() + "'");
            }
            return new ReputationConfig(
                    redis,
                    List.copyOf(attesters),
                    easVersion,
                    key(n, "validator"),
                    key(n, "reviewer"),
                    from == null ? 0 : from.asLong());
        }

        private KeyConfig key(JsonNode parent, String name) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            String p = "reputation." + name;
            if (!n.isObject()) {
                throw error(p, "must be a mapping with keystore and passwordFile or passwordEnv");
            }
            allowOnly(n, p + ".", Set.of("keystore", "passwordFile", "passwordEnv"));
            Path keystore = path(requiredText(n, p + ".keystore", "keystore"));
            Path passwordFile =
                    n.hasNonNull("passwordFile") ? path(n.get("passwordFile").asText()) : null;
            return new KeyConfig(
                    keystore, passwordFile, optionalText(n, "passwordEnv", "CHAOSCHAIN_KEYSTORE_PASSWORD"));
        }

        P2pConfig p2p(JsonNode n, Path dataDir) {
            if (!n.isMissingNode() && !n.isNull() && !n.isObject()) {
                throw error("p2p", "must be a mapping (enabled, listen, bootstrap, keyFile, relevanceThreshold)");
            }
            allowOnly(n, "p2p.", Set.of("enabled", "listen", "bootstrap", "keyFile", "relevanceThreshold"));
            boolean enabled = bool(n, "p2p.enabled", n.isObject());
            String listen = optionalText(n, "listen", "/ip4/127.0.0.1/tcp/0");
            Multiaddr listenAddr = multiaddr("p2p.listen", listen);
            if (listenAddr.toTcpSocketAddress().isEmpty() || listenAddr.has(Multiaddr.Protocol.P2P)) {
                throw error(
                        "p2p.listen", "must be a TCP address such as /ip4/127.0.0.1/tcp/4001, got '" + listen + "'");
            }
            List<String> bootstrap = new ArrayList<>();
            JsonNode b = n.path("bootstrap");
            if (!b.isMissingNode() && !b.isNull() && !b.isArray()) {
                throw error(
                        "p2p.bootstrap",
                        "must be a list of multiaddrs such as /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...");
            }
            for (int i = 0; i < b.size(); i++) {
                String path = "p2p.bootstrap[" + i + "]";
                String text = b.get(i).asText();
                Multiaddr addr = multiaddr(path, text);
                if (addr.peerId().isEmpty() || addr.toTcpSocketAddress().isEmpty()) {
                    throw error(
                            path,
                            "must name a TCP address and the peer's ID, e.g. /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...,"
                                    + " got '" + text + "'");
                }
                bootstrap.add(addr.toString());
            }
            Path keyFile = n.hasNonNull("keyFile") ? path(n.get("keyFile").asText()) : dataDir.resolve("p2p.key");
            double threshold = 0.5;
            JsonNode t = n.get("relevanceThreshold");
            if (t != null && !t.isNull()) {
                if (!t.isNumber() || t.asDouble() <= -1 || t.asDouble() >= 1) {
                    throw error(
                            "p2p.relevanceThreshold",
                            "must be a number between -1 and 1 (cosine similarity), e.g. 0.5, got '" + t.asText()
                                    + "'");
                }
                threshold = t.asDouble();
            }
            return new P2pConfig(enabled, listenAddr.toString(), bootstrap, keyFile, threshold);
        }

        private Multiaddr multiaddr(String path, String text) {
            try {
                return Multiaddr.parse(text);
            } catch (RuntimeException e) {
                throw error(
                        path,
                        "'" + text + "' is not a valid multiaddr (" + e.getMessage()
                                + "); expected e.g. /ip4/127.0.0.1/tcp/4001");
            }
        }

        ChainConfig chain(String name, JsonNode n) {
            String p = "chains." + name + ".";
            if (!n.isObject()) {
                throw error(p + "", "must be a mapping");
            }
            allowOnly(
                    n,
                    p,
                    Set.of(
                            "chainId",
                            "rpc",
                            "confirmations",
                            "governor",
                            "timelock",
                            "endpoint",
                            "registry",
                            "reputationRegistry",
                            "validationRegistry",
                            "eas"));
            JsonNode chainId = n.get("chainId");
            if (chainId == null || !chainId.canConvertToLong() || chainId.asLong() <= 0) {
                throw error(
                        p + "chainId",
                        "is required: the chain's numeric id (e.g. 1 for Ethereum mainnet, 31337 for Anvil)");
            }
            List<String> rpc = new ArrayList<>();
            JsonNode rpcNode = n.get("rpc");
            if (rpcNode != null && rpcNode.isTextual()) {
                rpc.add(rpcNode.asText());
            } else if (rpcNode != null && rpcNode.isArray()) {
                rpcNode.forEach(u -> rpc.add(u.asText()));
            }
            if (rpc.isEmpty()) {
                throw error(
                        p + "rpc", "is required for chain '" + name + "': one URL or a list of URLs in failover order");
            }
            for (String url : rpc) {
                try {
                    URI uri = URI.create(url);
                    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw error(p + "rpc", "'" + url + "' is not an http(s) URL");
                }
            }
            return new ChainConfig(
                    name,
                    chainId.asLong(),
                    List.copyOf(rpc),
                    integer(n, p + "confirmations", 1, 0, 1000),
                    address(n, p, "governor"),
                    address(n, p, "timelock"),
                    address(n, p, "endpoint"),
                    address(n, p, "registry"),
                    optionalAddress(n, p, "reputationRegistry"),
                    optionalAddress(n, p, "validationRegistry"),
                    optionalAddress(n, p, "eas"));
        }

        AgentConfig agent(String p, JsonNode n, Map<String, ChainConfig> chains) {
            allowOnly(
                    n,
                    p + ".",
                    Set.of(
                            "name",
                            "chain",
                            "agentId",
                            "market",
                            "keystore",
                            "passwordFile",
                            "passwordEnv",
                            "tuning",
                            "analyst"));
            String name = requiredText(n, p + ".name", "name");
            String chain = requiredText(n, p + ".chain", "chain");
            if (!chains.containsKey(chain)) {
                throw error(p + ".chain", "'" + chain + "' is not one of the configured chains " + chains.keySet());
            }
            JsonNode agentId = n.get("agentId");
            if (agentId == null || !agentId.canConvertToLong() || agentId.asLong() < 0) {
                throw error(p + ".agentId", "is required: the agent's id in the chain's AgentRegistry");
            }
            String market = address(n, p + ".", "market");
            Path keystore = path(requiredText(n, p + ".keystore", "keystore"));
            Path passwordFile =
                    n.hasNonNull("passwordFile") ? path(n.get("passwordFile").asText()) : null;
            String passwordEnv = optionalText(n, "passwordEnv", "CHAOSCHAIN_KEYSTORE_PASSWORD");
            JsonNode t = n.path("tuning");
            allowOnly(
                    t,
                    p + ".tuning.",
                    Set.of("minSamples", "highUtilization", "targetUtilization", "maxBorrowApr", "historyBlocks"));
            AgentTuning tuning = new AgentTuning(
                    integer(t, p + ".tuning.minSamples", 8, 2, 10_000),
                    fraction(t, p + ".tuning.highUtilization", "0.90"),
                    fraction(t, p + ".tuning.targetUtilization", "0.90"),
                    positiveDecimal(t, p + ".tuning.maxBorrowApr", "0.60"),
                    integer(t, p + ".tuning.historyBlocks", 400, 10, 1_000_000));
            var analyst = AnalystBlock.read(
                    n.get("analyst"), p + ".analyst", m -> new UserFacingException("error: " + file + ": " + m));
            return new AgentConfig(
                    name, chain, agentId.asLong(), market, keystore, passwordFile, passwordEnv, tuning, analyst);
        }

        private Path path(String value) {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
        }

        private void allowOnly(JsonNode n, String prefix, Set<String> allowed) {
            if (n == null || !n.isObject()) {
                return;
            }
            n.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    throw error(
                            prefix + k,
                            "is not a known setting; expected one of "
                                    + allowed.stream().sorted().toList());
                }
            });
        }

        private String address(JsonNode n, String prefix, String key) {
            JsonNode v = n.get(key);
            if (v == null || !v.isTextual()) {
                throw error(prefix + key, "is required: a 0x-prefixed contract address");
            }
            try {
                return Hex.address(v.asText(), prefix + key);
            } catch (UserFacingException e) {
                throw error(prefix + key, "must be a 0x-prefixed 20-byte hex address, got '" + v.asText() + "'");
            }
        }

        private String optionalAddress(JsonNode n, String prefix, String key) {
            return n.hasNonNull(key) ? address(n, prefix, key).toLowerCase(java.util.Locale.ROOT) : null;
        }

        private String requiredText(JsonNode n, String path, String key) {
            JsonNode v = n.get(key);
            if (v == null || !v.isValueNode() || v.asText().isBlank()) {
                throw error(path, "is required");
            }
            return v.asText();
        }

        private static String optionalText(JsonNode n, String key, String fallback) {
            JsonNode v = n.get(key);
            return v == null || v.isNull() ? fallback : v.asText();
        }

        private int integer(JsonNode n, String path, int fallback, int min, int max) {
            String key = path.substring(path.lastIndexOf('.') + 1);
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
                throw error(path, "must be an integer between " + min + " and " + max + ", got '" + v.asText() + "'");
            }
            return v.asInt();
        }

        private boolean bool(JsonNode n, String path, boolean fallback) {
            String key = path.substring(path.lastIndexOf('.') + 1);
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw error(path, "must be true or false, got '" + v.asText() + "'");
            }
            return v.asBoolean();
        }

        private String fraction(JsonNode n, String path, String fallback) {
            String key = path.substring(path.lastIndexOf('.') + 1);
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            try {
                var d = new java.math.BigDecimal(v.asText());
                if (d.signum() <= 0 || d.compareTo(java.math.BigDecimal.ONE) > 0) {
                    throw new NumberFormatException();
                }
                return d.toPlainString();
            } catch (NumberFormatException e) {
                throw error(path, "must be a fraction in (0, 1], e.g. 0.9 for 90%, got '" + v.asText() + "'");
            }
        }

        private String positiveDecimal(JsonNode n, String path, String fallback) {
            String key = path.substring(path.lastIndexOf('.') + 1);
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            try {
                var d = new java.math.BigDecimal(v.asText());
                if (d.signum() <= 0) {
                    throw new NumberFormatException();
                }
                return d.toPlainString();
            } catch (NumberFormatException e) {
                throw error(path, "must be a positive decimal, e.g. 0.6 for 60% APR, got '" + v.asText() + "'");
            }
        }

        private UserFacingException error(String path, String message) {
            return new UserFacingException("error: " + file + ": " + path + " " + message);
        }
    }
}
