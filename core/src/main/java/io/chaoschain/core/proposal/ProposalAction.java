package io.chaoschain.core.proposal;

import io.chaoschain.core.Hex;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One call a proposal makes when executed.
 *
 * @param target the contract called (lower-case hex address)
 * @param value wei sent with the call
 * @param calldata ABI-encoded call (0x-prefixed hex)
 * @param signature the human-readable function signature, e.g. {@code setRateModel(uint256,uint256,uint256,uint256)},
 *     or empty when unknown
 */
public record ProposalAction(String target, BigInteger value, String calldata, String signature) {
    public ProposalAction {
        target = Hex.address(target, "action.target");
        calldata = Hex.data(calldata, "action.calldata");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("action.value must not be negative");
        }
        signature = signature == null ? "" : signature;
    }

    public String selector() {
        return Hex.selector(calldata);
    }
}
