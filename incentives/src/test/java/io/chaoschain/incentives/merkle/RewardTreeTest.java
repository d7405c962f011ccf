package io.chaoschain.incentives.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RewardTreeTest {
    static final String ALICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    static final String BOB = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    static final String TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    static final String OTHER_TOKEN = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";

    @Provide
    Arbitrary<List<RewardEntry>> entries() {
        Arbitrary<String> addresses =
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(40).map(s -> "0x" + s);
        Arbitrary<BigInteger> amounts = Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
        return Combinators.combine(addresses, addresses, amounts)
                .as(RewardEntry::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(60)
                .uniqueElements(e -> e.account() + e.token());
    }

    @Property(tries = 200)
    void everyEntrysProofVerifiesAndNoOtherAmountDoes(@ForAll("entries") List<RewardEntry> entries) {
        RewardTree tree = RewardTree.of(entries);
        for (int i = 0; i < entries.size(); i++) {
            RewardEntry e = entries.get(i);
            assertThat(RewardTree.verify(tree.rootBytes(), e, tree.proof(i))).isTrue();
            RewardEntry more =
                    new RewardEntry(e.account(), e.token(), e.amount().xor(BigInteger.ONE));
            assertThat(RewardTree.verify(tree.rootBytes(), more, tree.proof(i))).isFalse();
        }
    }

    @Property(tries = 100)
    void theRewardPathBuildsTheSameTreeAsTheGenericEncoder(@ForAll("entries") List<RewardEntry> entries) {
        RewardTree fast = RewardTree.of(entries);
        StandardMerkleTree generic = StandardMerkleTree.of(
                entries.stream().map(RewardEntry::leafValues).toList(), RewardTree.ENCODING);
        assertThat(fast.tree().dump()).isEqualTo(generic.dump());
    }

    @Property(tries = 100)
    void theRootDoesNotDependOnTheOrderOfTheEntries(@ForAll("entries") @Size(min = 2) List<RewardEntry> entries) {
        List<RewardEntry> reversed = new ArrayList<>(entries.reversed());
        assertThat(RewardTree.of(reversed).root())
                .isEqualTo(RewardTree.of(entries).root());
    }

    @Test
    void shouldGiveASingleEntryTreeItsLeafAsRootAndAnEmptyProof() {
        RewardEntry only = new RewardEntry(ALICE, TOKEN, BigInteger.TEN);
        RewardTree tree = RewardTree.of(List.of(only));
        assertThat(tree.proof(0)).isEmpty();
        assertThat(tree.rootBytes()).isEqualTo(StandardMerkleTree.leafHash(RewardTree.ENCODING, only.leafValues()));
    }

    @Test
    void shouldRejectARepeatedAccountAndTokenNamingBothEntries() {
        List<RewardEntry> entries = List.of(
                new RewardEntry(ALICE, TOKEN, BigInteger.ONE),
                new RewardEntry(ALICE, OTHER_TOKEN, BigInteger.ONE),
                new RewardEntry(ALICE.toUpperCase().replace("0X", "0x"), TOKEN, BigInteger.TWO));
        assertThatThrownBy(() -> RewardTree.of(entries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entries[2] repeats account " + ALICE)
                .hasMessageContaining("of entries[0]");
    }

    @Test
    void shouldRejectAnEmptyList() {
        assertThatThrownBy(() -> RewardTree.of(List.of())).hasMessageContaining("at least one entry");
    }

    @Test
    void shouldRejectAProofOfAnotherAccount() {
        RewardTree tree = RewardTree.of(
                List.of(new RewardEntry(ALICE, TOKEN, BigInteger.TEN), new RewardEntry(BOB, TOKEN, BigInteger.TEN)));
        assertThat(RewardTree.verify(tree.rootBytes(), new RewardEntry(BOB, TOKEN, BigInteger.TEN), tree.proof(0)))
                .isFalse();
    }
}
