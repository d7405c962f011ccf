package io.chaoschain.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.p2p.protocol.ChaosMessage.Insight;
import io.chaoschain.p2p.protocol.ChaosMessage.ProposalAck;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

class SignedEnvelopeTest {
    /** Private key 1: its address 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf is a well-known fixed point. */
    static final ECKeyPair KEY_ONE = ECKeyPair.create(BigInteger.ONE);

    @Test
    void shouldRecoverTheSigningAgentAddress() {
        SignedEnvelope env =
                SignedEnvelope.sign(new Insight(1, "0xmarket", "utilization", "above kink", 0.7), KEY_ONE, 1000, 7);
        assertThat(env.agent()).isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
        assertThat(env.recoverSigner()).contains("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
        assertThat(env.signatureValid()).isTrue();
    }

    @Test
    void structuredAttributesShouldRoundTripInKeyOrderAndBeCoveredByTheSignature() {
        Insight insight = new Insight(
                31337,
                "0xmarket",
                "utilization-above-kink",
                "raised the jump multiplier",
                0.5,
                java.util.Map.of(
                        "selector",
                        "0x1234abcd",
                        "newValue",
                        "2000000000000000000",
                        "oldValue",
                        "1000000000000000000"));
        SignedEnvelope env = SignedEnvelope.decode(
                SignedEnvelope.sign(insight, KEY_ONE, 1000, 7).encode());
        assertThat(env.message()).isEqualTo(insight);
        assertThat(((Insight) env.message()).attributes().keySet()).containsExactly("newValue", "oldValue", "selector");
        ProposalAck ack = new ProposalAck(
                412346, "0xinsight", ProposalAck.Verdict.SUPPORT, "adopted", java.util.Map.of("proposal", "42"));
        assertThat(SignedEnvelope.decode(SignedEnvelope.sign(ack, KEY_ONE, 1, 2).encode())
                        .message())
                .isEqualTo(ack);

        Insight altered = new Insight(
                31337,
                "0xmarket",
                "utilization-above-kink",
                "raised the jump multiplier",
                0.5,
                java.util.Map.of(
                        "selector",
                        "0x1234abcd",
                        "newValue",
                        "9000000000000000000",
                        "oldValue",
                        "1000000000000000000"));
        SignedEnvelope original = SignedEnvelope.sign(insight, KEY_ONE, 1000, 7);
        SignedEnvelope forged = new SignedEnvelope(
                original.version(),
                original.kind(),
                altered.encode(),
                original.agent(),
                original.timestampMillis(),
                original.nonce(),
                original.signature());
        assertThat(forged.signatureValid()).isFalse();
    }

    @Test
    void theDigestShouldEqualWeb3jsEip712EncodingOfTheSameTypedData() throws Exception {
        SignedEnvelope env =
                SignedEnvelope.sign(new ProposalAck(5, "42", ProposalAck.Verdict.SUPPORT, "safe"), KEY_ONE, 1234, 99);
        String payloadHash = Numeric.toHexString(org.web3j.crypto.Hash.sha3(env.payload()));
        String json = """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"}],
         "Envelope":[{"name":"version","type":"uint32"},{"name":"kind","type":"string"},{"name":"payloadHash","type":"bytes32"},
                     {"name":"agent","type":"address"},{"name":"timestamp","type":"uint64"},{"name":"nonce","type":"uint64"}]},
         "primaryType":"Envelope","domain":{"name":"ChaosChain","version":"1"},
         "message":{"version":1,"kind":"ack","payloadHash":"%s","agent":"%s","timestamp":1234,"nonce":99}}
        """.formatted(payloadHash, env.agent());
        byte[] expected = new StructuredDataEncoder(json).hashStructuredData();
        assertThat(env.digest()).isEqualTo(expected);
    }

    @Test
    void tamperingWithThePayloadOrClaimingAnotherAgentShouldInvalidateTheSignature() {
        SignedEnvelope env = SignedEnvelope.sign(new Insight(1, "t", "c", "s", 0.1), KEY_ONE, 1, 1);
        byte[] payload = env.payload();
        payload[payload.length - 1] ^= 1;
        SignedEnvelope tampered =
                new SignedEnvelope(env.version(), env.kind(), payload, env.agent(), 1, 1, env.signature());
        assertThat(tampered.signatureValid()).isFalse();
        String other = "0x" + Keys.getAddress(ECKeyPair.create(BigInteger.TWO).getPublicKey());
        SignedEnvelope impostor =
                new SignedEnvelope(env.version(), env.kind(), env.payload(), other, 1, 1, env.signature());
        assertThat(impostor.signatureValid()).isFalse();
    }

    @Test
    void shouldRoundTripThroughTheWireFormat() {
        SignedEnvelope env = SignedEnvelope.sign(
                new ChaosMessage.ProposalAnnouncement(31337, "0xgov", "123", "Lower kink", "0xdesc", "0xsim"),
                KEY_ONE,
                55,
                -3);
        SignedEnvelope back = SignedEnvelope.decode(env.encode());
        assertThat(back.signatureValid()).isTrue();
        assertThat(back.message()).isEqualTo(env.message());
        assertThat(back.nonce()).isEqualTo(-3);
    }
}
