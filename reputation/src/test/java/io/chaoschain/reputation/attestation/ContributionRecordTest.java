package io.chaoschain.reputation.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.Hex;
import io.chaoschain.core.UserFacingException;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContributionRecordTest {

    private static ContributionRecord record(ContributionKind kind) {
        return new ContributionRecord(
                BigInteger.valueOf(7),
                "eip155:1",
                kind,
                "0x" + "aa".repeat(32),
                BigInteger.valueOf(-5),
                2,
                "0x" + "bb".repeat(32));
    }

    @Test
    void shouldLayOutFieldsInSchemaOrderAsStandardAbi() {
        byte[] data = Hex.decode(record(ContributionKind.PROPOSAL_DRAFTED).encode());

        // 7 head words; agentId, then offsets of the two strings, then the static tail of the head.
        assertThat(new BigInteger(1, Arrays.copyOfRange(data, 0, 32))).isEqualTo(BigInteger.valueOf(7));
        assertThat(new BigInteger(1, Arrays.copyOfRange(data, 32, 64))).isEqualTo(BigInteger.valueOf(7 * 32));
        assertThat(Arrays.copyOfRange(data, 96, 128)).containsOnly((byte) 0xaa);
        assertThat(new BigInteger(Arrays.copyOfRange(data, 128, 160))).isEqualTo(BigInteger.valueOf(-5));
        assertThat(new BigInteger(1, Arrays.copyOfRange(data, 160, 192))).isEqualTo(BigInteger.TWO);
        assertThat(Arrays.copyOfRange(data, 192, 224)).containsOnly((byte) 0xbb);
    }

    @Test
    void shouldGiveEveryKindADistinctCodeThatDecodesBack() {
        for (ContributionKind kind : ContributionKind.values()) {
            assertThat(ContributionRecord.decode(record(kind).encode()).kind()).isEqualTo(kind);
        }
        assertThat(Arrays.stream(ContributionKind.values())
                        .map(ContributionKind::code)
                        .distinct())
                .hasSize(ContributionKind.values().length);
    }

    @Test
    void shouldRejectAnUnknownKindWhenDecoding() {
        String encoded = record(ContributionKind.INSIGHT_SHARED).encode();
        String unknown = encoded.replace(
                Hex.encode("insight.shared".getBytes()).substring(2),
                Hex.encode("insight.stolen".getBytes()).substring(2));

        assertThatThrownBy(() -> ContributionRecord.decode(unknown))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("insight.stolen");
    }

    @Test
    void shouldRejectValuesThatDoNotFitTheirAbiTypes() {
        assertThatThrownBy(() -> new ContributionRecord(
                        BigInteger.ONE,
                        "eip155:1",
                        ContributionKind.METRIC_OUTCOME,
                        "0x" + "00".repeat(32),
                        BigInteger.ONE.shiftLeft(255),
                        0,
                        "0x" + "00".repeat(32)))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("value");
        assertThatThrownBy(() -> new ContributionRecord(
                        BigInteger.ONE,
                        "eip155:1",
                        ContributionKind.METRIC_OUTCOME,
                        "0x" + "00".repeat(32),
                        BigInteger.ONE,
                        256,
                        "0x" + "00".repeat(32)))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("valueDecimals");
    }
}
