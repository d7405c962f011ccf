package io.chaoschain.simulation.decode;

import io.chaoschain.core.Hex;
import io.chaoschain.core.proposal.ProposalAction;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.DecodedLog;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes a proposal's calls through ABI layers, first hit wins, and says which layer decoded each call
 * ({@link DecodedCall#abiSource()}):
 *
 * <ol>
 *   <li>bundled: the project's contracts, the standard fragments and the index generated from published protocol
 *       packages ({@code bundled:@compound-finance/compound-js@0.6.2 Comptroller});
 *   <li>user ABIs ({@code --abi DIR}, {@code abi.dirs}): {@code user:<file>};
 *   <li>a Bravo action's own {@code signatures[i]}: {@code signature} (types only, no parameter names);
 *   <li>Sourcify / an Etherscan-compatible explorer, by configuration and cached on disk: {@code sourcify},
 *       {@code explorer}; a proxy's EIP-1967 implementation is looked up when the proxy's own ABI lacks the selector;
 *   <li>the target's bytecode: whether its dispatcher has the selector, and the shape of each argument word
 *       ({@code bytecode-inferred: ...}); such a call stays "unknown" ({@link DecodedCall#known()} is false).
 * </ol>
 *
 * <p>Where one layer has several definitions for a selector that differ in their parameters' meaning (ERC-20
 * {@code approve(spender, amount)} and ERC-721 {@code approve(to, tokenId)}), the target is probed: an ERC-721
 * answers {@code supportsInterface(0x80ac58cd)} with true. Thread-safe.
 */
public final class AbiResolver {
    /** Said by the bytecode layer's source; reports and checks may test for it. */
    public static final String BYTECODE = "bytecode-inferred";

    /** keccak256("eip1967.proxy.implementation") - 1. */
    static final BigInteger IMPLEMENTATION_SLOT =
            new BigInteger("360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc", 16);

    private static final String SUPPORTS_ERC721 =
            Hex.functionSelector("supportsInterface(bytes4)") + "80ac58cd" + "0".repeat(56);

    private final AbiRegistry bundled;
    private final AbiRegistry user;
    private final RemoteAbiLookup remote;
    private final Map<String, Boolean> erc721 = new ConcurrentHashMap<>();

    /**
     * @param bundled the bundled registry (usually {@link AbiRegistry#bundled()})
     * @param user the user's ABIs (may be empty)
     * @param remote the registry/explorer look-up, or null when none is configured
     */
    public AbiResolver(AbiRegistry bundled, AbiRegistry user, RemoteAbiLookup remote) {
        this.bundled = bundled;
        this.user = user;
        this.remote = remote;
    }

    /** The bundled ABIs only, no user ABIs, no look-ups. */
    public static AbiResolver bundledOnly() {
        return new AbiResolver(AbiRegistry.bundled(), AbiRegistry.empty(), null);
    }

    /** The resolver {@code settings} describe: bundled ABIs, the user's directories, the configured look-ups. */
    public static AbiResolver of(AbiSettings settings) {
        AbiRegistry user = UserAbiDirectory.load(settings.dirs());
        RemoteAbiLookup remote = settings.sourcify() == null && settings.explorer() == null
                ? null
                : new RemoteAbiLookup(
                        settings.sourcify(), settings.explorer(), settings.explorerKey(), settings.cache());
        return new AbiResolver(AbiRegistry.bundled(), user, remote);
    }

    /** Why registry / explorer look-ups failed so far (unreachable, unexpected replies); empty without look-ups. */
    public List<String> lookupProblems() {
        return remote == null ? List.of() : remote.problems();
    }

    /** The bundled registry (logs and fragments). */
    public AbiRegistry bundled() {
        return bundled;
    }

    /** Decodes one action's calldata, asking {@code probe} about its target where a layer needs to. */
    public DecodedCall decodeCall(ProposalAction action, ContractProbe probe) {
        String data = action.calldata().toLowerCase(Locale.ROOT);
        String selector = Hex.selector(data);
        if (selector.equals("0x")) {
            return new DecodedCall(selector, null, List.of(), null);
        }
        for (AbiRegistry layer : List.of(bundled, user)) {
            DecodedCall d = pick(layer.candidates(selector), action.target(), data, probe, null);
            if (d != null) {
                return d;
            }
        }
        if (!action.signature().isBlank()) {
            try {
                AbiRegistry.Definition def = AbiRegistry.fromSignature(action.signature(), "signature");
                if (Hex.functionSelector(def.signature()).equals(selector)) {
                    return AbiRegistry.decodeWith(def, data);
                }
            } catch (IllegalArgumentException e) {
                // not a signature: the next layers may still know the selector
            }
        }
        if (remote != null) {
            DecodedCall d = fromRemote(action.target(), selector, data, probe);
            if (d != null) {
                return d;
            }
        }
        return inferred(action.target(), selector, data, probe);
    }

    /** Decodes calldata without a target (bundled and user layers only). */
    public DecodedCall decodeCall(String calldata) {
        DecodedCall d = bundled.decodeCall(calldata);
        return d.known() ? d : user.known(d.selector()) ? user.decodeCall(calldata) : d;
    }

    /** Decodes a log with the bundled ABIs, then the user's. */
    public DecodedLog decodeLog(int actionIndex, String address, List<String> topics, String data) {
        DecodedLog l = bundled.decodeLog(actionIndex, address, topics, data);
        return l.known() ? l : user.decodeLog(actionIndex, address, topics, data);
    }

    private DecodedCall fromRemote(String target, String selector, String data, ContractProbe probe) {
        long chainId = probe.chainId();
        List<String> addresses = new ArrayList<>(List.of(target));
        String impl = implementation(target, probe);
        if (impl != null) {
            addresses.add(impl);
        }
        for (String address : addresses) {
            Optional<RemoteAbiLookup.Found> found = remote.lookup(chainId, address);
            if (found.isPresent()) {
                AbiRegistry r = AbiRegistry.empty();
                r.addAbi(found.get().source(), found.get().abi());
                DecodedCall d = pick(
                        r.candidates(selector), target, data, probe, found.get().source());
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private DecodedCall pick(
            List<AbiRegistry.Definition> candidates, String target, String data, ContractProbe probe, String source) {
        if (candidates.isEmpty()) {
            return null;
        }
        List<AbiRegistry.Definition> fitting =
                candidates.stream().filter(d -> AbiRegistry.fits(d, data)).toList();
        if (fitting.isEmpty()) {
            return relabel(AbiRegistry.decodeWith(candidates.getFirst(), data), source);
        }
        AbiRegistry.Definition chosen = fitting.getFirst();
        List<AbiRegistry.Definition> nft =
                fitting.stream().filter(AbiResolver::nftShaped).toList();
        if (!nft.isEmpty() && nft.size() < fitting.size()) {
            chosen = isErc721(target, probe)
                    ? nft.getFirst()
                    : fitting.stream().filter(d -> !nftShaped(d)).findFirst().orElseThrow();
        }
        return relabel(AbiRegistry.decodeWith(chosen, data), source);
    }

    private static DecodedCall relabel(DecodedCall d, String source) {
        return source == null ? d : new DecodedCall(d.selector(), d.signature(), d.args(), source);
    }

    /** A definition whose parameters speak of token ids (ERC-721 style). */
    private static boolean nftShaped(AbiRegistry.Definition d) {
        return d.params().stream()
                        .anyMatch(p -> p.name().toLowerCase(Locale.ROOT).contains("tokenid"))
                || d.source().contains("721");
    }

    /** Whether {@code target} says it is an ERC-721 (ERC-165 interface 0x80ac58cd); cached per address. */
    boolean isErc721(String target, ContractProbe probe) {
        return erc721.computeIfAbsent(target.toLowerCase(Locale.ROOT), t -> {
            String out = probe.call(t, SUPPORTS_ERC721);
            return out != null && out.length() >= 66 && new BigInteger(out.substring(2, 66), 16).equals(BigInteger.ONE);
        });
    }

    private static String implementation(String target, ContractProbe probe) {
        String word = probe.storage(target, IMPLEMENTATION_SLOT);
        if (word == null || word.length() < 42 || new BigInteger(word.substring(2), 16).signum() == 0) {
            return null;
        }
        return "0x" + word.substring(word.length() - 40).toLowerCase(Locale.ROOT);
    }

    private static DecodedCall inferred(String target, String selector, String data, ContractProbe probe) {
        String code = probe.code(target);
        String where;
        if (code == null || code.length() <= 2) {
            where = "target has no code";
        } else if (BytecodeSelectors.dispatcherSelectors(code).contains(selector)) {
            where = "selector found in dispatcher";
        } else {
            String impl = implementation(target, probe);
            Set<String> implSelectors =
                    impl == null ? Set.of() : BytecodeSelectors.dispatcherSelectors(probe.code(impl));
            where = implSelectors.contains(selector)
                    ? "selector found in the dispatcher of implementation " + impl
                    : "selector not in the dispatcher (the call reaches the fallback)";
        }
        List<DecodedCall.Argument> args = new ArrayList<>();
        String body = data.length() > 10 ? data.substring(10) : "";
        List<String> shapes = BytecodeSelectors.argumentShapes(data);
        for (int i = 0; i < shapes.size(); i++) {
            String word = body.substring(i * 64, i * 64 + 64);
            String type = shapes.get(i);
            String value = switch (type) {
                case "address" -> "0x" + word.substring(24);
                case "uint256" -> new BigInteger(word, 16).toString();
                case "int256" -> new BigInteger(Hex.decode("0x" + word)).toString();
                case "bool" -> String.valueOf(!new BigInteger(word, 16).equals(BigInteger.ZERO));
                default -> "0x" + word;
            };
            args.add(new DecodedCall.Argument("", type, value));
        }
        return new DecodedCall(selector, null, args, BYTECODE + ": " + where);
    }
}
