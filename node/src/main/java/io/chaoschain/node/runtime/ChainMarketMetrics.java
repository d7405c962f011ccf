package io.chaoschain.node.runtime;

import io.chaoschain.chains.BlockRef;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.contracts.LendingMarket;
import io.chaoschain.core.metrics.MarketSnapshot;
import io.chaoschain.core.metrics.RateModel;
import io.chaoschain.node.lifecycle.MarketMetrics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.function.LongConsumer;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/** Reads a LendingMarket through the chain client: every value of a snapshot at the same block. */
final class ChainMarketMetrics implements MarketMetrics {
  private final EvmChainClient client;
  private final String market;
  private final LongConsumer headListener;

  ChainMarketMetrics(EvmChainClient client, String market, LongConsumer headListener) {
    this.client = client;
    this.market = market;
    this.headListener = headListener;
  }

  private LendingMarket at(long block) {
    LendingMarket m = LendingMarket.load(market, client.web3j(), new ReadonlyTransactionManager(client.web3j(), market),
        new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    if (block >= 0) {
      m.setDefaultBlockParameter(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
    }
    return m;
  }

  @Override
  public RateModel rateModel() throws Exception {
    LendingMarket m = at(-1);
    return new RateModel(m.baseRatePerYear().send(), m.multiplierPerYear().send(), m.jumpMultiplierPerYear().send(),
        m.kink().send(), m.reserveFactor().send());
  }

  @Override
  public MarketSnapshot snapshot(long block, long previousBlock) throws Exception {
    LendingMarket m = at(block);
    Instant time = client.blockHeader(block).orElseThrow().timestamp();
    BigDecimal supplied = BigDecimal.ZERO;
    BigDecimal borrowed = BigDecimal.ZERO;
    if (block > previousBlock) {
      supplied = volume(LendingMarket.SUPPLIED_EVENT, previousBlock + 1, block);
      borrowed = volume(LendingMarket.BORROWED_EVENT, previousBlock + 1, block);
    }
    return new MarketSnapshot(market, block, time, wad(m.utilization().send()), wad(m.borrowRatePerYear().send()),
        wad(m.supplyRatePerYear().send()), wad(m.totalBorrows().send()), wad(m.getCash().send()),
        wad(m.totalReserves().send()), supplied, borrowed);
  }

  /** Sum of the first data word (the amount) of every {@code event} log in [from, to]. */
  private BigDecimal volume(org.web3j.abi.datatypes.Event event, long from, long to) throws java.io.IOException {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), market);
    filter.addSingleTopic(EventEncoder.encode(event));
    BigDecimal total = BigDecimal.ZERO;
    for (var result : client.web3j().ethGetLogs(filter).send().getLogs()) {
      String data = ((Log) result.get()).getData();
      total = total.add(wad(new BigInteger(data.substring(2, 66), 16)));
    }
    return total;
  }

  @Override
  public long firstBlockWithCode(long from, long to) {
    long lo = from;
    long hi = to + 1;
    while (lo < hi) { // code, once deployed, stays: binary search for the first block that has it
      long mid = lo + (hi - lo) / 2;
      String code = client.getCode(market, BlockRef.at(mid));
      if (code == null || code.equals("0x")) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public long headBlock() {
    long head = client.blockNumber();
    headListener.accept(head);
    return head;
  }

  private static BigDecimal wad(BigInteger value) {
    return new BigDecimal(value).movePointLeft(18);
  }
}
