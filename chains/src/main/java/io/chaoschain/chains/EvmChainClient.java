package io.chaoschain.chains;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.chaoschain.chains.internal.FailoverWeb3jService;
import io.chaoschain.chains.internal.FailoverWeb3jService.Probe;
import io.chaoschain.chains.internal.JsonResult;
import io.chaoschain.chains.internal.RpcErrors;
import io.chaoschain.chains.internal.Web3jResults;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * {@link ChainClient} over HTTP JSON-RPC with web3j: the one JSON-RPC stack of ChaosChain, used by the node, the
 * simulator and the demo alike. Connecting checks every RPC URL's chain id; requests fail over between URLs and retry
 * with backoff per the {@link RetryPolicy}, each limited by its call timeout; errors name the chain and the method,
 * and RPC URLs appear in messages only redacted. {@link #batch} sends JSON-RPC batches of up to {@value #MAX_BATCH}
 * calls. The {@link #web3j()} facade shares the failover transport, so generated contract wrappers fail over too.
 *
 * <p>Each client keeps its own pool of keep-alive connections; clients share TLS setup, so opening one is cheap.
 */
public final class EvmChainClient implements ChainClient {
    private static final Logger LOG = LoggerFactory.getLogger(EvmChainClient.class);
    private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();
    private static final long WEB3J_POLL_MILLIS = 100;
    /** Largest batch sent in one HTTP request; public endpoints commonly cap batches around 100. */
    static final int MAX_BATCH = 100;

    private final String name;
    private final List<String> rpcUrls;
    private final FailoverWeb3jService service;
    private final Web3j web3j;
    private final ScheduledThreadPoolExecutor web3jScheduler;
    private final Runnable releaseHttp;
    /** The configured chain id, or 0 until the node was asked for it (a client of an unconfigured URL). */
    private volatile long chainId;

    private EvmChainClient(
            String name, long chainId, List<String> rpcUrls, FailoverWeb3jService service, Runnable releaseHttp) {
        this.name = name;
        this.chainId = chainId;
        this.rpcUrls = rpcUrls;
        this.service = service;
        this.releaseHttp = releaseHttp;
        this.web3jScheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "web3j-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.web3j = Web3j.build(service, WEB3J_POLL_MILLIS, web3jScheduler);
    }

    /** Connects with the default {@link RetryPolicy}; see {@link Builder#connect()}. */
    public static EvmChainClient connect(ChainEndpoints endpoints) {
        return builder(endpoints).connect();
    }

    public static Builder builder(ChainEndpoints endpoints) {
        Objects.requireNonNull(endpoints, "endpoints");
        return new Builder(endpoints, endpoints.name(), endpoints.rpcUrls());
    }

    /**
     * A client of one RPC URL that is not a configured chain: a devnet, a fork, the {@code --rpc} of a command. Its chain
     * id is not checked but read from the node when first asked for, and connecting sends nothing.
     *
     * @param name how errors and logs name the chain, e.g. {@code fork}
     */
    public static Builder builder(String name, String rpcUrl) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a chain client needs a name");
        }
        return new Builder(null, name, List.of(Objects.requireNonNull(rpcUrl, "rpcUrl")));
    }

    /** Options for {@link EvmChainClient}; everything but the endpoints has a default. */
    public static final class Builder {
        private final ChainEndpoints endpoints;
        private final String name;
        private final List<String> rpcUrls;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = RandomGenerator.getDefault();
        private Function<String, Web3jService> transports;
        private Function<String, String> redaction = Redaction::url;

        private Builder(ChainEndpoints endpoints, String name, List<String> rpcUrls) {
            this.endpoints = endpoints;
            this.name = name;
            this.rpcUrls = rpcUrls;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** How the client waits between retry rounds (tests pass one that records instead of sleeping). */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value);
            return this;
        }

        /** The source of backoff jitter. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value);
            return this;
        }

        /** Replaces the HTTP transport: maps each RPC URL to the service that reaches it. */
        public Builder transports(Function<String, Web3jService> value) {
            this.transports = Objects.requireNonNull(value);
            return this;
        }

        /**
         * How RPC URLs appear in messages and logs; {@link Redaction#url} by default. Tools that print URLs users typed
         * pass the stricter {@link Redaction#origin}.
         */
        public Builder redaction(Function<String, String> value) {
            this.redaction = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Checks each configured RPC URL's chain id and returns a client; a client of an unconfigured URL
         * ({@link #builder(String, String)}) is returned without a request.
         *
         * @throws UserFacingException when an RPC reports another chain id or no RPC URL answers
         */
        public EvmChainClient connect() {
            boolean plain = rpcUrls.stream().allMatch(url -> url.regionMatches(true, 0, "http://", 0, 7));
            OkHttpClient http = transports == null ? httpClient(retryPolicy.callTimeout(), plain) : null;
            Function<String, Web3jService> factory =
                    transports != null ? transports : url -> new HttpService(url, http);
            List<FailoverWeb3jService.Endpoint> list = rpcUrls.stream()
                    .map(url -> new FailoverWeb3jService.Endpoint(redaction.apply(url), factory.apply(url)))
                    .toList();
            long expectedChainId = endpoints == null ? 0 : endpoints.chainId();
            FailoverWeb3jService service =
                    new FailoverWeb3jService(name, expectedChainId, list, retryPolicy, sleeper, random);
            Runnable release = () -> {
                if (http != null) {
                    http.dispatcher().executorService().shutdown();
                    http.connectionPool().evictAll();
                }
            };
            if (endpoints != null) {
                try {
                    verify(endpoints, service.probeAll());
                } catch (RuntimeException e) {
                    closeQuietly(service);
                    release.run();
                    throw e;
                }
            }
            return new EvmChainClient(name, expectedChainId, rpcUrls, service, release);
        }
    }

    /** Holds the TLS setup every client's HTTP client derives from: building it once keeps opening a client cheap. */
    private static final class SharedHttp {
        static final OkHttpClient ROOT = new OkHttpClient();
    }

    /**
     * The root of clients whose every URL is plain http (a local node, an Anvil fork): without TLS, so opening one
     * does not read the JDK's trust store, a large share of a short command's start.
     */
    private static final class PlainHttp {
        static final OkHttpClient ROOT = new OkHttpClient.Builder()
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .build();
    }

    private static OkHttpClient httpClient(Duration callTimeout, boolean plain) {
        Duration connect = callTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? callTimeout : Duration.ofSeconds(10);
        return (plain ? PlainHttp.ROOT : SharedHttp.ROOT)
                .newBuilder()
                .dispatcher(new Dispatcher())
                .connectionPool(new ConnectionPool())
                .callTimeout(callTimeout)
                .connectTimeout(connect)
                .readTimeout(callTimeout)
                .writeTimeout(callTimeout)
                .retryOnConnectionFailure(false)
                .build();
    }

    private static void verify(ChainEndpoints endpoints, List<Probe> probes) {
        String chain = endpoints.name();
        for (Probe probe : probes) {
            if (probe instanceof Probe.WrongChain wrong) {
                throw new UserFacingException(
                        "error: chain '" + chain + "': RPC " + wrong.displayUrl() + " reports chain id "
                                + wrong.reportedChainId() + " but the config expects " + endpoints.chainId() + " ("
                                + endpoints.configKey("chainId") + ")");
            }
        }
        List<Probe.Unreachable> unreachable = probes.stream()
                .filter(Probe.Unreachable.class::isInstance)
                .map(Probe.Unreachable.class::cast)
                .toList();
        if (unreachable.size() == probes.size()) {
            String reasons = unreachable.stream()
                    .map(u -> u.displayUrl() + " : " + u.reason())
                    .collect(Collectors.joining("; "));
            throw new UserFacingException("error: chain '" + chain + "': cannot reach any RPC URL (" + reasons
                    + "); check " + endpoints.configKey("rpc"));
        }
        for (Probe.Unreachable u : unreachable) {
            LOG.warn(
                    "chain '{}': RPC {} is unreachable ({}); using the others until it answers",
                    chain,
                    u.displayUrl(),
                    u.reason());
        }
    }

    /**
     * The RPC URL calls currently go to first (the last that answered), for tools that need a URL of their own, such as
     * a fork simulator. Not for logs: it may carry an API key ({@link Redaction#url} it first).
     */
    public String preferredRpcUrl() {
        return rpcUrls.get(service.preferredIndex());
    }

    @Override
    public String chainName() {
        return name;
    }

    @Override
    public long chainId() {
        long id = chainId;
        if (id == 0) {
            id = Numeric.decodeQuantity(send("eth_chainId").asText()).longValueExact();
            chainId = id;
        }
        return id;
    }

    @Override
    public long blockNumber() {
        return execute("eth_blockNumber", web3j.ethBlockNumber())
                .getBlockNumber()
                .longValueExact();
    }

    @Override
    public Optional<BlockHeader> blockHeader(long number) {
        EthBlock.Block block = execute("eth_getBlockByNumber", web3j.ethGetBlockByNumber(param(number), false))
                .getBlock();
        return Optional.ofNullable(block).map(Web3jResults::header);
    }

    @Override
    public BlockHeader latestHeader() {
        EthBlock.Block block = execute(
                        "eth_getBlockByNumber", web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false))
                .getBlock();
        if (block == null) {
            throw new ChainException(chainName(), "the node returned no latest block");
        }
        return Web3jResults.header(block);
    }

    @Override
    public Optional<ChainBlock> block(long number) {
        EthBlock.Block block = execute("eth_getBlockByNumber", web3j.ethGetBlockByNumber(param(number), true))
                .getBlock();
        if (block == null) {
            return Optional.empty();
        }
        List<ChainTransaction> transactions = new ArrayList<>();
        for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
            if (!(result.get() instanceof org.web3j.protocol.core.methods.response.Transaction tx)) {
                throw new ChainException(chainName(), "block " + number + " came without full transactions");
            }
            transactions.add(Web3jResults.transaction(tx));
        }
        return Optional.of(new ChainBlock(Web3jResults.header(block), transactions));
    }

    @Override
    public List<LogEntry> getLogs(LogFilter filter) {
        EthFilter ethFilter = new EthFilter(param(filter.fromBlock()), param(filter.toBlock()), filter.addresses());
        for (List<String> position : filter.topics()) {
            if (position.isEmpty()) {
                ethFilter.addNullTopic();
            } else if (position.size() == 1) {
                ethFilter.addSingleTopic(position.getFirst());
            } else {
                ethFilter.addOptionalTopics(position.toArray(String[]::new));
            }
        }
        EthLog response = execute("eth_getLogs", web3j.ethGetLogs(ethFilter));
        List<LogEntry> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : response.getLogs()) {
            if (!(result.get() instanceof Log log)) {
                throw new ChainException(chainName(), "eth_getLogs returned hashes instead of logs");
            }
            logs.add(Web3jResults.log(log));
        }
        return logs;
    }

    @Override
    public String call(CallRequest request, BlockRef block) {
        return execute("eth_call", web3j.ethCall(toTransaction(request), param(block)))
                .getValue();
    }

    @Override
    public String getStorageAt(String address, BigInteger slot, BlockRef block) {
        return execute("eth_getStorageAt", web3j.ethGetStorageAt(address, slot, param(block)))
                .getData();
    }

    @Override
    public String getCode(String address, BlockRef block) {
        return execute("eth_getCode", web3j.ethGetCode(address, param(block))).getCode();
    }

    @Override
    public BigInteger getBalance(String address, BlockRef block) {
        return execute("eth_getBalance", web3j.ethGetBalance(address, param(block)))
                .getBalance();
    }

    @Override
    public BigInteger getTransactionCount(String address, BlockRef block) {
        return execute("eth_getTransactionCount", web3j.ethGetTransactionCount(address, param(block)))
                .getTransactionCount();
    }

    @Override
    public BigInteger estimateGas(CallRequest request) {
        return execute("eth_estimateGas", web3j.ethEstimateGas(toTransaction(request)))
                .getAmountUsed();
    }

    @Override
    public BigInteger gasPrice() {
        return execute("eth_gasPrice", web3j.ethGasPrice()).getGasPrice();
    }

    @Override
    public Optional<BigInteger> maxPriorityFeePerGas() {
        try {
            return Optional.of(execute("eth_maxPriorityFeePerGas", web3j.ethMaxPriorityFeePerGas())
                    .getMaxPriorityFeePerGas());
        } catch (RpcErrorException e) {
            return Optional.empty();
        }
    }

    @Override
    public String sendRawTransaction(String signedTransaction) {
        return execute("eth_sendRawTransaction", web3j.ethSendRawTransaction(signedTransaction))
                .getTransactionHash();
    }

    @Override
    public Optional<TxReceipt> receipt(String transactionHash) {
        return execute("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(transactionHash))
                .getTransactionReceipt()
                .map(Web3jResults::receipt);
    }

    @Override
    public <T> T request(String method, List<?> params, Class<T> resultType) {
        JsonResult response = execute(method, new Request<>(method, params, service, JsonResult.class));
        JsonNode result = response.getResult();
        if (resultType == Void.class || result == null || result.isNull()) {
            return null;
        }
        if (resultType == JsonNode.class) {
            return resultType.cast(result);
        }
        try {
            return JSON.treeToValue(result, resultType);
        } catch (JsonProcessingException e) {
            throw new ChainException(
                    chainName(), method + " returned a result that is not a " + resultType.getSimpleName(), e);
        }
    }

    /**
     * Sends the calls as JSON-RPC batches of at most {@value #MAX_BATCH} and returns the answers in call order, matched
     * by id, not position, since JSON-RPC does not promise ordered batch answers.
     */
    @Override
    public List<RpcResult> batch(List<RpcCall> calls) {
        List<RpcResult> results = new ArrayList<>(calls.size());
        for (int start = 0; start < calls.size(); start += MAX_BATCH) {
            results.addAll(sendBatch(calls.subList(start, Math.min(calls.size(), start + MAX_BATCH))));
        }
        return results;
    }

    private List<RpcResult> sendBatch(List<RpcCall> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        BatchRequest batch = new BatchRequest(service);
        List<Request<?, JsonResult>> requests = new ArrayList<>(calls.size());
        for (RpcCall call : calls) {
            Request<?, JsonResult> request = new Request<>(call.method(), call.params(), service, JsonResult.class);
            requests.add(request);
            batch.add(request);
        }
        BatchResponse response;
        try {
            response = batch.send();
        } catch (IOException e) {
            throw new ChainUnavailableException(chainName(), e.getMessage(), e);
        }
        if (response == null) {
            throw new ChainException(
                    chainName(),
                    "a batch of " + calls.size() + " " + calls.getFirst().method()
                            + " calls returned an empty response");
        }
        Map<Long, Response<?>> byId = new HashMap<>();
        for (Response<?> answer : response.getResponses()) {
            byId.put(answer.getId(), answer);
        }
        List<RpcResult> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            String method = calls.get(i).method();
            Response<?> answer = byId.get(requests.get(i).getId());
            if (answer == null) {
                results.add(RpcResult.failed(
                        new RpcErrorException(chainName(), method, -1, "no answer in batch response", null)));
            } else if (answer.hasError()) {
                results.add(RpcResult.failed(error(method, answer.getError())));
            } else {
                results.add(RpcResult.of(answer.getResult() instanceof JsonNode node ? node : NullNode.getInstance()));
            }
        }
        return results;
    }

    @Override
    public Web3j web3j() {
        return web3j;
    }

    @Override
    public void close() {
        web3j.shutdown(); // closes the failover service and the scheduler we gave it
        releaseHttp.run();
    }

    @Override
    public String toString() {
        return "EvmChainClient[" + name + ", chainId " + (chainId == 0 ? "unknown" : chainId) + "]";
    }

    // ---------------------------------------------------------------- plumbing

    private <R extends Response<?>> R execute(String method, Request<?, R> request) {
        R response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw new ChainUnavailableException(chainName(), e.getMessage(), e);
        }
        if (response == null) {
            throw new ChainException(chainName(), method + " returned an empty response");
        }
        if (response.hasError()) {
            throw error(method, response.getError());
        }
        return response;
    }

    /** A JSON-RPC error answer as an exception: a revert of code that was executed, or any other error. */
    private RpcErrorException error(String method, Response.Error error) {
        String data = RpcErrors.data(error.getData());
        boolean executes = method.equals("eth_call") || method.equals("eth_estimateGas");
        String message = error.getMessage() == null ? "" : error.getMessage();
        if (executes
                && (error.getCode() == 3 || message.toLowerCase(Locale.ROOT).contains("revert"))) {
            return new CallRevertedException(chainName(), method, error.getCode(), message, data);
        }
        return new RpcErrorException(chainName(), method, error.getCode(), message, data);
    }

    private static DefaultBlockParameter param(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }

    private static DefaultBlockParameter param(BlockRef block) {
        return switch (block) {
            case BlockRef.Latest l -> DefaultBlockParameterName.LATEST;
            case BlockRef.Pending p -> DefaultBlockParameterName.PENDING;
            case BlockRef.Number n -> param(n.number());
        };
    }

    private static Transaction toTransaction(CallRequest request) {
        return new Transaction(
                request.from().orElse(null),
                null,
                null,
                request.gas().orElse(null),
                request.to().orElse(null),
                request.value().signum() == 0 ? null : request.value(),
                request.data());
    }

    private static void closeQuietly(FailoverWeb3jService service) {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing RPC transports failed", e);
        }
    }
}
