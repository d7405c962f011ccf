package io.chaoschain.simulation.evidence;

import java.math.BigInteger;
import java.util.Map;

/**
 * How one account changed over a proposal's execution: values before (at the pre-execution block) and after.
 * Fields that did not change hold equal before/after values.
 *
 * @param address lower-case address
 * @param balanceBefore wei before
 * @param balanceAfter wei after
 * @param nonceBefore nonce before
 * @param nonceAfter nonce after
 * @param codeHashBefore keccak256 of the code before (keccak of empty for none)
 * @param codeHashAfter keccak256 of the code after
 * @param storage changed slots (0x + 64 hex) to their before/after values; only slots whose value differs
 */
public record AccountDiff(
        String address,
        BigInteger balanceBefore,
        BigInteger balanceAfter,
        long nonceBefore,
        long nonceAfter,
        String codeHashBefore,
        String codeHashAfter,
        Map<String, SlotChange> storage) {

    public AccountDiff {
        storage = Map.copyOf(storage);
    }

    /** A storage slot's value before and after (0x + 64 hex each). */
    public record SlotChange(String before, String after) {}

    public BigInteger balanceDelta() {
        return balanceAfter.subtract(balanceBefore);
    }

    public boolean codeChanged() {
        return !codeHashBefore.equals(codeHashAfter);
    }
}
