package io.chaoschain.chains.keys;

import org.web3j.crypto.RawTransaction;
import org.web3j.service.TxSignService;

/**
 * Holds one account's key and signs transactions with it. The key never leaves the signer: it is not exposed, logged
 * or printed by {@code toString()}.
 */
public interface TransactionSigner extends TxSignService {

    /** The account's address (lower-case hex). */
    String address();

    /**
     * Signs and RLP-encodes {@code transaction}. EIP-1559 transactions carry their chain id; legacy ones are signed with
     * EIP-155 replay protection for {@code chainId}.
     */
    @Override
    byte[] sign(RawTransaction transaction, long chainId);

    @Override
    default String getAddress() {
        return address();
    }
}
