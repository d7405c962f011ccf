package io.chaoschain.incentives.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoschain.core.UserFacingException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewardInputTest {
    static final String A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    static final String T = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    static String entry(String account, String token, String amount) {
        return "{\"account\": \"" + account + "\", \"token\": \"" + token + "\", \"amount\": " + amount + "}";
    }

    @Test
    void shouldReadEntriesWithAddressesInLowerCase() {
        var entries = RewardInput.parse("[" + entry(A, T, "\"1000\"") + "]", "in.json");
        assertThat(entries)
                .containsExactly(new RewardEntry(A.toLowerCase(), T.toLowerCase(), BigInteger.valueOf(1000)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[]|error: in.json is an empty list; a distribution needs at least one entry",
                "{}|error: in.json must be a JSON array",
                "[1]|error: entries[0] must be an object",
                "[{\"account\": 1}|error: in.json is not valid JSON (line 1, column ",
                "not json|error: in.json is not valid JSON",
            })
    void shouldRejectMalformedInputWithOneLine(String json, String message) {
        assertThatThrownBy(() -> RewardInput.parse(json, "in.json"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0x1234|\"1\"|error: entries[1].account must be a 0x-prefixed 20-byte hex address, got '0x1234'",
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8|\"-5\"|error: entries[1].amount must not be negative",
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8|\"1.5\"|error: entries[1].amount must be a whole number",
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8|5|error: entries[1].amount must be a JSON string, got 5",
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8|\"115792089237316195423570985008687907853269984665640564039457584007913129639936\"|error: entries[1].amount is larger than a uint256",
                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8|\"7\"|error: entries[1] repeats account 0x70997970c51812dc3a010c7d01b50e0d17dc79c8 and token",
            })
    void shouldNameTheEntryAndFieldThatIsWrong(String account, String amount, String message) {
        String json = "[" + entry(A, T, "\"1\"") + ", " + entry(account, T, amount) + "]";
        assertThatThrownBy(() -> RewardInput.parse(json, "in.json"))
                .isInstanceOf(UserFacingException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldAcceptTheLargestUint256() {
        String max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).toString();
        assertThat(RewardInput.parse("[" + entry(A, T, "\"" + max + "\"") + "]", "in.json")
                        .getFirst()
                        .amount())
                .isEqualTo(new BigInteger(max));
    }

    @Test
    void shouldRejectAMissingTokenAndAnUnknownField() {
        assertThatThrownBy(() -> RewardInput.parse("[{\"account\": \"" + A + "\", \"amount\": \"1\"}]", "in.json"))
                .hasMessage("error: entries[0] has no token");
        assertThatThrownBy(() -> RewardInput.parse("[" + entry(A, T, "\"1\", \"amout\": \"2\"") + "]", "in.json"))
                .hasMessageStartingWith("error: entries[0] has unknown field 'amout'");
    }
}
