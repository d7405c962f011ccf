package io.chaoschain.simulation.checks.governance.internal;

import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.evidence.ChainReader;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who the DAO controls after a proposal, followed transitively on the fork's post-execution state.
 *
 * <p>The roots are the executor, the governor and {@code allowlist.daoControlled}. A contract is the DAO's when one
 * of its controllers is and none is outside: its {@code owner()}, its {@code admin()} (Compound style), its EIP-1967
 * admin (so a ProxyAdmin the timelock owns brings its proxies along). Without such controllers it is the DAO's when it
 * grants a root its AccessControl {@code DEFAULT_ADMIN_ROLE}, or when its {@code comptroller()} is the DAO's and lists
 * it ({@code markets(address)} answers with {@code isListed} true): the listing, not the market's own claim, is what
 * ties it to the comptroller. The walk is bounded ({@link #MAX_DEPTH} links, {@link #MAX_VISITS} contracts per question), stops
 * on cycles and remembers its answers.
 */
public final class Control {
    /** Controller links followed from an address towards the DAO's roots. */
    public static final int MAX_DEPTH = 4;
    /** Contracts examined for one question before the walk gives up (the address then counts as outside). */
    public static final int MAX_VISITS = 48;

    private static final String ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";
    private static final String DEFAULT_ADMIN_ROLE = "0x" + "0".repeat(64);

    private final SimulationEvidence evidence;
    private final CheckSettings settings;
    private final ChainReader chain;
    private final long block;
    private final Map<String, Boolean> answers = new HashMap<>();
    private final Map<String, String> reasons = new HashMap<>();

    public Control(SimulationEvidence evidence, CheckSettings settings) {
        this.evidence = evidence;
        this.settings = settings;
        this.chain = evidence.fork();
        this.block = evidence.fork().postBlock();
    }

    /** Directly the DAO's: the executor, the governor or an allowlisted address. */
    public boolean direct(String address) {
        return address != null && settings.isDaoControlled(address.toLowerCase(Locale.ROOT), evidence.proposal());
    }

    /** The DAO's directly or through a chain of controllers. */
    public boolean controls(String address) {
        if (address == null) {
            return false;
        }
        String a = address.toLowerCase(Locale.ROOT);
        Boolean known = answers.get(a);
        if (known != null) {
            return known;
        }
        boolean result = walk(a, 0, new LinkedHashSet<>(), new int[] {0});
        answers.put(a, result);
        return result;
    }

    /** How {@code address} reaches the DAO ("owner() 0x… -> admin() 0x… (executor)"), or empty when it does not. */
    public Optional<String> path(String address) {
        if (address == null || !controls(address)) {
            return Optional.empty();
        }
        return Optional.ofNullable(reasons.get(address.toLowerCase(Locale.ROOT)));
    }

    private boolean walk(String a, int depth, Set<String> onPath, int[] visits) {
        if (direct(a)) {
            reasons.putIfAbsent(a, a + " (DAO root)");
            return true;
        }
        Boolean known = answers.get(a);
        if (known != null) {
            return known;
        }
        if (reasons.containsKey(a)) {
            return true; // reached the DAO on an earlier branch; a positive answer holds from anywhere
        }
        if (depth >= MAX_DEPTH || !onPath.add(a) || ++visits[0] > MAX_VISITS || !Evm.hasCode(chain, a, block)) {
            return false;
        }
        try {
            // every explicit controller must be the DAO's: one outside owner or admin can take the contract
            String reached = null;
            for (Link link : explicitControllers(a)) {
                if (!walk(link.to(), depth + 1, onPath, visits)) {
                    return false;
                }
                reached = reached != null
                        ? reached
                        : a + " " + link.via() + " -> " + reasons.getOrDefault(link.to(), link.to());
            }
            if (reached == null && grantsRootAdminRole(a)) {
                reached = a + " DEFAULT_ADMIN_ROLE held by the executor or governor";
            }
            if (reached == null) {
                Optional<String> comptroller = listingComptroller(a);
                if (comptroller.isPresent() && walk(comptroller.get(), depth + 1, onPath, visits)) {
                    reached = a + " listed by comptroller -> "
                            + reasons.getOrDefault(comptroller.get(), comptroller.get());
                }
            }
            if (reached != null) {
                reasons.put(a, reached);
            }
            return reached != null;
        } finally {
            onPath.remove(a);
        }
    }

    private record Link(String via, String to) {}

    /** {@code owner()}, {@code admin()} and the EIP-1967 admin of {@code a}, where set. */
    private List<Link> explicitControllers(String a) {
        List<Link> out = new ArrayList<>();
        for (String getter : List.of("owner()", "admin()")) {
            Evm.address(chain, a, Evm.encode(getter), block)
                    .filter(x -> !x.equals(Evm.ZERO_ADDRESS) && !x.equals(a))
                    .ifPresent(x -> out.add(new Link(getter, x)));
        }
        String slot = chain.storageAt(a, ADMIN_SLOT, block);
        if (slot != null) {
            String admin = Evm.addressAt(slot, 0);
            if (!admin.equals(Evm.ZERO_ADDRESS) && !admin.equals(a)) {
                out.add(new Link("EIP-1967 admin", admin));
            }
        }
        return out;
    }

    /** The comptroller {@code a} names, when that comptroller lists {@code a} as a market. */
    private Optional<String> listingComptroller(String a) {
        return Evm.address(chain, a, Evm.encode("comptroller()"), block)
                .filter(c -> !c.equals(Evm.ZERO_ADDRESS) && !c.equals(a))
                .filter(c -> Evm.uint(chain, c, Evm.encode("markets(address)", a), block)
                        .filter(listed -> listed.signum() > 0)
                        .isPresent());
    }

    private boolean grantsRootAdminRole(String a) {
        List<String> roots = new ArrayList<>();
        roots.add(evidence.proposal().executor());
        if (evidence.proposal().governor() != null) {
            roots.add(evidence.proposal().governor());
        }
        for (String root : roots) {
            if (root != null
                    && Evm.uint(chain, a, Evm.encode("hasRole(bytes32,address)", DEFAULT_ADMIN_ROLE, root), block)
                            .filter(v -> v.signum() > 0)
                            .isPresent()) {
                return true;
            }
        }
        return false;
    }
}
