package io.chaoschain.simulation.evidence;

import java.math.BigInteger;

/**
 * A token balance or allowance that changed during execution, read with {@code balanceOf}/{@code allowance} before
 * and after for every holder/owner-spender pair named in {@code Transfer}/{@code Approval} events.
 *
 * @param kind balance or allowance
 * @param token the token contract
 * @param owner the holder (balance) or owner (allowance)
 * @param spender the spender for allowances, null for balances
 * @param before value before (raw units)
 * @param after value after
 */
public record TokenDelta(Kind kind, String token, String owner, String spender, BigInteger before, BigInteger after) {
    public enum Kind {
        BALANCE,
        ALLOWANCE
    }

    public BigInteger delta() {
        return after.subtract(before);
    }
}
