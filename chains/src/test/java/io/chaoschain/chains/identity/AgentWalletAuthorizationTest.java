package io.chaoschain.chains.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.Hex;
import io.chaoschain.core.UserFacingException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

class AgentWalletAuthorizationTest {
    /** The EIP-712 specification's example message ("Ether Mail"), with its published hashes and signature. */
    private static final String MAIL = """
      {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
        {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
       "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
       "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},
       "primaryType":"Mail",
       "domain":{"name":"Ether Mail","version":"1","chainId":1,
        "verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
       "message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
        "to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}
      """;

    private static AgentWalletAuthorization sample(Credentials wallet) {
        return new AgentWalletAuthorization(
                31337,
                "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                BigInteger.ONE,
                wallet.getAddress(),
                "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                BigInteger.valueOf(1_700_000_000L));
    }

    @Test
    void shouldReproduceTheEip712SpecMailExampleDigest() throws Exception {
        StructuredDataEncoder encoder = new StructuredDataEncoder(MAIL);
        assertThat(Hex.encode(encoder.hashDomain()))
                .isEqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
        assertThat(Hex.encode(encoder.hashStructuredData()))
                .isEqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    }

    @Test
    void shouldReproduceTheEip712SpecMailExampleSignature() throws Exception {
        Credentials cow = Credentials.create(Hex.encode(Hash.sha3("cow".getBytes(StandardCharsets.UTF_8))));
        assertThat(cow.getAddress()).isEqualToIgnoringCase("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
        Sign.SignatureData sig =
                Sign.signMessage(new StructuredDataEncoder(MAIL).hashStructuredData(), cow.getEcKeyPair(), false);
        assertThat(sig.getV()[0]).isEqualTo((byte) 28);
        assertThat(Hex.encode(sig.getR()))
                .isEqualTo("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d");
        assertThat(Hex.encode(sig.getS()))
                .isEqualTo("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562");
    }

    @Test
    void shouldProduceASignatureThatRecoversToTheSigner() throws Exception {
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        AgentWalletAuthorization auth = sample(wallet);
        byte[] signature = auth.signWith(wallet);
        assertThat(signature).hasSize(65);
        Sign.SignatureData data = new Sign.SignatureData(
                signature[64], Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64));
        BigInteger publicKey = Sign.signedMessageHashToKey(auth.digest(), data);
        assertThat("0x" + Keys.getAddress(publicKey)).isEqualToIgnoringCase(wallet.getAddress());
    }

    @Test
    void shouldBindEveryFieldIntoTheDigest() throws Exception {
        Credentials wallet = Credentials.create(Keys.createEcKeyPair());
        AgentWalletAuthorization base = sample(wallet);
        byte[] digest = base.digest();
        assertThat(digest).hasSize(32);
        assertThat(new AgentWalletAuthorization(
                                1, base.registry(), base.agentId(), base.newWallet(), base.owner(), base.deadline())
                        .digest())
                .isNotEqualTo(digest);
        assertThat(new AgentWalletAuthorization(
                                base.chainId(),
                                base.owner(),
                                base.agentId(),
                                base.newWallet(),
                                base.owner(),
                                base.deadline())
                        .digest())
                .isNotEqualTo(digest);
        assertThat(new AgentWalletAuthorization(
                                base.chainId(),
                                base.registry(),
                                BigInteger.TWO,
                                base.newWallet(),
                                base.owner(),
                                base.deadline())
                        .digest())
                .isNotEqualTo(digest);
        assertThat(new AgentWalletAuthorization(
                                base.chainId(),
                                base.registry(),
                                base.agentId(),
                                base.owner(),
                                base.owner(),
                                base.deadline())
                        .digest())
                .isNotEqualTo(digest);
        assertThat(new AgentWalletAuthorization(
                                base.chainId(),
                                base.registry(),
                                base.agentId(),
                                base.newWallet(),
                                base.newWallet(),
                                base.deadline())
                        .digest())
                .isNotEqualTo(digest);
        assertThat(new AgentWalletAuthorization(
                                base.chainId(),
                                base.registry(),
                                base.agentId(),
                                base.newWallet(),
                                base.owner(),
                                BigInteger.TEN)
                        .digest())
                .isNotEqualTo(digest);
    }

    @Test
    void shouldNameTheFieldOfABadAddress() {
        assertThatThrownBy(() -> new AgentWalletAuthorization(
                        1,
                        "0x1234",
                        BigInteger.ONE,
                        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                        BigInteger.ONE))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("registry");
    }
}
