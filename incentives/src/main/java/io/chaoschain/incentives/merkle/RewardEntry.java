package io.chaoschain.incentives.merkle;

import io.chaoschain.core.Fields;
import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.util.List;

/**
 * What {@code account} may have claimed in total of {@code token} so far: the distributor pays the difference between
 * this cumulative amount and what it already paid. Addresses are kept in lower case.
 */
public record RewardEntry(String account, String token, BigInteger amount) {
    public RewardEntry {
        account = Hex.address(account, "account");
        token = Hex.address(token, "token");
        Fields.uint256(amount, "amount");
    }

    /** The leaf's values in {@link RewardTree#ENCODING} order: account, token, amount as a decimal string. */
    public List<Object> leafValues() {
        return List.of(account, token, amount.toString());
    }
}
