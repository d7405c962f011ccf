/**
 * What the node needs to talk to the on-chain {@code RewardDistributor} besides its generated wrapper: the EIP-712
 * message by which the publisher signs an epoch's root.
 */
package io.chaoschain.incentives.distributor;
