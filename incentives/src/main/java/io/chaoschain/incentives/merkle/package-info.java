/**
 * Merkle trees in OpenZeppelin's {@code StandardMerkleTree} layout: leaves are {@code keccak256(keccak256(abi.encode(
 * values...)))}, sorted by hash, stored in one array with the root at index 0 and children of {@code i} at
 * {@code 2i+1, 2i+2}; pairs are hashed sorted, so OpenZeppelin's {@code MerkleProof.verify} accepts the proofs. Roots,
 * proofs and the {@code standard-v1} dump are byte-for-byte those of the {@code @openzeppelin/merkle-tree} library.
 * {@link io.chaoschain.incentives.merkle.RewardTree} is the tree the reward distributor pays from: one leaf per
 * {@code (account, token, cumulative amount)}.
 */
package io.chaoschain.incentives.merkle;
