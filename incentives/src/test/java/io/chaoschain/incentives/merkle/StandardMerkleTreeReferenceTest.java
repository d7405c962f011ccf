package io.chaoschain.incentives.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Roots, proofs and dumps equal the reference library's, {@code @openzeppelin/merkle-tree} run by node on the same
 * random values.
 */
class StandardMerkleTreeReferenceTest {
    private static final long SEED = new Random().nextLong();
    private final Random random = new Random(SEED);

    @Test
    void shouldBuildTheSameRewardTreesAsTheReferenceLibrary() throws Exception {
        List<List<RewardEntry>> sets = new ArrayList<>();
        for (int size : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 31, 100, 257, 1000}) {
            sets.add(randomEntries(size));
        }
        List<ReferenceLibrary.Request> requests = sets.stream()
                .map(set -> new ReferenceLibrary.Request(
                        RewardTree.ENCODING.types(),
                        set.stream().map(RewardEntry::leafValues).toList(),
                        true))
                .toList();
        List<ReferenceLibrary.Result> expected = ReferenceLibrary.build(requests);
        for (int s = 0; s < sets.size(); s++) {
            RewardTree ours = RewardTree.of(sets.get(s));
            ReferenceLibrary.Result reference = expected.get(s);
            String what = "set of " + sets.get(s).size() + " entries, seed " + SEED;
            assertThat(ours.root()).as(what).isEqualTo(reference.root());
            for (int i = 0; i < sets.get(s).size(); i++) {
                assertThat(ours.proofHex(i))
                        .as(what + ", proof " + i)
                        .isEqualTo(reference.proofs().get(i));
            }
            assertThat(ours.tree().dump()).as(what).isEqualTo(reference.dump());
        }
    }

    @Test
    void shouldEncodeEverySupportedTypeLikeTheReferenceLibrary() throws Exception {
        List<String> encoding =
                List.of("string", "uint8", "int64", "int256", "bool", "bytes32", "bytes", "bytes4", "address", "uint");
        List<ReferenceLibrary.Request> requests = new ArrayList<>();
        for (boolean sorted : new boolean[] {true, false}) {
            for (int size : new int[] {1, 6, 33}) {
                List<List<Object>> values = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    values.add(List.of(
                            randomText(),
                            Integer.toString(random.nextInt(256)),
                            Long.toString(random.nextLong()),
                            new BigInteger(255, random).negate().toString(),
                            random.nextBoolean(),
                            hex(32),
                            hex(random.nextInt(70)),
                            hex(4),
                            hex(20),
                            "0x" + new BigInteger(256, random).toString(16)));
                }
                requests.add(new ReferenceLibrary.Request(encoding, values, sorted));
            }
        }
        List<ReferenceLibrary.Result> expected = ReferenceLibrary.build(requests);
        for (int r = 0; r < requests.size(); r++) {
            ReferenceLibrary.Request request = requests.get(r);
            StandardMerkleTree ours =
                    StandardMerkleTree.of(request.values(), new LeafEncoding(encoding), request.sortLeaves());
            String what = "request " + r + ", seed " + SEED;
            assertThat(ours.rootHex()).as(what).isEqualTo(expected.get(r).root());
            for (int i = 0; i < request.values().size(); i++) {
                assertThat(ours.proofHex(i))
                        .as(what)
                        .isEqualTo(expected.get(r).proofs().get(i));
            }
            assertThat(ours.dump()).as(what).isEqualTo(expected.get(r).dump());
        }
    }

    private List<RewardEntry> randomEntries(int size) {
        List<String> tokens = List.of(hex(20), hex(20), hex(20));
        List<RewardEntry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            BigInteger amount = switch (random.nextInt(4)) {
                case 0 -> BigInteger.ZERO;
                case 1 -> BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
                default -> new BigInteger(1 + random.nextInt(255), random);
            };
            entries.add(new RewardEntry(hex(20), tokens.get(random.nextInt(tokens.size())), amount));
        }
        return entries;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return "0x" + HexFormat.of().formatHex(b);
    }

    private String randomText() {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(80);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(random.nextInt(10) == 0 ? 0x1F600 + random.nextInt(50) : 'a' + random.nextInt(26));
        }
        return s.toString();
    }
}
