package io.chaoschain.node.runtime;

import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.keys.KeystoreSigner;
import io.chaoschain.core.Hex;
import java.math.BigInteger;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** The governance calls a node's agents may send, and how they are signed and priced. */
final class GovernanceCalls {
  static final String SUBMIT_PROPOSAL = selector("submitProposal(uint256,address[],uint256[],bytes[],string,bytes32)");
  static final String QUEUE = selector("queue(address[],uint256[],bytes[],bytes32)");
  static final String EXECUTE = selector("execute(address[],uint256[],bytes[],bytes32)");

  private GovernanceCalls() {}

  static TransactionManager transactionManager(EvmChainClient client, KeystoreSigner signer) {
    return new RawTransactionManager(client.web3j(), signer.credentials(), client.chainId(),
        new PollingTransactionReceiptProcessor(client.web3j(), 100, 600));
  }

  /** Prices each transaction at twice the chain's current gas price, with limits sized for governance calls. */
  static ContractGasProvider gas(EvmChainClient client) {
    return new ContractGasProvider() {
      @Override
      public BigInteger getGasPrice(String contractFunc) {
        return client.gasPrice().shiftLeft(1);
      }

      @Override
      public BigInteger getGasPrice() {
        return getGasPrice("");
      }

      @Override
      public BigInteger getGasLimit(String contractFunc) {
        return BigInteger.valueOf("submitProposal".equals(contractFunc) ? 3_000_000 : 1_000_000);
      }

      @Override
      public BigInteger getGasLimit() {
        return getGasLimit("");
      }
    };
  }

  private static String selector(String signature) {
    return Hex.functionSelector(signature);
  }
}
