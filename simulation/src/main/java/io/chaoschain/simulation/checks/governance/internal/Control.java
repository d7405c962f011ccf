package io.chaoschain.simulation.checks.governance.internal;

import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.evidence.ForkView;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.Locale;

/**
 * Who the DAO controls after a proposal: the executor, the governor and the allowlist ({@link
 * CheckSettings#isDaoControlled}), and contracts whose {@code owner()} or EIP-1967 admin is one of those, or that
 * grant the executor their {@code DEFAULT_ADMIN_ROLE}. One level deep: control through a chain of owners is not
 * followed further, so an address reached that way counts as outside the DAO and gets reported.
 */
public final class Control {
    private static final String ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";
    private static final String DEFAULT_ADMIN_ROLE = "0x" + "0".repeat(64);

    private final SimulationEvidence evidence;
    private final CheckSettings settings;

    public Control(SimulationEvidence evidence, CheckSettings settings) {
        this.evidence = evidence;
        this.settings = settings;
    }

    /** Directly the DAO's: the executor, the governor or an allowlisted address. */
    public boolean direct(String address) {
        return settings.isDaoControlled(address, evidence.proposal());
    }

    /** The DAO's directly or through one level of ownership, read on the fork after execution. */
    public boolean controls(String address) {
        if (address == null) {
            return false;
        }
        String a = address.toLowerCase(Locale.ROOT);
        if (direct(a)) {
            return true;
        }
        ForkView fork = evidence.fork();
        long block = fork.postBlock();
        if (!Evm.hasCode(fork, a, block)) {
            return false;
        }
        if (Evm.address(fork, a, Evm.encode("owner()"), block)
                .filter(this::direct)
                .isPresent()) {
            return true;
        }
        String admin = fork.storageAt(a, ADMIN_SLOT, block);
        if (admin != null && direct(Evm.addressAt(admin, 0))) {
            return true;
        }
        return Evm.uint(
                        fork,
                        a,
                        Evm.encode(
                                "hasRole(bytes32,address)",
                                DEFAULT_ADMIN_ROLE,
                                evidence.proposal().executor()),
                        block)
                .filter(v -> v.signum() > 0)
                .isPresent();
    }
}
