package io.chaoschain.chains.testing;

import io.chaoschain.chains.ChainEndpoints;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.anvil.AnvilProcess;
import io.chaoschain.chains.keys.DevAccounts;
import io.chaoschain.chains.tx.NonceManager;
import io.chaoschain.chains.tx.RevertDecoder;
import io.chaoschain.chains.tx.TransactionSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real Anvil devnet with a connected client, for integration tests. */
public final class DevChain implements AutoCloseable {
  public static final long CHAIN_ID = 31337;

  private final AnvilProcess anvil;
  private final EvmChainClient client;
  private final NonceManager nonces;

  private DevChain(AnvilProcess anvil) {
    this.anvil = anvil;
    this.client = EvmChainClient.connect(ChainEndpoints.of("devnet", CHAIN_ID, anvil.rpcUrl()));
    this.nonces = new NonceManager(client);
  }

  public static DevChain start() {
    return new DevChain(AnvilProcess.start(AnvilProcess.Options.devnet(CHAIN_ID)));
  }

  public EvmChainClient client() {
    return client;
  }

  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  /** A sender for devnet account {@code index}, sharing this chain's nonce manager, polling receipts every 10 ms. */
  public TransactionSender sender(int index) {
    return sender(index, TransactionSender.Options.defaults());
  }

  public TransactionSender sender(int index, TransactionSender.Options options) {
    return TransactionSender.create(client, DevAccounts.signer(index), nonces, RevertDecoder.bundled(),
        options.withReceiptPolling(Duration.ofMillis(10), Duration.ofSeconds(30)));
  }

  public void mine(int blocks) {
    client.request("anvil_mine", List.of(blocks), Void.class);
  }

  public long head() {
    return client.blockNumber();
  }

  public String snapshot() {
    return client.request("evm_snapshot", List.of(), String.class);
  }

  public void revert(String snapshot) {
    client.request("evm_revert", List.of(snapshot), Boolean.class);
    nonces.invalidateAll();
  }

  /**
   * Replaces the last {@code depth} blocks with new ones holding {@code transactions} (each a transaction object Anvil
   * signs for an unlocked dev account, with the offset of the new block to put it in). Transactions of the replaced
   * blocks are dropped, so cached nonces are forgotten.
   */
  public void reorg(int depth, List<Map.Entry<Map<String, String>, Integer>> transactions) {
    List<List<Object>> pairs = new ArrayList<>();
    for (var entry : transactions) {
      pairs.add(List.of(entry.getKey(), entry.getValue()));
    }
    client.request("anvil_reorg", List.of(depth, pairs), Void.class);
    nonces.invalidateAll();
  }

  /** Removes the last {@code depth} blocks; their transactions are dropped. */
  public void rollback(int depth) {
    client.request("anvil_rollback", List.of(depth), Void.class);
    nonces.invalidateAll();
  }

  @Override
  public void close() {
    client.close();
    anvil.close();
  }
}
