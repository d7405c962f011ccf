package io.chaoschain.reputation.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaIdTest {
    private static final String NO_RESOLVER = AttestationRequest.ZERO_ADDRESS;

    /** Schema UIDs published for live EAS schemas registered without a resolver, revocable. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // EAS "Schema #1" (Name a Schema), e.g. sepolia.easscan.org/schema/view/0x44d5...
                "bytes32 schemaId,string name|0x44d562ac1d7cd77e232978687fea027ace48f719cf1d58c7888e509663bb87fc",
                // Optimism RetroPGF 3 profile schema (jakim929/rpgf3-viewer)
                "string name,uint256 profileMetadataPtrType,string profileMetadataPtr|0xac4c92fc5c7babed88f78a917cdbcdc1c496a8f4ab2d5b2ec29402736b2cf929",
                // Optimism project owners / metadata schemas (greenpill-dev-guild/impact-reef)
                "uint256 farcasterID|0x0e5d439a46d50507c63ea277b75c4d87711cc9d1754103393066927ee9be9fe3",
                "bytes32 projectRefUID,string name,string category,bytes32 parentProjectRefUID,uint8 metadataType,string metadataUrl|0x9a384502b07bb8dfe65a784d0abee1dc22ff541024a9965d78ef7934dda7b6ca"
            })
    void shouldMatchPublishedSchemaUids(String schema, String uid) {
        assertThat(SchemaId.of(schema, NO_RESOLVER, true).value()).isEqualTo(uid);
    }

    @Test
    void shouldDependOnRevocabilityAndResolver() {
        SchemaId base = SchemaId.of("bool like", NO_RESOLVER, true);

        assertThat(SchemaId.of("bool like", NO_RESOLVER, false)).isNotEqualTo(base);
        assertThat(SchemaId.of("bool like", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", true))
                .isNotEqualTo(base);
    }

    @Test
    void shouldNameTheResolverWhenItIsNotAnAddress() {
        assertThatThrownBy(() -> SchemaId.of("bool like", "0x1234", true))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("resolver");
    }
}
