package io.chaoschain.chains.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaoDeployerSettingsTest {
    private final DaoDeployer.Settings defaults = DaoDeployer.Settings.defaults();

    @Test
    void shouldUseThreeDevAccountsAsDelegatesByDefault() {
        assertThat(defaults.delegates()).hasSize(3);
        assertThat(defaults.delegates().get(0).getAddress())
                .isEqualToIgnoringCase("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    }

    @Test
    void shouldRefuseAnEndpointAllocationBelowTheProposalThreshold() {
        assertThatThrownBy(() -> new DaoDeployer.Settings(
                        defaults.timelockMinDelay(),
                        1,
                        30,
                        defaults.proposalThreshold(),
                        4,
                        defaults.delegates(),
                        defaults.delegateAllocation(),
                        defaults.proposalThreshold().subtract(BigInteger.ONE),
                        defaults.rateModel(),
                        defaults.collateralFactor(),
                        defaults.collateralPrice()))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("endpointAllocation");
    }

    @Test
    void shouldRefuseANegativeTimelockDelay() {
        assertThatThrownBy(() -> defaults.withTimelockMinDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("timelockMinDelay");
    }

    @Test
    void shouldRefuseAnEmptyVotingPeriod() {
        assertThatThrownBy(() -> defaults.withVoting(1, 0))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("votingPeriodBlocks");
    }

    @Test
    void shouldNotPrintDelegateKeys() {
        String privateKeyHex =
                defaults.delegates().get(0).getEcKeyPair().getPrivateKey().toString(16);
        assertThat(defaults.toString())
                .contains(defaults.delegates().get(0).getAddress())
                .doesNotContain(privateKeyHex);
    }
}
