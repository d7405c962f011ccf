/**
 * web3j wrappers of ChaosChain's Solidity contracts (demo asset and voting tokens, DAO timelock and Governor, lending
 * market, governance endpoint, ERC-8004 agent, reputation and validation registries, EAS attestation verifier),
 * generated at build time from {@code contracts/} into {@code target/generated-sources/web3j}; the compiled ABIs and
 * bytecode ship beside them as {@code combined.json}. Load a wrapper with {@link
 * io.chaoschain.chains.tx.TransactionSender#transactionManager()} so it sends through the shared signer and nonces.
 */
package io.chaoschain.chains.contracts;
