package io.chaoschain.simulation.checks.governance.claims;

import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.List;
import java.util.function.Predicate;

/**
 * Control and code effects against the description: who gains or loses control of a contract (ownership, roles,
 * proxy admins, the timelock), implementation upgrades and code replaced or removed must be said in words, and an
 * account outside the DAO that gains control must be named in full.
 */
public final class ControlDisclosure {
    /** Words that disclose a change of control. */
    public static final List<String> CONTROL_WORDS = List.of(
            "owner",
            "admin",
            "role",
            "guardian",
            "minter",
            "pauser",
            "burner",
            "operator",
            "control",
            "permission",
            "authorit",
            "rights",
            "timelock",
            "delay",
            "proposer",
            "executor",
            "canceller",
            "manager",
            "keeper",
            "signer",
            "multisig",
            "council",
            "veto",
            "grant role",
            "revoke role",
            "transfer ownership",
            "accept admin",
            "pending admin");
    /** Words that disclose a change of code. */
    public static final List<String> UPGRADE_WORDS = List.of(
            "upgrade",
            "implementation",
            "migrat",
            "redeploy",
            "patch",
            "new version",
            "v2",
            "v3",
            "v4",
            "code",
            "selfdestruct",
            "self-destruct",
            "logic contract",
            "proxy",
            "beacon");

    private static final String EMPTY_CODE_HASH = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

    private ControlDisclosure() {}

    /**
     * @param dao whether an address is the DAO's
     */
    public static void judge(DescriptionClaims claims, SimulationEvidence e, Predicate<String> dao, Findings f) {
        boolean control = claims.mentions(CONTROL_WORDS);
        boolean upgrade = claims.mentions(UPGRADE_WORDS);
        for (PermissionChange p : e.permissionChanges()) {
            String where = " on " + p.contract() + " (action " + p.actionIndex() + ")";
            switch (p.kind()) {
                case OWNERSHIP_TRANSFERRED,
                        OWNERSHIP_TRANSFER_STARTED,
                        ROLE_GRANTED,
                        PROXY_ADMIN_CHANGED,
                        TIMELOCK_CHANGED -> {
                    String what = label(p) + " to " + p.account() + where;
                    if (p.account() == null) {
                        continue;
                    }
                    if (!dao.test(p.account())) {
                        if (!claims.names(p.account())) {
                            f.fail(what + ": control passes outside the DAO and the description does not name "
                                    + p.account() + " in full");
                        } else if (!control) {
                            f.fail(what + ": control passes outside the DAO and the description does not say so");
                        }
                    } else if (!control) {
                        f.warn(what + ": a change of control the description does not mention");
                    }
                }
                case ROLE_REVOKED -> {
                    if (p.account() != null && dao.test(p.account()) && !control) {
                        f.fail(label(p) + " from the DAO's " + p.account() + where
                                + ": the DAO gives up control and the description does not say so");
                    }
                }
                case ROLE_ADMIN_CHANGED -> {
                    if (!control) {
                        f.warn(label(p) + where + ": a change of control the description does not mention");
                    }
                }
                case IMPLEMENTATION_UPGRADED, BEACON_UPGRADED -> {
                    if (!upgrade) {
                        f.fail(label(p) + " to " + p.account() + where
                                + ": the code behind the contract changes and the description does not say so");
                    } else if (p.account() != null && !claims.names(p.account())) {
                        f.note("the new implementation " + p.account() + where + " is not named in full");
                    }
                }
                case TIMELOCK_DELAY_CHANGED -> {
                    if (!control) {
                        f.fail("the timelock delay changes" + where + " and the description does not say so");
                    }
                }
            }
        }
        for (AccountDiff d : e.stateDiff().values()) {
            if (d.codeChanged() && !d.codeHashBefore().equals(EMPTY_CODE_HASH) && !upgrade) {
                String how = d.codeHashAfter().equals(EMPTY_CODE_HASH) ? "is removed" : "is replaced";
                f.fail("the code of " + d.address() + " " + how + " and the description does not say so");
            } else if (d.codeChanged() && d.codeHashBefore().equals(EMPTY_CODE_HASH)) {
                f.note("the proposal creates a contract at " + d.address());
            }
        }
    }

    private static String label(PermissionChange p) {
        return switch (p.kind()) {
            case OWNERSHIP_TRANSFERRED -> "ownership transferred";
            case OWNERSHIP_TRANSFER_STARTED -> "ownership transfer started";
            case ROLE_GRANTED -> "role " + abbreviate(p.role()) + " granted";
            case ROLE_REVOKED -> "role " + abbreviate(p.role()) + " revoked";
            case ROLE_ADMIN_CHANGED -> "admin of role " + abbreviate(p.role()) + " changed";
            case PROXY_ADMIN_CHANGED -> "proxy admin changed";
            case IMPLEMENTATION_UPGRADED -> "implementation upgraded";
            case BEACON_UPGRADED -> "beacon upgraded";
            case TIMELOCK_CHANGED -> "timelock changed";
            case TIMELOCK_DELAY_CHANGED -> "timelock delay changed";
        };
    }

    private static String abbreviate(String role) {
        return role == null || role.length() < 12 ? String.valueOf(role) : role.substring(0, 10) + "…";
    }
}
