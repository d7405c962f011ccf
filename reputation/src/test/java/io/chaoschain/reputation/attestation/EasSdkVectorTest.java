package io.chaoschain.reputation.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoschain.core.testing.StubTimeProvider;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * Vectors from the EAS SDK's own tests (eas-sdk test/test/offchain-utils.ts, TEST_ATTESTATIONS): a version-2
 * attestation signed by Hardhat/Anvil account 0 and a version-1 attestation signed by another key.
 */
class EasSdkVectorTest {
    private static final String ANVIL_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final EasDomain SDK_DOMAIN_V2 =
            EasDomain.of("1.3.0", 31337, "0x6f2E42BB4176e9A7352a8bF8886255Be9F3D2d13");
    private static final StubTimeProvider AT_SIGNING = StubTimeProvider.startingAt(Instant.ofEpochSecond(1690299812L));

    static final String V2_JSON = """
      {"sig": {
        "version": 2,
        "domain": {"name": "EAS Attestation", "version": "1.3.0", "chainId": 31337,
                   "verifyingContract": "0x6f2E42BB4176e9A7352a8bF8886255Be9F3D2d13"},
        "primaryType": "Attest",
        "types": {"Attest": [
          {"name": "version", "type": "uint16"}, {"name": "schema", "type": "bytes32"},
          {"name": "recipient", "type": "address"}, {"name": "time", "type": "uint64"},
          {"name": "expirationTime", "type": "uint64"}, {"name": "revocable", "type": "bool"},
          {"name": "refUID", "type": "bytes32"}, {"name": "data", "type": "bytes"}, {"name": "salt", "type": "bytes32"}]},
        "signature": {"v": 28,
          "r": "0x086528faabfc6eafc046c711577b603f0123e79383469abaedd9ff7ce38028fd",
          "s": "0x22c1f437874575bf74936a7d1a114c789f2a53e7d986c2c46fa60b6ed43d7351"},
        "uid": "0x854d8e26b2bbdc3577fc78c6d2f512258fcc9b91a60858985a216c0ef526ee82",
        "message": {"version": 2,
          "schema": "0x33e9094830a5cba5554d1954310e4fbed2ef5f859ec1404619adea4207f391fd",
          "recipient": "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
          "time": "1690299812", "expirationTime": "1692891810", "revocable": true,
          "refUID": "0x0000000000000000000000000000000000000000000000000000000000000000",
          "data": "0x",
          "salt": "0x0000000000000000000000000000000000000000000000000000000000000123"}},
       "signer": "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}
      """;

    static final String V1_JSON = """
      {"sig": {
        "domain": {"name": "EAS Attestation", "version": "1.0.0", "chainId": 31337,
                   "verifyingContract": "0x6f2E42BB4176e9A7352a8bF8886255Be9F3D2d13"},
        "primaryType": "Attest",
        "types": {"Attest": [
          {"name": "version", "type": "uint16"}, {"name": "schema", "type": "bytes32"},
          {"name": "recipient", "type": "address"}, {"name": "time", "type": "uint64"},
          {"name": "expirationTime", "type": "uint64"}, {"name": "revocable", "type": "bool"},
          {"name": "refUID", "type": "bytes32"}, {"name": "data", "type": "bytes"}]},
        "signature": {"v": 27,
          "r": "0x657d547ea6cd0833572aad8005d00e38f7ed179ab98f76af03209abc1b547445",
          "s": "0x39057cca4f279d3665882bb41087f281f4c82f8bc7289bd8692d1489516bbcfa"},
        "uid": "0x35bcdfc396e713ace4513fb166b2ac2e5613f12e4aed5d5cdb637051750f6e0b",
        "message": {"version": 1,
          "schema": "0x33e9094830a5cba5554d1954310e4fbed2ef5f859ec1404619adea4207f391fd",
          "recipient": "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
          "time": 1690299812, "expirationTime": 1692891810, "revocable": true,
          "refUID": "0x0000000000000000000000000000000000000000000000000000000000000000",
          "data": "0x"}},
       "signer": "0x8f80b8f45cA0F036da46fFA4D9e5e42D086fB302"}
      """;

    @Test
    void shouldReproduceTheSdkVersion2AttestationBitForBit() {
        AttestationSigner signer = new AttestationSigner(SDK_DOMAIN_V2, Credentials.create(ANVIL_KEY_0));
        AttestationRequest request = new AttestationRequest(
                "0x33e9094830a5cba5554d1954310e4fbed2ef5f859ec1404619adea4207f391fd",
                "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                1690299812L,
                1692891810L,
                true,
                AttestationRequest.ZERO_BYTES32,
                "0x",
                "0x0000000000000000000000000000000000000000000000000000000000000123");

        OffchainAttestation signed = signer.sign(request);

        assertThat(signed.uid()).isEqualTo("0x854d8e26b2bbdc3577fc78c6d2f512258fcc9b91a60858985a216c0ef526ee82");
        assertThat(signed.signature())
                .isEqualTo(new EcdsaSignature(
                        28,
                        "0x086528faabfc6eafc046c711577b603f0123e79383469abaedd9ff7ce38028fd",
                        "0x22c1f437874575bf74936a7d1a114c789f2a53e7d986c2c46fa60b6ed43d7351"));
        assertThat(signed.signer()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(signed).isEqualTo(AttestationJson.read(V2_JSON));
    }

    @Test
    void shouldVerifyTheSdkVersion2Package() {
        Verification result = new AttestationVerifier(AT_SIGNING).verify(AttestationJson.read(V2_JSON));

        assertThat(result).isEqualTo(new Verification.Valid("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
    }

    @Test
    void shouldVerifyTheSdkVersion1PackageSignedByAnotherKey() {
        OffchainAttestation v1 = AttestationJson.read(V1_JSON);

        Verification result = new AttestationVerifier(AT_SIGNING).verify(v1);

        assertThat(v1.version()).isEqualTo(OffchainAttestation.VERSION_1);
        assertThat(result).isEqualTo(new Verification.Valid("0x8f80b8f45cA0F036da46fFA4D9e5e42D086fB302"));
    }

    @Test
    void shouldRejectTheSdkPackageAfterItsExpirationTime() {
        StubTimeProvider afterExpiry = StubTimeProvider.startingAt(Instant.ofEpochSecond(1692891810L));

        Verification result = new AttestationVerifier(afterExpiry).verify(AttestationJson.read(V2_JSON));

        assertThat(result)
                .isInstanceOfSatisfying(
                        Verification.Invalid.class, i -> assertThat(i.reason()).isEqualTo(Verification.Reason.EXPIRED));
    }
}
