package io.chaoschain.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class DraftFileTest {
    private static final String T = "0x00000000000000000000000000000000000000aa";

    @Test
    void shouldReadADraft() {
        ProposalSource.Draft d = DraftFile.parse("""
        {"chainId": 1, "executor": "%s", "description": "hi",
         "actions": [{"target": "%s", "value": "5", "calldata": "0x12345678"}]}""".formatted(T, T), "d.json");
        assertThat(d.chainId()).isEqualTo(1);
        assertThat(d.executor()).isEqualTo(T);
        assertThat(d.actions().getFirst().value()).isEqualTo(BigInteger.valueOf(5));
    }

    @Test
    void shouldRequireAnExecutorWithoutAGovernor() {
        assertThatThrownBy(() -> DraftFile.parse("{\"actions\": [{\"target\": \"" + T + "\"}]}", "d.json"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("executor is required");
    }

    @Test
    void shouldNameTheBadActionField() {
        assertThatThrownBy(() -> DraftFile.parse("""
        {"executor": "%s", "actions": [{"target": "%s", "calldata": "xyz"}]}""".formatted(T, T), "d.json"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("actions[0].calldata");
        assertThatThrownBy(() -> DraftFile.parse("{\"executor\": \"" + T + "\", \"actions\": []}", "d.json"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageContaining("actions must be");
    }
}
