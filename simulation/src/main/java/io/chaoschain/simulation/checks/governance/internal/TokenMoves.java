package io.chaoschain.simulation.checks.governance.internal;

import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ERC-20 balance and allowance changes of a proposal: the evidence's {@link TokenDelta}s plus, for every raw
 * {@code Transfer}/{@code Approval} log (three topics, matched by topic hash whether or not an ABI decoded it), the
 * parties' {@code balanceOf}/{@code allowance} read before and after on the fork.
 */
public final class TokenMoves {
    private static final String TRANSFER = Evm.keccak("Transfer(address,address,uint256)");
    private static final String APPROVAL = Evm.keccak("Approval(address,address,uint256)");

    private TokenMoves() {}

    public static List<TokenDelta> of(SimulationEvidence e) {
        Map<String, TokenDelta> out = new LinkedHashMap<>();
        for (TokenDelta d : e.tokenDeltas()) {
            out.put(key(d.kind(), d.token(), d.owner(), d.spender()), d);
        }
        long pre = e.fork().preBlock();
        long post = e.fork().postBlock();
        for (DecodedLog log : e.logs()) {
            List<String> t = log.topics();
            if (t.size() != 3) {
                continue;
            }
            String a = Evm.topicAddress(t.get(1));
            String b = Evm.topicAddress(t.get(2));
            if (t.getFirst().equals(TRANSFER)) {
                for (String holder : List.of(a, b)) {
                    String k = key(TokenDelta.Kind.BALANCE, log.address(), holder, null);
                    if (!holder.equals(Evm.ZERO_ADDRESS) && !out.containsKey(k)) {
                        read(e, log.address(), Evm.encode("balanceOf(address)", holder), pre, post)
                                .ifPresent(v -> out.put(
                                        k,
                                        new TokenDelta(
                                                TokenDelta.Kind.BALANCE,
                                                log.address(),
                                                holder,
                                                null,
                                                v.get(0),
                                                v.get(1))));
                    }
                }
            } else if (t.getFirst().equals(APPROVAL)) {
                String k = key(TokenDelta.Kind.ALLOWANCE, log.address(), a, b);
                if (!out.containsKey(k)) {
                    read(e, log.address(), Evm.encode("allowance(address,address)", a, b), pre, post)
                            .ifPresent(v -> out.put(
                                    k,
                                    new TokenDelta(
                                            TokenDelta.Kind.ALLOWANCE, log.address(), a, b, v.get(0), v.get(1))));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static Optional<List<BigInteger>> read(
            SimulationEvidence e, String token, String data, long pre, long post) {
        Optional<BigInteger> before = Evm.uint(e.fork(), token, data, pre);
        Optional<BigInteger> after = Evm.uint(e.fork(), token, data, post);
        if (before.isEmpty() || after.isEmpty() || before.get().equals(after.get())) {
            return Optional.empty();
        }
        return Optional.of(List.of(before.get(), after.get()));
    }

    private static String key(TokenDelta.Kind kind, String token, String owner, String spender) {
        return kind + "|" + token + "|" + owner + "|" + spender;
    }
}
