package io.chaoschain.simulation.evidence;

/**
 * What a contract delegates to, before and after the proposal executed.
 *
 * @param address the contract
 * @param kind the proxy standard found, {@code NONE} for none
 * @param implementationBefore the implementation (EIP-1967 slot, the beacon's {@code implementation()}, or the
 *     EIP-1167 target) before execution, null when none
 * @param implementationAfter the same after execution
 * @param adminBefore the EIP-1967 admin before, null when unset
 * @param adminAfter the EIP-1967 admin after
 * @param beacon the EIP-1967 beacon after, null when unset
 */
public record ProxyInfo(
        String address,
        Kind kind,
        String implementationBefore,
        String implementationAfter,
        String adminBefore,
        String adminAfter,
        String beacon) {

    public enum Kind {
        NONE,
        EIP1967,
        EIP1967_BEACON,
        EIP1167
    }

    public boolean isProxy() {
        return kind != Kind.NONE;
    }

    public boolean implementationChanged() {
        return !java.util.Objects.equals(implementationBefore, implementationAfter);
    }

    public boolean adminChanged() {
        return !java.util.Objects.equals(adminBefore, adminAfter);
    }
}
