package io.chaoschain.simulation.internal;

import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.PermissionChange;
import java.util.ArrayList;
import java.util.List;

/** Permission changes (ownership, roles, proxy admin and implementation, timelock) read from decoded logs. */
final class PermissionEvents {
    private PermissionEvents() {}

    static List<PermissionChange> from(List<DecodedLog> logs) {
        List<PermissionChange> out = new ArrayList<>();
        for (DecodedLog l : logs) {
            if (!l.known()) {
                continue;
            }
            int i = l.actionIndex();
            String c = l.address();
            PermissionChange p = switch (l.signature()) {
                case "OwnershipTransferred(address,address)" ->
                    new PermissionChange(
                            i,
                            c,
                            PermissionChange.Kind.OWNERSHIP_TRANSFERRED,
                            null,
                            l.arg("newOwner"),
                            l.arg("previousOwner"));
                case "OwnershipTransferStarted(address,address)" ->
                    new PermissionChange(
                            i,
                            c,
                            PermissionChange.Kind.OWNERSHIP_TRANSFER_STARTED,
                            null,
                            l.arg("newOwner"),
                            l.arg("previousOwner"));
                case "RoleGranted(bytes32,address,address)" ->
                    new PermissionChange(
                            i, c, PermissionChange.Kind.ROLE_GRANTED, l.arg("role"), l.arg("account"), null);
                case "RoleRevoked(bytes32,address,address)" ->
                    new PermissionChange(
                            i, c, PermissionChange.Kind.ROLE_REVOKED, l.arg("role"), l.arg("account"), null);
                case "RoleAdminChanged(bytes32,bytes32,bytes32)" ->
                    new PermissionChange(
                            i,
                            c,
                            PermissionChange.Kind.ROLE_ADMIN_CHANGED,
                            l.arg("role"),
                            l.arg("newAdminRole"),
                            l.arg("previousAdminRole"));
                case "Upgraded(address)" ->
                    new PermissionChange(
                            i, c, PermissionChange.Kind.IMPLEMENTATION_UPGRADED, null, l.arg("implementation"), null);
                case "AdminChanged(address,address)" ->
                    new PermissionChange(
                            i,
                            c,
                            PermissionChange.Kind.PROXY_ADMIN_CHANGED,
                            null,
                            l.arg("newAdmin"),
                            l.arg("previousAdmin"));
                case "BeaconUpgraded(address)" ->
                    new PermissionChange(i, c, PermissionChange.Kind.BEACON_UPGRADED, null, l.arg("beacon"), null);
                case "TimelockChange(address,address)" ->
                    new PermissionChange(
                            i,
                            c,
                            PermissionChange.Kind.TIMELOCK_CHANGED,
                            null,
                            l.arg("newTimelock"),
                            l.arg("oldTimelock"));
                case "MinDelayChange(uint256,uint256)" ->
                    new PermissionChange(
                            i,
                            c,
                            PermissionChange.Kind.TIMELOCK_DELAY_CHANGED,
                            null,
                            l.arg("newDuration"),
                            l.arg("oldDuration"));
                default -> null;
            };
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
