package io.chaoschain.chains.anvil;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnvilAccountsTest {
    @Test
    void shouldDeriveTheWellKnownFirstDevKey() {
        assertThat(AnvilAccounts.credentials(0).getEcKeyPair().getPrivateKey().toString(16))
                .isEqualTo("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        assertThat(AnvilAccounts.credentials(0).getAddress())
                .isEqualToIgnoringCase("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    }

    @Test
    void shouldDeriveDistinctAccountsPerIndex() {
        assertThat(AnvilAccounts.credentials(1).getAddress())
                .isEqualToIgnoringCase("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    }
}
