package io.chaoschain.chains.tx;

import java.math.BigInteger;

/** A transaction the node accepted but that may not be mined yet. */
public record PendingTx(String hash, String from, BigInteger nonce, BigInteger gasLimit, TxRequest request) {}
