package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Control;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * C6: owner, admin, minter, guardian or implementation moved to an address the DAO does not control (Build Finance,
 * February 2022: the hostile proposal handed the token's minting ownership to the attacker).
 *
 * <p>Reads the permission events of the execution (ownership transfers, role grants, proxy admin changes) and, for
 * every touched contract, the getters in {@code checks.C6.getters} (default {@code owner()}, {@code pendingOwner()},
 * {@code admin()}, {@code pendingAdmin()}, {@code guardian()}, {@code minter()}, {@code pauseGuardian()}) and the
 * EIP-1967 admin before and after. A new holder must be DAO-controlled: the executor, the governor,
 * {@code allowlist.daoControlled}, or a contract the DAO controls through a chain of owners, admins, ProxyAdmins,
 * admin roles or a comptroller that lists it ({@link Control}). Anything else fails.
 */
public final class ControlTransferCheck implements SafetyCheck {
    private static final List<String> DEFAULT_GETTERS = List.of(
            "owner()", "pendingOwner()", "admin()", "pendingAdmin()", "guardian()", "minter()", "pauseGuardian()");

    @Override
    public String id() {
        return "C6";
    }

    @Override
    public String title() {
        return "Control stays with the DAO";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        Control dao = new Control(e, s);
        Findings f = new Findings(id());
        for (PermissionChange c : e.permissionChanges()) {
            String who = c.account();
            boolean grantsControl = switch (c.kind()) {
                case OWNERSHIP_TRANSFERRED,
                        OWNERSHIP_TRANSFER_STARTED,
                        ROLE_GRANTED,
                        PROXY_ADMIN_CHANGED,
                        TIMELOCK_CHANGED -> true;
                default -> false;
            };
            if (grantsControl && who != null && !who.equals(Evm.ZERO_ADDRESS) && !dao.controls(who)) {
                f.fail("action " + c.actionIndex() + ": "
                        + c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " on "
                        + c.contract() + (c.role() != null ? " role " + c.role() : "") + " to " + who
                        + ", which the DAO does not control");
            }
        }
        List<String> names =
                s.forCheck(id()).raw("getters").map(ControlTransferCheck::texts).orElse(DEFAULT_GETTERS);
        long pre = e.fork().preBlock();
        long post = e.fork().postBlock();
        for (String address : e.touchedAddresses()) {
            if (!Evm.hasCode(e.fork(), address, post)) {
                continue;
            }
            for (String getter : names) {
                String sig = getter;
                Optional<String> before = Evm.address(e.fork(), address, Evm.encode(sig), pre);
                Optional<String> after = Evm.address(e.fork(), address, Evm.encode(sig), post);
                if (after.isPresent()
                        && !Objects.equals(before.orElse(null), after.get())
                        && !after.get().equals(Evm.ZERO_ADDRESS)
                        && !dao.controls(after.get())) {
                    f.fail(address + "." + sig + " moves from " + before.orElse("(none)") + " to " + after.get()
                            + ", which the DAO does not control");
                }
            }
            ProxyInfo proxy = e.proxies().get(address);
            if (proxy != null
                    && proxy.adminChanged()
                    && proxy.adminAfter() != null
                    && !dao.controls(proxy.adminAfter())) {
                f.fail(address + " EIP-1967 admin moves from " + proxy.adminBefore() + " to " + proxy.adminAfter()
                        + ", which the DAO does not control");
            }
        }
        return f.result("no owner, admin or role moved outside the DAO");
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
