package io.chaoschain.simulation.checks.governance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.core.Hex;
import io.chaoschain.simulation.evidence.ChainReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Properties of an upgrade read from the chain: whether initializers can still be run, OpenZeppelin Initializable's
 * state, the opcodes an implementation adds, whether its views read the proxy's storage as the old implementation
 * did, and whether a stranger may upgrade.
 */
public final class Upgrades {
    public static final String IMPLEMENTATION_SLOT =
            "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
    public static final String ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";
    /** OpenZeppelin 5 Initializable's ERC-7201 namespaced storage ({@code openzeppelin.storage.Initializable}). */
    public static final String INITIALIZABLE_SLOT =
            "0xf0c57e16840df040f15088dc2f81fe391c3923bec73e23a9662efc9c229c6a00";

    public static final List<String> DEFAULT_INITIALIZERS = List.of(
            "initialize()",
            "initialize(address)",
            "initialize(address,address)",
            "initialize(address,uint256)",
            "initialize(address,address,address)",
            "initializeV2()",
            "initializeV2(address)",
            "reinitialize()");

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final int PUSH4 = 0x63;
    private static final int EQ = 0x14;

    private Upgrades() {}

    /**
     * The signatures of {@code initializers} that {@link Evm#STRANGER} may call on {@code target} at {@code block}.
     * When {@code implementation} is given, only signatures its dispatcher or the target's own knows count: a call
     * that succeeds only because a fallback accepts anything initializes nothing.
     */
    public static List<String> callableInitializers(
            ChainReader chain, String target, String implementation, List<String> initializers, long block) {
        Set<String> dispatched = null;
        if (implementation != null) {
            dispatched = selectors(chain.code(implementation, block));
            dispatched.addAll(selectors(chain.code(target, block)));
        }
        List<String> out = new ArrayList<>();
        for (String init : initializers) {
            if (dispatched != null && !dispatched.contains(Evm.selector(init))) {
                continue; // a fallback that accepts anything is not an initializer
            }
            String params = init.substring(init.indexOf('(') + 1, init.length() - 1);
            Object[] args = params.isEmpty()
                    ? new Object[0]
                    : Arrays.stream(params.split(","))
                            .map(t -> t.trim().equals("address") ? (Object) Evm.STRANGER : (Object) BigInteger.ONE)
                            .toArray();
            if (Evm.call(chain, Evm.STRANGER, target, Evm.encode(init, args), block)
                    .isPresent()) {
                out.add(init);
            }
        }
        return out;
    }

    /**
     * OpenZeppelin Initializable's state in {@code account}'s storage: the v5 namespaced slot ({@code uint64
     * _initialized}, then {@code bool _initializing}) and the v4 layout at slot 0 ({@code uint8}, then {@code bool}).
     */
    public record InitState(BigInteger v5Version, boolean v5Initializing, int v4Version, boolean v4Initializing) {
        /** {@code _disableInitializers()} was run (v5: type(uint64).max; v4: type(uint8).max). */
        public boolean disabled() {
            return v5Version.equals(UINT64_MAX) || v4Version == 0xff;
        }

        /** Some initializer ran (or they are disabled), as far as the Initializable layouts tell. */
        public boolean consumed() {
            return v5Version.signum() > 0 || v4Version > 0;
        }

        public String describe() {
            if (v5Version.signum() > 0 || v5Initializing) {
                return "Initializable (v5 slot) version "
                        + (v5Version.equals(UINT64_MAX) ? "max (disabled)" : v5Version.toString())
                        + (v5Initializing ? ", initializing" : "");
            }
            return v4Version > 0 ? "Initializable slot 0 reads version " + v4Version : "no Initializable version set";
        }
    }

    public static InitState initState(ChainReader chain, String account, long block) {
        BigInteger v5 = word(chain.storageAt(account, INITIALIZABLE_SLOT, block));
        BigInteger v4 = word(chain.storageAt(account, "0x0", block));
        return new InitState(
                v5.and(UINT64_MAX),
                v5.testBit(64),
                v4.and(BigInteger.valueOf(0xff)).intValue(),
                v4.testBit(8));
    }

    private static BigInteger word(String hex) {
        return hex == null || hex.length() <= 2 ? BigInteger.ZERO : Evm.word(hex, 0);
    }

