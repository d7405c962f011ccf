/**
 * ERC-8004 identity-registry messages signed off chain: {@link
 * io.chaoschain.chains.identity.AgentWalletAuthorization} is the EIP-712 consent a wallet signs to become an agent's
 * verified wallet ({@code AgentRegistry.setAgentWallet}).
 */
package io.chaoschain.chains.identity;
