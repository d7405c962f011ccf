package io.chaoschain.simulation.checks.governance.claims;

import io.chaoschain.simulation.checks.governance.internal.Evm;
import io.chaoschain.simulation.checks.governance.internal.TokenMoves;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a proposal's execution did to value, as a description is compared with it: net balance changes per token and
 * holder (ERC-20 from the balance reads, ETH from the call trace's value transfers), allowances set, and whether an
 * address appears anywhere in the execution (calldata, call frames, storage written, events).
 */
public final class ProposalEffects {
    private static final String APPROVAL = Evm.keccak("Approval(address,address,uint256)");

    /**
     * A holder's net balance change of one token.
     *
     * @param token the token contract, or null for ETH
     * @param symbol its {@code symbol()}, {@code ETH} for ETH, or null when unreadable
     * @param decimals its {@code decimals()} (18 for ETH), or null when unreadable
     * @param holder the account
     * @param delta raw units, negative when it lost
     */
    public record Movement(String token, String symbol, Integer decimals, String holder, BigInteger delta) {}

    /**
     * An allowance the execution set: the {@code allowance} read after execution, or the value of an {@code Approval}
     * event when the allowance was consumed later in the same proposal.
     */
    public record Allowance(
            String token, String symbol, Integer decimals, String owner, String spender, BigInteger value) {}

    private final SimulationEvidence evidence;
    private final Map<String, Optional<String>> symbols = new HashMap<>();
    private final Map<String, Optional<Integer>> decimals = new HashMap<>();
    private final List<Movement> movements = new ArrayList<>();
    private final List<Allowance> allowances = new ArrayList<>();

    private ProposalEffects(SimulationEvidence evidence) {
        this.evidence = evidence;
    }

    /** Reads the effects of {@code e}; token symbols and decimals are read on its fork after execution. */
    public static ProposalEffects of(SimulationEvidence e) {
        ProposalEffects fx = new ProposalEffects(e);
        fx.read();
        return fx;
    }

    public List<Movement> movements() {
        return movements;
    }

    public List<Allowance> allowances() {
        return allowances;
    }

    private void read() {
        for (TokenDelta d : TokenMoves.of(evidence)) {
            if (d.kind() == TokenDelta.Kind.BALANCE && d.delta().signum() != 0) {
                movements.add(new Movement(d.token(), symbol(d.token()), decimals(d.token()), d.owner(), d.delta()));
            } else if (d.kind() == TokenDelta.Kind.ALLOWANCE && d.after().signum() > 0) {
                allowances.add(new Allowance(
                        d.token(), symbol(d.token()), decimals(d.token()), d.owner(), d.spender(), d.after()));
            }
        }
        for (DecodedLog log : evidence.logs()) {
            List<String> t = log.topics();
            if (t.size() == 3 && t.getFirst().equals(APPROVAL)) {
                String owner = Evm.topicAddress(t.get(1));
                String spender = Evm.topicAddress(t.get(2));
                BigInteger value = Evm.word(log.data(), 0);
                boolean known = allowances.stream()
                        .anyMatch(a -> a.token().equals(log.address())
                                && a.owner().equals(owner)
                                && a.spender().equals(spender)
                                && a.value().equals(value));
                if (value.signum() > 0 && !known) {
                    allowances.add(new Allowance(
                            log.address(), symbol(log.address()), decimals(log.address()), owner, spender, value));
                }
            }
        }
        Map<String, BigInteger> eth = new LinkedHashMap<>();
        boolean traced = false;
        for (ActionExecution a : evidence.actions()) {
            if (a.trace() != null) {
                traced = true;
                a.trace().walk(f -> {
                    if (f.error() == null
                            && f.value().signum() > 0
                            && f.to() != null
                            && !f.type().equals("DELEGATECALL")) {
                        eth.merge(f.from(), f.value().negate(), BigInteger::add);
                        eth.merge(f.to(), f.value(), BigInteger::add);
                    }
                });
            }
        }
        if (!traced) {
            for (ActionExecution a : evidence.actions()) {
                if (a.success() && a.action().value().signum() > 0) {
                    eth.merge(evidence.proposal().executor(), a.action().value().negate(), BigInteger::add);
                    eth.merge(a.action().target(), a.action().value(), BigInteger::add);
                }
            }
        }
        eth.forEach((holder, delta) -> {
            if (delta.signum() != 0) {
                movements.add(new Movement(null, "ETH", 18, holder, delta));
            }
        });
    }

    /** True when {@code address} appears in the proposal's calldata, call frames, storage written or events. */
    public boolean references(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        String bare = a.substring(2);
        if (a.equals(evidence.proposal().executor())
                || a.equals(evidence.proposal().governor())) {
            return true;
        }
        for (ActionExecution x : evidence.actions()) {
            if (x.action().target().equalsIgnoreCase(a)
                    || x.action().calldata().toLowerCase(Locale.ROOT).contains(bare)) {
                return true;
            }
        }
        for (CallFrame f : evidence.allFrames()) {
            if (a.equals(f.to()) || a.equals(f.from()) || f.input().contains(bare)) {
                return true;
            }
        }
        for (AccountDiff d : evidence.stateDiff().values()) {
            if (d.address().equals(a)
                    || d.storage().values().stream().anyMatch(s -> s.after().contains(bare))) {
                return true;
            }
        }
        for (DecodedLog log : evidence.logs()) {
            if (log.address().equals(a)
                    || log.data().contains(bare)
                    || log.topics().stream().anyMatch(t -> t.contains(bare))) {
                return true;
            }
        }
        return false;
    }

    /** Every 32-byte value the proposal wrote to storage, put in calldata as an argument or emitted in an event. */
    public List<BigInteger> writtenWords() {
        List<BigInteger> out = new ArrayList<>();
        for (AccountDiff d : evidence.stateDiff().values()) {
            d.storage().values().forEach(s -> out.add(Evm.word(s.after(), 0)));
        }
        for (ActionExecution x : evidence.actions()) {
            addWords(
                    out,
                    x.action().calldata().length() > 10 ? x.action().calldata().substring(10) : "");
        }
        for (DecodedLog log : evidence.logs()) {
            addWords(out, log.data());
        }
        return out;
    }

    private static void addWords(List<BigInteger> out, String hex) {
        String h = hex.startsWith("0x") ? hex.substring(2) : hex;
        for (int i = 0; i + 64 <= h.length(); i += 64) {
            out.add(new BigInteger(h.substring(i, i + 64), 16));
        }
    }

    private String symbol(String token) {
        return symbols.computeIfAbsent(
                        token,
                        t -> Evm.call(
                                        evidence.fork(),
                                        null,
                                        t,
                                        Evm.encode("symbol()"),
                                        evidence.fork().postBlock())
                                .flatMap(ProposalEffects::decodeString))
                .orElse(null);
    }

    private Integer decimals(String token) {
        return decimals.computeIfAbsent(
                        token,
                        t -> Evm.uint(
                                        evidence.fork(),
                                        t,
                                        Evm.encode("decimals()"),
                                        evidence.fork().postBlock())
                                .filter(v -> v.compareTo(BigInteger.valueOf(77)) <= 0)
                                .map(BigInteger::intValue))
                .orElse(null);
    }

    /** An ABI {@code string} return, or a {@code bytes32} one (older tokens), as text. */
    static Optional<String> decodeString(String out) {
        String hex = out.startsWith("0x") ? out.substring(2) : out;
        try {
            byte[] bytes;
            if (hex.length() == 64) {
                bytes = new BigInteger("00" + hex, 16).toByteArray();
                bytes = java.util.Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
            } else if (hex.length() >= 128) {
                int offset = new BigInteger(hex.substring(0, 64), 16).intValueExact() * 2;
                int len = new BigInteger(hex.substring(offset, offset + 64), 16).intValueExact();
                String data = hex.substring(offset + 64, offset + 64 + len * 2);
                bytes = new byte[len];
                for (int i = 0; i < len; i++) {
                    bytes[i] = (byte) Integer.parseInt(data.substring(2 * i, 2 * i + 2), 16);
                }
            } else {
                return Optional.empty();
            }
            String s = new String(bytes, StandardCharsets.UTF_8)
                    .replace("\u0000", "")
                    .strip();
            return s.isEmpty() || s.length() > 16 ? Optional.empty() : Optional.of(s);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
