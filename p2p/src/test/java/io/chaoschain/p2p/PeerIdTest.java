package io.chaoschain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.p2p.crypto.KeyType;
import io.chaoschain.p2p.crypto.PrivateKey;
import io.chaoschain.p2p.crypto.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Peer-ID vectors from the peer-ids spec, with expected strings cross-checked against @libp2p/peer-id. */
class PeerIdTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void shouldInlineAnEd25519KeyWithTheIdentityMultihash() {
        PublicKey key = PublicKey.unmarshal(
                HEX.parseHex("080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
        PeerId id = PeerId.fromPublicKey(key);
        assertThat(id.toBase58()).isEqualTo("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq");
        assertThat(id.toCid()).isEqualTo("bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6");
        assertThat(id.publicKey()).contains(key);
        assertThat(id.matches(key)).isTrue();
    }

    @Test
    void shouldDeriveTheReferencePeerIdOfTheSpecSecp256k1Key() {
        PublicKey key = PublicKey.unmarshal(
                HEX.parseHex("08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99"));
        assertThat(PeerId.fromPublicKey(key).toBase58())
                .isEqualTo("16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY");
    }

    @Test
    void shouldParseBothTextFormsOfTheSameSha256PeerId() {
        PeerId legacy = PeerId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        PeerId cid = PeerId.parse("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
        assertThat(cid).isEqualTo(legacy);
        assertThat(legacy.toCid()).isEqualTo("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe");
        assertThat(legacy.publicKey()).isEmpty();
    }

    @Test
    void shouldRoundTripGeneratedIdsThroughTextAndBytes() {
        for (int i = 0; i < 20; i++) {
            PeerId id = PeerId.fromPublicKey(PrivateKey.generate(i % 2 == 0 ? KeyType.ED25519 : KeyType.SECP256K1)
                    .publicKey());
            assertThat(PeerId.parse(id.toBase58())).isEqualTo(id);
            assertThat(PeerId.parse(id.toCid())).isEqualTo(id);
            assertThat(PeerId.fromBytes(id.bytes())).isEqualTo(id);
        }
    }

    @Test
    void shouldRejectTextThatIsNotAPeerId() {
        assertThatThrownBy(() -> PeerId.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerId.parse("12D3KooW0OIl")).hasMessageContaining("base58");
        assertThatThrownBy(() -> PeerId.parse("")).hasMessageContaining("empty");
    }
}
