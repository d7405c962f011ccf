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

  /** Prices each transaction at twice the chain's current gas price; the limit fits a proposal with a long description. */
  static ContractGasProvider gas(EvmChainClient client) {
    return new ContractGasProvider() {
      @Override
      public BigInteger getGasPrice() {
        return client.gasPrice().shiftLeft(1);
      }

      @Override
      public BigInteger getGasLimit(org.web3j.protocol.core.methods.request.Transaction transaction) {
        return getGasLimit();
      }

      @Override
      public BigInteger getGasLimit() {
        return BigInteger.valueOf(3_000_000);
      }
    };
  }

  private static String selector(String signature) {
    return Hex.functionSelector(signature);
  }
}
