package io.chaoschain.reputation.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.Hex;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ContributionRecordPropertyTest {

    @Property(tries = 300)
    void anyRecordRoundTripsThroughTheAbiCodec(@ForAll("records") ContributionRecord record) {
        assertThat(ContributionRecord.decode(record.encode())).isEqualTo(record);
    }

    @Provide
    Arbitrary<ContributionRecord> records() {
        Arbitrary<BigInteger> agentId = Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
        Arbitrary<String> chain =
                Arbitraries.strings().ofMinLength(1).ofMaxLength(80).filter(s -> !s.isBlank());
        Arbitrary<ContributionKind> kind = Arbitraries.of(ContributionKind.class);
        Arbitrary<String> bytes32 =
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hex::encode);
        Arbitrary<BigInteger> value = Arbitraries.bigIntegers()
                .between(
                        BigInteger.ONE.shiftLeft(255).negate(),
                        BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE));
        Arbitrary<Integer> decimals = Arbitraries.integers().between(0, 255);
        return Combinators.combine(agentId, chain, kind, bytes32, value, decimals, bytes32)
                .as(ContributionRecord::new);
    }
}
