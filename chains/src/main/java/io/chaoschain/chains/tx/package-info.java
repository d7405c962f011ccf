/** Sending transactions: local signing, nonce management, gas and fees, receipts and revert decoding. */
package io.chaoschain.chains.tx;
