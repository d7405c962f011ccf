package io.chaoschain.simulation.evidence;

/**
 * A change to who controls a contract, read from the standard events it emitted during execution.
 *
 * @param actionIndex the action whose execution emitted it
 * @param contract the contract whose permissions changed
 * @param kind what changed
 * @param role the role (0x-hex bytes32) for role events, else null
 * @param account the account gaining/losing control (new owner, grantee, new admin, new implementation)
 * @param previous the previous holder where the event names it (previous owner/admin), else null
 */
public record PermissionChange(
        int actionIndex, String contract, Kind kind, String role, String account, String previous) {

    public enum Kind {
        OWNERSHIP_TRANSFERRED,
        OWNERSHIP_TRANSFER_STARTED,
        ROLE_GRANTED,
        ROLE_REVOKED,
        ROLE_ADMIN_CHANGED,
        PROXY_ADMIN_CHANGED,
        IMPLEMENTATION_UPGRADED,
        BEACON_UPGRADED,
        TIMELOCK_CHANGED,
        TIMELOCK_DELAY_CHANGED
    }
}
