package io.chaoschain.chains;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chaoschain.chains.internal.FailoverWeb3jService;
import io.chaoschain.chains.internal.FailoverWeb3jService.Probe;
import io.chaoschain.chains.internal.JsonResult;
import io.chaoschain.chains.internal.RpcErrors;
import io.chaoschain.core.UserFacingException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * {@link ChainClient} over HTTP JSON-RPC with web3j. Connecting checks every RPC URL's chain id; requests fail over
 * between URLs and retry with backoff per the {@link RetryPolicy}. The {@link #web3j()} facade shares the failover
 * transport, so generated contract wrappers fail over too.
 */
public final class EvmChainClient implements ChainClient {
  private static final Logger LOG = LoggerFactory.getLogger(EvmChainClient.class);
  private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();
  private static final long WEB3J_POLL_MILLIS = 100;

  private final ChainEndpoints endpoints;
  private final FailoverWeb3jService service;
  private final Web3j web3j;
  private final ScheduledThreadPoolExecutor web3jScheduler;
  private final Runnable releaseHttp;

  private EvmChainClient(
      ChainEndpoints endpoints, FailoverWeb3jService service, Runnable releaseHttp) {
    this.endpoints = endpoints;
    this.service = service;
    this.releaseHttp = releaseHttp;
    this.web3jScheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "web3j-" + endpoints.name());
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
    return new Builder(endpoints);
  }

  /** Options for {@link EvmChainClient}; everything but the endpoints has a default. */
  public static final class Builder {
    private final ChainEndpoints endpoints;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private RandomGenerator random = RandomGenerator.getDefault();
    private Function<String, Web3jService> transports;

    private Builder(ChainEndpoints endpoints) {
      this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
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
     * Checks each RPC URL's chain id and returns a client.
     *
     * @throws UserFacingException when an RPC reports another chain id or no RPC URL answers
     */
    public EvmChainClient connect() {
      OkHttpClient http = transports == null ? httpClient(retryPolicy.callTimeout()) : null;
      Function<String, Web3jService> factory = transports != null ? transports : url -> new HttpService(url, http);
      List<FailoverWeb3jService.Endpoint> list = endpoints.rpcUrls().stream()
          .map(url -> new FailoverWeb3jService.Endpoint(Redaction.url(url), factory.apply(url)))
          .toList();
      FailoverWeb3jService service =
          new FailoverWeb3jService(endpoints.name(), endpoints.chainId(), list, retryPolicy, sleeper, random);
      Runnable release = () -> {
        if (http != null) {
          http.dispatcher().executorService().shutdown();
          http.connectionPool().evictAll();
        }
      };
      try {
        verify(endpoints, service.probeAll());
      } catch (RuntimeException e) {
        closeQuietly(service);
        release.run();
        throw e;
      }
      return new EvmChainClient(endpoints, service, release);
    }
  }

  private static OkHttpClient httpClient(Duration callTimeout) {
    Duration connect = callTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? callTimeout : Duration.ofSeconds(10);
    return new OkHttpClient.Builder()
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
        throw new UserFacingException("error: chain '" + chain + "': RPC " + wrong.displayUrl() + " reports chain id "
            + wrong.reportedChainId() + " but the config expects " + endpoints.chainId() + " ("
            + endpoints.configKey("chainId") + ")");
      }
    }
    List<Probe.Unreachable> unreachable =
        probes.stream().filter(Probe.Unreachable.class::isInstance).map(Probe.Unreachable.class::cast).toList();
    if (unreachable.size() == probes.size()) {
      String reasons = unreachable.stream().map(u -> u.displayUrl() + " : " + u.reason())
          .collect(Collectors.joining("; "));
      throw new UserFacingException("error: chain '" + chain + "': cannot reach any RPC URL (" + reasons + "); check "
          + endpoints.configKey("rpc"));
    }
    for (Probe.Unreachable u : unreachable) {
      LOG.warn("chain '{}': RPC {} is unreachable ({}); using the others until it answers", chain, u.displayUrl(),
          u.reason());
    }
  }

  /**
   * The RPC URL calls currently go to first (the last that answered), for tools that need a URL of their own, such as
   * a fork simulator. Not for logs: it may carry an API key ({@link Redaction#url} it first).
   */
  public String preferredRpcUrl() {
    return endpoints.rpcUrls().get(service.preferredIndex());
  }

  @Override
  public String chainName() {
    return endpoints.name();
  }

  @Override
  public long chainId() {
    return endpoints.chainId();
  }

  @Override
  public long blockNumber() {
    return send("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
  }

  @Override
  public Optional<BlockHeader> blockHeader(long number) {
    EthBlock.Block block = send("eth_getBlockByNumber", web3j.ethGetBlockByNumber(param(number), false)).getBlock();
    return Optional.ofNullable(block).map(EvmChainClient::header);
  }

  @Override
  public BlockHeader latestHeader() {
    EthBlock.Block block =
        send("eth_getBlockByNumber", web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
    if (block == null) {
      throw new ChainException(chainName(), "the node returned no latest block");
    }
    return header(block);
  }

  @Override
  public Optional<ChainBlock> block(long number) {
    EthBlock.Block block = send("eth_getBlockByNumber", web3j.ethGetBlockByNumber(param(number), true)).getBlock();
    if (block == null) {
      return Optional.empty();
    }
    List<ChainTransaction> transactions = new ArrayList<>();
    for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
      if (!(result.get() instanceof org.web3j.protocol.core.methods.response.Transaction tx)) {
        throw new ChainException(chainName(), "block " + number + " came without full transactions");
      }
      transactions.add(transaction(tx));
    }
    return Optional.of(new ChainBlock(header(block), transactions));
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
    EthLog response = send("eth_getLogs", web3j.ethGetLogs(ethFilter));
    List<LogEntry> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      if (!(result.get() instanceof Log log)) {
        throw new ChainException(chainName(), "eth_getLogs returned hashes instead of logs");
      }
      logs.add(log(log));
    }
    return logs;
  }

  @Override
  public String call(CallRequest request, BlockRef block) {
    return send("eth_call", web3j.ethCall(toTransaction(request), param(block))).getValue();
  }

  @Override
  public String getStorageAt(String address, BigInteger slot, BlockRef block) {
    return send("eth_getStorageAt", web3j.ethGetStorageAt(address, slot, param(block))).getData();
  }

  @Override
  public String getCode(String address, BlockRef block) {
    return send("eth_getCode", web3j.ethGetCode(address, param(block))).getCode();
  }

  @Override
  public BigInteger getBalance(String address, BlockRef block) {
    return send("eth_getBalance", web3j.ethGetBalance(address, param(block))).getBalance();
  }

  @Override
  public BigInteger getTransactionCount(String address, BlockRef block) {
    return send("eth_getTransactionCount", web3j.ethGetTransactionCount(address, param(block)))
        .getTransactionCount();
  }

  @Override
  public BigInteger estimateGas(CallRequest request) {
    return send("eth_estimateGas", web3j.ethEstimateGas(toTransaction(request))).getAmountUsed();
  }

  @Override
  public BigInteger gasPrice() {
    return send("eth_gasPrice", web3j.ethGasPrice()).getGasPrice();
  }

  @Override
  public Optional<BigInteger> maxPriorityFeePerGas() {
    try {
      return Optional.of(send("eth_maxPriorityFeePerGas", web3j.ethMaxPriorityFeePerGas()).getMaxPriorityFeePerGas());
    } catch (RpcErrorException e) {
      return Optional.empty();
    }
  }

  @Override
  public String sendRawTransaction(String signedTransaction) {
    return send("eth_sendRawTransaction", web3j.ethSendRawTransaction(signedTransaction)).getTransactionHash();
  }

  @Override
  public Optional<TxReceipt> receipt(String transactionHash) {
    return send("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(transactionHash))
        .getTransactionReceipt()
        .map(this::receipt);
  }

  @Override
  public <T> T request(String method, List<?> params, Class<T> resultType) {
    JsonResult response = send(method, new Request<>(method, params, service, JsonResult.class));
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
      throw new ChainException(chainName(), method + " returned a result that is not a "
          + resultType.getSimpleName(), e);
    }
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
    return "EvmChainClient[" + endpoints.name() + ", chainId " + endpoints.chainId() + "]";
  }

  // ---------------------------------------------------------------- plumbing

  private <R extends Response<?>> R send(String method, Request<?, R> request) {
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
      Response.Error error = response.getError();
      String data = RpcErrors.data(error.getData());
      boolean executes = method.equals("eth_call") || method.equals("eth_estimateGas");
      String message = error.getMessage() == null ? "" : error.getMessage();
      if (executes && (error.getCode() == 3 || message.toLowerCase(Locale.ROOT).contains("revert"))) {
        throw new CallRevertedException(chainName(), method, error.getCode(), message, data);
      }
      throw new RpcErrorException(chainName(), method, error.getCode(), message, data);
    }
    return response;
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

  private static BlockHeader header(EthBlock.Block block) {
    return new BlockHeader(
        block.getNumber().longValueExact(),
        block.getHash(),
        block.getParentHash(),
        Instant.ofEpochSecond(block.getTimestamp().longValueExact()),
        block.getGasLimit(),
        quantity(block.getBaseFeePerGasRaw()));
  }

  private static ChainTransaction transaction(org.web3j.protocol.core.methods.response.Transaction tx) {
    Optional<BigInteger> maxFee = quantity(tx.getMaxFeePerGasRaw());
    BigInteger gasPrice = quantity(tx.getGasPriceRaw()).or(() -> maxFee).orElse(BigInteger.ZERO);
    return new ChainTransaction(
        tx.getHash(),
        tx.getBlockNumber().longValueExact(),
        tx.getTransactionIndex().intValueExact(),
        lower(tx.getFrom()),
        Optional.ofNullable(tx.getTo()).map(EvmChainClient::lower),
        tx.getInput(),
        tx.getValue(),
        tx.getNonce(),
        tx.getGas(),
        gasPrice,
        maxFee,
        quantity(tx.getMaxPriorityFeePerGasRaw()),
        quantity(tx.getType()).map(BigInteger::intValueExact).orElse(0));
  }

  private TxReceipt receipt(TransactionReceipt r) {
    return new TxReceipt(
        r.getTransactionHash(),
        r.getBlockNumber().longValueExact(),
        r.getBlockHash(),
        lower(r.getFrom()),
        Optional.ofNullable(r.getTo()).map(EvmChainClient::lower),
        r.isStatusOK(),
        r.getGasUsed(),
        quantity(r.getEffectiveGasPrice()).orElse(BigInteger.ZERO),
        Optional.ofNullable(r.getContractAddress()).map(EvmChainClient::lower),
        r.getLogs().stream().map(EvmChainClient::log).toList());
  }

  private static LogEntry log(Log log) {
    return new LogEntry(
        lower(log.getAddress()),
        log.getTopics().stream().map(EvmChainClient::lower).toList(),
        log.getData(),
        log.getBlockNumber().longValueExact(),
        log.getBlockHash(),
        log.getTransactionHash(),
        log.getTransactionIndex().intValueExact(),
        log.getLogIndex().intValueExact(),
        log.isRemoved());
  }

  private static Optional<BigInteger> quantity(String raw) {
    return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(Numeric.decodeQuantity(raw));
  }

  private static String lower(String hex) {
    return hex == null ? null : hex.toLowerCase(Locale.ROOT);
  }

  private static void closeQuietly(FailoverWeb3jService service) {
    try {
      service.close();
    } catch (IOException e) {
      LOG.debug("closing RPC transports failed", e);
    }
  }
}
