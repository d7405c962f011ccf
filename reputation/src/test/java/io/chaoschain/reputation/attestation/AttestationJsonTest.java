package io.chaoschain.reputation.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.testing.StubTimeProvider;
import io.chaoschain.reputation.attestation.internal.AttestTypedData;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.StructuredDataEncoder;

class AttestationJsonTest {
    private static final EasDomain DOMAIN = EasDomain.of("1.4.0", 8453, "0x4200000000000000000000000000000000000021");
    private static final AttestationSigner SIGNER = new AttestationSigner(
            DOMAIN,
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
            new Random(1));

    private static OffchainAttestation sample() {
        ContributionRecord record = new ContributionRecord(
                BigInteger.TEN,
                "eip155:8453",
                ContributionKind.INSIGHT_ADOPTED,
                "0x" + "01".repeat(32),
                BigInteger.valueOf(987654321),
                6,
                "0x" + "02".repeat(32));
        return SIGNER.sign(record.toRequest(
                        ContributionRecord.schemaId(AttestationRequest.ZERO_ADDRESS, true),
                        AttestationRequest.ZERO_ADDRESS,
                        1_700_000_000L)
                .withExpirationTime(1_900_000_000L)
                .withRefUID("0x" + "03".repeat(32)));
    }

    @Test
    void shouldRoundTripEveryField() {
        OffchainAttestation a = sample();

        OffchainAttestation back = AttestationJson.read(AttestationJson.write(a));

        assertThat(back).isEqualTo(a);
        assertThat(AttestationJson.write(back)).isEqualTo(AttestationJson.write(a));
    }

    @Test
    void shouldKeepTheSchemaTextExactlySoMixedCaseUidsStillVerify() {
        // The SDK hashes the schema UID's hex text into the UID, so an upper-case schema is a different attestation.
        AttestationRequest upper = AttestationRequest.of(
                "0x" + "AB".repeat(32), AttestationRequest.ZERO_ADDRESS, 1_700_000_000L, "0xBEEF");
        OffchainAttestation a = SIGNER.sign(upper);

        OffchainAttestation back = AttestationJson.read(AttestationJson.write(a));

        assertThat(back.schema()).isEqualTo(upper.schema());
        assertThat(back.data()).isEqualTo("0xBEEF");
        var clock = StubTimeProvider.startingAt(Instant.ofEpochSecond(1_700_000_001L));
        assertThat(new AttestationVerifier(clock).verify(back).valid()).isTrue();
        AttestationRequest lower = new AttestationRequest(
                upper.schema().toLowerCase(java.util.Locale.ROOT),
                upper.recipient(),
                upper.time(),
                upper.expirationTime(),
                upper.revocable(),
                upper.refUID(),
                upper.data(),
                a.salt());
        assertThat(SIGNER.sign(lower).uid()).isNotEqualTo(a.uid());
    }

    @Test
    void shouldProduceTypedDataWhoseDigestWeb3jComputesIdentically() throws Exception {
        OffchainAttestation a = sample();
        com.fasterxml.jackson.databind.node.ObjectNode sig =
                (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(AttestationJson.write(a))
                        .get("sig");
        // web3j's encoder wants bare EIP-712 typed data with the domain type spelled out.
        sig.remove(java.util.List.of("version", "signature", "uid"));
        com.fasterxml.jackson.databind.node.ArrayNode domainType =
                ((com.fasterxml.jackson.databind.node.ObjectNode) sig.get("types")).putArray("EIP712Domain");
        domainType.addObject().put("name", "name").put("type", "string");
        domainType.addObject().put("name", "version").put("type", "string");
        domainType.addObject().put("name", "chainId").put("type", "uint256");
        domainType.addObject().put("name", "verifyingContract").put("type", "address");
        String typedData = sig.toString();

        byte[] web3j = new StructuredDataEncoder(typedData).hashStructuredData();

        assertThat(web3j).isEqualTo(AttestTypedData.digest(a.domain(), a.version(), a.request()));
    }

    @Test
    void shouldNameTheMissingField() {
        String noSigner = AttestationJson.write(sample()).replace("\"signer\"", "\"signed_by\"");

        assertThatThrownBy(() -> AttestationJson.read(noSigner))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("signer");
    }

    @Test
    void shouldRejectTypesThatDoNotMatchTheDeclaredVersion() {
        String withoutSalt = AttestationJson.write(sample()).replaceAll("\\{\\s*\"name\"\\s*:\\s*\"salt\"[^}]*},?", "");

        assertThatThrownBy(() -> AttestationJson.read(withoutSalt.replaceAll(",(\\s*)]", "$1]")))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("sig.types.Attest");
    }

    @Test
    void shouldRejectSomethingThatIsNotJson() {
        assertThatThrownBy(() -> AttestationJson.read("{not json"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("not valid JSON");
    }
}
