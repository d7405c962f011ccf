package io.chaoschain.p2p.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.p2p.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Key vectors from the libp2p peer-ids spec; signatures cross-checked against @libp2p/crypto. */
class KeysTest {
    private static final HexFormat HEX = HexFormat.of();
    static final String ED25519_PRIVATE =
            "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    static final String ED25519_PUBLIC = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    static final String SECP_PRIVATE = "0802122053DADF1D5A164D6B4ACDB15E24AA4C5B1D3461BDBD42ABEDB0A4404D56CED8FB";
    static final String SECP_PUBLIC = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";

    @Test
    void shouldDeriveTheSpecEd25519PublicKeyFromTheSpecPrivateKey() {
        PrivateKey key = PrivateKey.unmarshal(HEX.parseHex(ED25519_PRIVATE));
        assertThat(key.type()).isEqualTo(KeyType.ED25519);
        assertThat(HEX.formatHex(key.publicKey().marshal())).isEqualTo(ED25519_PUBLIC);
        assertThat(HEX.formatHex(key.marshal())).isEqualTo(ED25519_PRIVATE);
    }

    @Test
    void shouldDeriveTheSpecSecp256k1PublicKeyFromTheSpecPrivateKey() {
        PrivateKey key = PrivateKey.unmarshal(HEX.parseHex(SECP_PRIVATE));
        assertThat(key.type()).isEqualTo(KeyType.SECP256K1);
        assertThat(HEX.formatHex(key.publicKey().marshal())).isEqualTo(SECP_PUBLIC);
        assertThat(HEX.formatHex(key.marshal())).isEqualToIgnoringCase(SECP_PRIVATE);
    }

    @Test
    void shouldSignExactlyAsTheJavaScriptReferenceDoes() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(HEX.formatHex(
                        PrivateKey.unmarshal(HEX.parseHex(ED25519_PRIVATE)).sign(hello)))
                .isEqualTo(
                        "54f7fd037768d6479d14967d3df9500ba0720166b931e5e9912e58a0ac49fbfcef7aa3adc9b89d736d7411749dee70eb00ff8792ecc5e8c8c39c0b97f710d40c");
        assertThat(HEX.formatHex(
                        PrivateKey.unmarshal(HEX.parseHex(SECP_PRIVATE)).sign(hello)))
                .isEqualTo(
                        "3045022100856f9262ebf14f64b8357bcd94e797042799e2fe920df242239fa2806737527b02200834c6cb36978b072b8ea25edbde0e5b5d4b435720fe5af106b5f813fa93a842");
    }

    @Test
    void shouldVerifyOwnSignaturesAndRejectTamperedOnes() {
        for (KeyType type : new KeyType[] {KeyType.ED25519, KeyType.SECP256K1}) {
            PrivateKey key = PrivateKey.generate(type);
            byte[] msg = ("message for " + type).getBytes(StandardCharsets.UTF_8);
            byte[] sig = key.sign(msg);
            PublicKey pub = PublicKey.unmarshal(key.publicKey().marshal());
            assertThat(pub.verify(msg, sig)).isTrue();
            msg[0] ^= 1;
            assertThat(pub.verify(msg, sig)).isFalse();
            assertThat(pub.verify(msg, new byte[] {1, 2, 3})).isFalse();
        }
    }

    @Test
    void shouldRejectAnEd25519PrivateKeyWhosePublicHalfDoesNotMatch() {
        byte[] bad = HEX.parseHex(ED25519_PRIVATE);
        bad[bad.length - 1] ^= 1;
        assertThatThrownBy(() -> PrivateKey.unmarshal(bad)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void shouldNotRevealKeyMaterialInToString() {
        PrivateKey key = PrivateKey.unmarshal(HEX.parseHex(ED25519_PRIVATE));
        assertThat(key.toString()).doesNotContain("7e0830617c4a7de8");
    }
}
