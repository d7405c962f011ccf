package io.chaoschain.simulation.checks.governance;

import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.Findings;
import io.chaoschain.simulation.checks.governance.internal.Upgrades;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * C12: after execution the initializers of the proxies the proposal touches must revert, and a proxy's admin must
 * sit in the EIP-1967 slot (Audius, July 2022: the proxy's admin lived in slot 0, overlapping the implementation's
 * initializer flags, so {@code initialize} could be called again by anyone).
 *
 * <p>Proxies are the recognised ones (EIP-1967, beacon, EIP-1167) and any contract that forwarded a call by
 * DELEGATECALL during execution. For each, every signature in {@code checks.C12.initializers} (default
 * {@code initialize()}, {@code initialize(address)}, {@code initialize(address,address)},
 * {@code initialize(address,uint256)}, {@code initialize(address,address,address)}, {@code initializeV2()},
 * {@code initializeV2(address)}, {@code reinitialize()}) is called from an unrelated address with that address
 * and 1 as arguments; a call that succeeds fails the check. A proxy whose EIP-1967 implementation slot is empty
 * (a home-made layout) or whose admin slot is empty while its implementation is not UUPS ({@code proxiableUUID()})
 * fails too. An upgrade to an implementation whose own initializers are still open (no
 * {@code _disableInitializers()} in its constructor) warns. Initializable's state (OpenZeppelin 5's ERC-7201 slot,
 * or slot 0 of version 4) is shown with each finding.
 */
public final class ProxyInitializerCheck implements SafetyCheck {
    private static final String IMPLEMENTATION_SLOT = Upgrades.IMPLEMENTATION_SLOT;
    private static final String ADMIN_SLOT = Upgrades.ADMIN_SLOT;
    private static final String UUID_SELECTOR = "proxiableUUID()";

    @Override
    public String id() {
        return "C12";
    }

    @Override
    public String title() {
        return "Proxy initializers are locked; admin in the EIP-1967 slot";
    }

    @Override
    public CheckResult evaluate(SimulationEvidence e, CheckSettings s) {
        List<String> initializers = new ArrayList<>();
        s.forCheck(id())
                .raw("initializers")
                .ifPresentOrElse(
                        n -> n.forEach(v -> initializers.add(v.asText())),
                        () -> initializers.addAll(Upgrades.DEFAULT_INITIALIZERS));
        Map<String, String> proxies = new LinkedHashMap<>(); // proxy -> implementation after
        e.proxies().values().stream()
                .filter(ProxyInfo::isProxy)
                .forEach(p -> proxies.put(p.address(), p.implementationAfter()));
        for (CallFrame frame : e.allFrames()) {
            if (frame.type().equals("DELEGATECALL")
                    && frame.to() != null
                    && !frame.from().equals(e.proposal().executor())
                    && !(e.proposal().governor() != null
                            && frame.from().equals(e.proposal().governor()))) {
                proxies.putIfAbsent(frame.from(), frame.to());
            }
        }
        long post = e.fork().postBlock();
        Findings f = new Findings(id());
        for (Map.Entry<String, String> entry : proxies.entrySet()) {
            String proxy = entry.getKey();
            for (String init : Upgrades.callableInitializers(e.fork(), proxy, entry.getValue(), initializers, post)) {
                f.fail(proxy + "." + init + " can still be called by anyone after the proposal (implementation "
                        + entry.getValue() + ", "
                        + Upgrades.initState(e.fork(), proxy, post).describe()
                        + "): the proxy can be re-initialized and taken over");
            }
            ProxyInfo info = e.proxies().get(proxy);
            if (info != null && info.implementationChanged() && entry.getValue() != null) {
                String next = entry.getValue();
                List<String> bare = Upgrades.callableInitializers(e.fork(), next, next, initializers, post);
                if (!bare.isEmpty() && !Upgrades.initState(e.fork(), next, post).disabled()) {
                    f.warn("the new implementation " + next + " does not disable its own initializers (" + bare
                            + " callable on it directly): lock them in its constructor");
                }
            }
            String impl = e.fork().storageAt(proxy, IMPLEMENTATION_SLOT, post);
            boolean standard = impl != null && Evm.word(impl, 0).signum() != 0;
            if (!standard && !e.proxies().getOrDefault(proxy, nonProxy(proxy)).isProxy()) {
                f.fail(proxy + " forwards by DELEGATECALL but keeps its implementation and admin outside the EIP-1967 "
                        + "slots, where they can collide with the implementation's storage");
                continue;
            }
            if (standard) {
                String admin = e.fork().storageAt(proxy, ADMIN_SLOT, post);
                boolean hasAdmin = admin != null && Evm.word(admin, 0).signum() != 0;
                String implementation = Evm.addressAt(impl, 0);
                boolean uups = Evm.call(e.fork(), null, implementation, Evm.encode(UUID_SELECTOR), post)
                        .filter(o -> o.equalsIgnoreCase(IMPLEMENTATION_SLOT))
                        .isPresent();
                if (!hasAdmin && !uups) {
                    f.fail(proxy + " has no admin in the EIP-1967 admin slot and its implementation " + implementation
                            + " is not UUPS: who may upgrade it is kept elsewhere");
                }
            }
        }
        return f.result(proxies.size() + " proxy(ies) examined: initializers revert, EIP-1967 layout");
    }

    private static ProxyInfo nonProxy(String address) {
        return new ProxyInfo(address, ProxyInfo.Kind.NONE, null, null, null, null, null);
    }
}