    /** How often {@code opcode} occurs as an instruction in runtime code (PUSH data and Solidity metadata skipped). */
    public static int count(String code, int opcode) {
        byte[] bytes = Hex.decode(Objects.requireNonNullElse(Evm.stripMetadata(code), "0x"));
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            int op = bytes[i] & 0xff;
            if (op == opcode) {
                n++;
            }
            if (op >= 0x60 && op <= 0x7f) {
                i += op - 0x5f;
            }
        }
        return n;
    }

    /** Function selectors of a Solidity dispatcher: PUSH4 immediates compared by EQ within the next two opcodes. */
    public static Set<String> selectors(String code) {
        byte[] bytes = Hex.decode(Objects.requireNonNullElse(Evm.stripMetadata(code), "0x"));
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < bytes.length; i++) {
            int op = bytes[i] & 0xff;
            if (op == PUSH4 && i + 4 < bytes.length) {
                for (int k = i + 5; k < Math.min(bytes.length, i + 7); k++) {
                    if ((bytes[k] & 0xff) == EQ) {
                        out.add(Hex.encode(Arrays.copyOfRange(bytes, i + 1, i + 5)));
                        break;
                    }
                }
            }
            if (op >= 0x60 && op <= 0x7f) {
                i += op - 0x5f;
            }
        }
        return out;
    }

    /**
     * Storage-layout conflicts between two implementations of an EIP-1967 {@code proxy}: zero-argument functions both
     * dispatch that answer alike on the implementations' own storage but differently when each is installed on the
     * proxy's storage at {@code block} (installed by an {@code eth_call} state override of the implementation slot).
     * Such a view reads a slot the old code used for something else.
     *
     * @throws OverrideUnavailable when the node refuses state overrides
     */
    public static List<String> layoutConflicts(
            ChainReader chain, String proxy, String oldImpl, String newImpl, long block) {
        if (!Evm.hasCode(chain, oldImpl, block) || !Evm.hasCode(chain, newImpl, block)) {
            return List.of();
        }
        Set<String> common = selectors(chain.code(oldImpl, block));
        common.retainAll(selectors(chain.code(newImpl, block)));
        List<String> out = new ArrayList<>();
        for (String selector : common) {
            // cheapest first: functions that take arguments revert at once, most views then agree
            Optional<String> before = callInstalled(chain, proxy, oldImpl, selector, block);
            if (before.isEmpty()) {
                continue;
            }
            Optional<String> after = callInstalled(chain, proxy, newImpl, selector, block);
            if (after.isEmpty() || before.equals(after)) {
                continue;
            }
            Optional<String> oldOwn = Evm.call(chain, null, oldImpl, selector, block);
            Optional<String> newOwn = Evm.call(chain, null, newImpl, selector, block);
            if (oldOwn.equals(newOwn)) { // else the code itself answers differently (a version constant)
                out.add(selector + " reads " + before.get() + " through " + oldImpl + " but " + after.get()
                        + " through " + newImpl + " on the same storage");
            }
        }
        return out;
    }

    private static Optional<String> callInstalled(
            ChainReader chain, String proxy, String implementation, String data, long block) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("to", proxy);
        tx.put("data", data);
        Map<String, Object> override =
                Map.of(proxy, Map.of("stateDiff", Map.of(IMPLEMENTATION_SLOT, "0x" + Evm.word(implementation))));
        try {
            JsonNode out = chain.rpc("eth_call", tx, Evm.blockTag(block), override);
            return out == null || out.isNull() ? Optional.empty() : Optional.of(out.asText());
        } catch (RuntimeException e) {
            if (overrideRefused(e)) {
                throw new OverrideUnavailable(
                        "the node refused an eth_call with a state override (" + e.getMessage()
                                + "); use a node that supports them, as Anvil and Geth do",
                        e);
            }
            return Optional.empty(); // the view reverts on this code
        }
    }

    /** True for a node's answer that it does not take the state-override argument at all. */
    static boolean overrideRefused(RuntimeException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("-32602")
                || m.contains("-32601")
                || m.contains("invalid params")
                || m.contains("invalid argument")
                || m.contains("unknown field")
                || m.contains("not supported")
                || m.contains("method not found");
    }

    /** The node cannot install an implementation by state override: the layout could not be compared. */
    public static final class OverrideUnavailable extends RuntimeException {
        OverrideUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** True when {@link Evm#STRANGER} may upgrade {@code proxy} (UUPS {@code upgradeToAndCall} or {@code upgradeTo}). */
    public static boolean strangerCanUpgrade(ChainReader chain, String proxy, String implementation, long block) {
        Set<String> dispatched = selectors(chain.code(implementation, block));
        String toAndCall =
                Evm.encode("upgradeToAndCall(address,bytes)", implementation, BigInteger.valueOf(64), BigInteger.ZERO);
        String to = Evm.encode("upgradeTo(address)", implementation);
        return (dispatched.contains(toAndCall.substring(0, 10))
                        && Evm.call(chain, Evm.STRANGER, proxy, toAndCall, block)
                                .isPresent())
                || (dispatched.contains(to.substring(0, 10))
                        && Evm.call(chain, Evm.STRANGER, proxy, to, block).isPresent());
    }

    /** The address in an EIP-1967 slot of {@code proxy}, or empty when the slot is zero. */
    public static Optional<String> slotAddress(ChainReader chain, String proxy, String slot, long block) {
        String value = chain.storageAt(proxy, slot, block);
        if (value == null || word(value).signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(Evm.addressAt(value, 0));
    }
}
