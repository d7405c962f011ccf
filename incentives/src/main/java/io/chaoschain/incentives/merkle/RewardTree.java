package io.chaoschain.incentives.merkle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution tree of one root: a {@link StandardMerkleTree} over {@code ["address","address","uint256"]}, one
 * leaf per {@code (account, token)} with its cumulative amount. The on-chain distributor checks a claim with
 * {@code MerkleProof.verify(proof, root, keccak256(bytes.concat(keccak256(abi.encode(account, token, amount)))))}.
 */
public final class RewardTree {
    public static final LeafEncoding ENCODING = LeafEncoding.of("address", "address", "uint256");

    private final List<RewardEntry> entries;
    private final StandardMerkleTree tree;

    private RewardTree(List<RewardEntry> entries, StandardMerkleTree tree) {
        this.entries = entries;
        this.tree = tree;
    }

    /**
     * Builds the tree; entries keep their order (entry {@code i} is value {@code i} of the tree). Throws
     * {@link IllegalArgumentException} for an empty list or a repeated {@code (account, token)}, naming both entries.
     */
    public static RewardTree of(List<RewardEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a reward tree needs at least one entry");
        }
        Map<String, Integer> seen = new HashMap<>(entries.size() * 2);
        byte[] leaves = new byte[32 * entries.size()];
        byte[] encoded = new byte[96];
        Keccak keccak = new Keccak();
        List<List<Object>> values = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            RewardEntry e = entries.get(i);
            Integer previous = seen.putIfAbsent(e.account() + e.token(), i);
            if (previous != null) {
                throw new IllegalArgumentException("entries[" + i + "] repeats account " + e.account() + " and token "
                        + e.token() + " of entries[" + previous + "]; give one cumulative amount per (account, token)");
            }
            // abi.encode(address, address, uint256): three words, addresses right-aligned
            java.util.Arrays.fill(encoded, (byte) 0);
            LeafEncoding.writeAddress(e.account(), encoded, 12);
            LeafEncoding.writeAddress(e.token(), encoded, 44);
            LeafEncoding.writeUnsigned(e.amount(), encoded, 64);
            keccak.leafHash(encoded, leaves, 32 * i);
            values.add(e.leafValues());
        }
        return new RewardTree(
                List.copyOf(entries), StandardMerkleTree.fromLeafHashes(values, ENCODING, leaves, true, keccak));
    }

    public List<RewardEntry> entries() {
        return entries;
    }

    /** The underlying tree, for its dump. */
    public StandardMerkleTree tree() {
        return tree;
    }

    public String root() {
        return tree.rootHex();
    }

    public byte[] rootBytes() {
        return tree.root();
    }

    /** The proof of entry {@code index}, leaf to root. */
    public List<byte[]> proof(int index) {
        return tree.proof(index);
    }

    public List<String> proofHex(int index) {
        return tree.proofHex(index);
    }

    /** True when {@code proof} proves {@code entry} under {@code root}. */
    public static boolean verify(byte[] root, RewardEntry entry, List<byte[]> proof) {
        return StandardMerkleTree.verify(root, ENCODING, entry.leafValues(), proof);
    }
}
