package io.chaoschain.simulation.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {
    private static final String DAO = "0x00000000000000000000000000000000000000Aa";

    @Test
    void shouldReadAllowlistsAndOptionsFromYaml() {
        CheckSettings s = CheckSettings.parse("""
        allowlist:
          daoControlled: ["%s"]
        checks:
          eth-balance-changes:
            failAboveWei: "1000000000000000000"
          no-delegatecall:
            enabled: false
        """.formatted(DAO), true, "c.yaml");
        assertThat(s.daoControlled()).containsExactly(DAO.toLowerCase());
        assertThat(s.forCheck("eth-balance-changes").integer("failAboveWei", null))
                .isEqualTo(BigInteger.TEN.pow(18));
        assertThat(s.enabled("no-delegatecall")).isFalse();
        assertThat(s.enabled("execution")).isTrue();
    }

    @Test
    void shouldReadJson() {
        CheckSettings s = CheckSettings.parse("{\"checks\": {\"C4\": {\"maxShare\": 0.25}}}", false, "c.json");
        assertThat(s.forCheck("C4").number("maxShare", 1)).isEqualTo(0.25);
    }

    @Test
    void shouldNameTheFieldThatIsWrong() {
        assertThatThrownBy(
                        () -> CheckSettings.parse("{\"allowlist\": {\"daoControlled\": [\"0x12\"]}}", false, "c.json"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("allowlist.daoControlled");
        assertThatThrownBy(() -> CheckSettings.parse("{\"check\": {}}", false, "c.json"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("unknown key 'check'");
        CheckSettings s = CheckSettings.parse("{\"checks\": {\"x\": {\"limit\": \"lots\"}}}", false, "c.json");
        assertThatThrownBy(() -> s.forCheck("x").integer("limit", BigInteger.ONE))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("checks.x.limit");
    }
}
