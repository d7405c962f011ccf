package io.chaoschain.simulation.checks.builtin;

import io.chaoschain.simulation.checks.SafetyCheck;
import java.math.BigInteger;
import java.util.List;

/** The seatbelt-class checks every simulation runs, in report order. */
public final class BuiltinChecks {
    private BuiltinChecks() {}

    public static List<SafetyCheck> all() {
        return List.of(
                new ExecutionCheck(),
                new ValueRequiredCheck(),
                new CalldataDecodingCheck(),
                new StateChangesCheck(),
                new LogsCheck(),
                new EthBalanceChangesCheck(),
                new TokenChangesCheck(),
                new PermissionChangesCheck(),
                new ProxyResolutionCheck(),
                new SelfdestructCheck(),
                new DelegatecallCheck());
    }

    /** Wei as ETH with up to 18 decimals, trailing zeros dropped, e.g. {@code 1.5 ETH}. */
    static String eth(BigInteger wei) {
        return new java.math.BigDecimal(wei, 18).stripTrailingZeros().toPlainString() + " ETH";
    }
}
