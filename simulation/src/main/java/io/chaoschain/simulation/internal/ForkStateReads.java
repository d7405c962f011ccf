package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.RpcCall;
import io.chaoschain.chains.RpcErrorException;
import io.chaoschain.chains.RpcResult;
import io.chaoschain.core.Hex;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.Bytecode;
import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state reads behind a proposal's evidence, batched over the fork's JSON-RPC: net account and slot changes named
 * by the prestate diffs, ERC-20 balance and allowance changes of the logged transfers and approvals, and proxy
 * resolution (EIP-1967 slots, beacons, EIP-1167 clones) before and after execution.
 */
final class ForkStateReads {
    static final String IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";
    static final String ADMIN_SLOT = "0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103";
    static final String BEACON_SLOT = "0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582cfb5ca23e";
    private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

    private final ChainClient fork;
    private final RpcChainReader forkReader;

    ForkStateReads(ChainClient fork, RpcChainReader forkReader) {
        this.fork = fork;
        this.forkReader = forkReader;
    }

    /** Net changes of the accounts and slots the prestate diffs name, read at {@code pre} and {@code post}. */
    Map<String, AccountDiff> stateDiff(List<JsonNode> diffs, long pre, long post) {
        Map<String, TreeSet<String>> slots = new TreeMap<>();
        for (JsonNode diff : diffs) {
            for (String side : List.of("pre", "post")) {
                diff.path(side).properties().forEach(acc -> {
                    TreeSet<String> s =
                            slots.computeIfAbsent(acc.getKey().toLowerCase(Locale.ROOT), x -> new TreeSet<>());
                    acc.getValue().path("storage").fieldNames().forEachRemaining(slot -> s.add(ForkSession.word(slot)));
                });
            }
        }
        List<RpcCall> reads = new ArrayList<>();
        String preTag = RpcChainReader.tag(pre);
        String postTag = RpcChainReader.tag(post);
        for (var e : slots.entrySet()) {
            String a = e.getKey();
            reads.add(RpcCall.of("eth_getBalance", a, preTag));
            reads.add(RpcCall.of("eth_getBalance", a, postTag));
            reads.add(RpcCall.of("eth_getTransactionCount", a, preTag));
            reads.add(RpcCall.of("eth_getTransactionCount", a, postTag));
            reads.add(RpcCall.of("eth_getCode", a, preTag));
            reads.add(RpcCall.of("eth_getCode", a, postTag));
            for (String slot : e.getValue()) {
                reads.add(RpcCall.of("eth_getStorageAt", a, slot, preTag));
                reads.add(RpcCall.of("eth_getStorageAt", a, slot, postTag));
            }
        }
        List<RpcResult> values = fork.batch(reads);
        Map<String, AccountDiff> out = new TreeMap<>();
        int i = 0;
        for (var e : slots.entrySet()) {
            String a = e.getKey();
            BigInteger b0 = TrafficWindow.bigOf(values.get(i++).orThrow());
            BigInteger b1 = TrafficWindow.bigOf(values.get(i++).orThrow());
            long n0 = TrafficWindow.bigOf(values.get(i++).orThrow()).longValueExact();
            long n1 = TrafficWindow.bigOf(values.get(i++).orThrow()).longValueExact();
            String c0 = values.get(i++).orThrow().asText();
            String c1 = values.get(i++).orThrow().asText();
            forkReader.remember(a, pre, c0);
            forkReader.remember(a, post, c1);
            Map<String, AccountDiff.SlotChange> changed = new TreeMap<>();
            for (String slot : e.getValue()) {
                String v0 = ForkSession.word(values.get(i++).orThrow().asText());
                String v1 = ForkSession.word(values.get(i++).orThrow().asText());
                if (!v0.equals(v1)) {
                    changed.put(slot, new AccountDiff.SlotChange(v0, v1));
                }
            }
            String h0 = Bytecode.codeHash(c0);
            String h1 = Bytecode.codeHash(c1);
            if (!b0.equals(b1) || n0 != n1 || !h0.equals(h1) || !changed.isEmpty()) {
                out.put(a, new AccountDiff(a, b0, b1, n0, n1, h0, h1, changed));
            }
        }
        return out;
    }

    /** ERC-20 balances of every Transfer party and allowances of every Approval pair, before and after. */
    List<TokenDelta> tokenDeltas(List<DecodedLog> logs, long pre, long post) {
        Set<List<String>> balances = new LinkedHashSet<>();
        Set<List<String>> allowances = new LinkedHashSet<>();
        for (DecodedLog log : logs) {
            if ("Transfer(address,address,uint256)".equals(log.signature())
                    && log.topics().size() == 3) {
                for (String holder : List.of(log.arg("from"), log.arg("to"))) {
                    if (!holder.equals(ZERO_ADDRESS)) {
                        balances.add(List.of(log.address(), holder));
                    }
                }
            } else if ("Approval(address,address,uint256)".equals(log.signature())
                    && log.topics().size() == 3) {
                allowances.add(List.of(log.address(), log.arg("owner"), log.arg("spender")));
            }
        }
        List<RpcCall> calls = new ArrayList<>();
        for (List<String> b : balances) {
            String data = Hex.functionSelector("balanceOf(address)") + pad(b.get(1));
            calls.add(RpcCall.of("eth_call", Map.of("to", b.get(0), "data", data), RpcChainReader.tag(pre)));
            calls.add(RpcCall.of("eth_call", Map.of("to", b.get(0), "data", data), RpcChainReader.tag(post)));
        }
        for (List<String> a : allowances) {
            String data = Hex.functionSelector("allowance(address,address)") + pad(a.get(1)) + pad(a.get(2));
            calls.add(RpcCall.of("eth_call", Map.of("to", a.get(0), "data", data), RpcChainReader.tag(pre)));
            calls.add(RpcCall.of("eth_call", Map.of("to", a.get(0), "data", data), RpcChainReader.tag(post)));
        }
        List<RpcResult> results = fork.batch(calls);
        List<TokenDelta> out = new ArrayList<>();
        int i = 0;
        for (List<String> b : balances) {
            BigInteger v0 = uint(results.get(i++));
            BigInteger v1 = uint(results.get(i++));
            if (v0 != null && v1 != null && !v0.equals(v1)) {
                out.add(new TokenDelta(TokenDelta.Kind.BALANCE, b.get(0), b.get(1), null, v0, v1));
            }
        }
        for (List<String> a : allowances) {
            BigInteger v0 = uint(results.get(i++));
            BigInteger v1 = uint(results.get(i++));
            if (v0 != null && v1 != null && !v0.equals(v1)) {
                out.add(new TokenDelta(TokenDelta.Kind.ALLOWANCE, a.get(0), a.get(1), a.get(2), v0, v1));
            }
        }
        return out;
    }

    private static BigInteger uint(RpcResult r) {
        if (!r.ok()) {
            return null;
        }
        String hex = r.value().asText();
        return hex.length() < 66 ? null : new BigInteger(hex.substring(2, 66), 16);
    }

    private static String pad(String address) {
        return "0".repeat(24) + address.substring(2);
    }

    /** EIP-1967 slots (implementation, admin, beacon) and EIP-1167 code of each address, before and after. */
    Map<String, ProxyInfo> proxies(Set<String> addresses, RpcChainReader view) {
        long pre = view.preBlock();
        long post = view.postBlock();
        List<String> list = List.copyOf(addresses);
        List<RpcCall> reads = new ArrayList<>();
        List<boolean[]> needCode = new ArrayList<>();
        for (String a : list) {
            for (String slot : List.of(IMPLEMENTATION_SLOT, ADMIN_SLOT, BEACON_SLOT)) {
                reads.add(RpcCall.of("eth_getStorageAt", a, slot, RpcChainReader.tag(pre)));
                reads.add(RpcCall.of("eth_getStorageAt", a, slot, RpcChainReader.tag(post)));
            }
            boolean[] need = {!forkReader.knowsCode(a, pre), post != pre && !forkReader.knowsCode(a, post)};
            needCode.add(need);
            if (need[0]) {
                reads.add(RpcCall.of("eth_getCode", a, RpcChainReader.tag(pre)));
            }
            if (need[1]) {
                reads.add(RpcCall.of("eth_getCode", a, RpcChainReader.tag(post)));
            }
        }
        List<RpcResult> r = fork.batch(reads);
        Map<String, ProxyInfo> out = new TreeMap<>();
        int i = 0;
        for (String a : list) {
            String impl0 = addressOf(r.get(i++));
            String impl1 = addressOf(r.get(i++));
            String admin0 = addressOf(r.get(i++));
            String admin1 = addressOf(r.get(i++));
            String beacon0 = addressOf(r.get(i++));
            String beacon1 = addressOf(r.get(i++));
            boolean[] need = needCode.get(list.indexOf(a));
            if (need[0]) {
                forkReader.remember(a, pre, r.get(i++).orThrow().asText());
            }
            if (need[1]) {
                forkReader.remember(a, post, r.get(i++).orThrow().asText());
            }
            var m0 = Bytecode.minimalProxyTarget(forkReader.code(a, pre));
            var m1 = Bytecode.minimalProxyTarget(forkReader.code(a, post));
            if (m0.isPresent() || m1.isPresent()) {
                out.put(
                        a,
                        new ProxyInfo(a, ProxyInfo.Kind.EIP1167, m0.orElse(null), m1.orElse(null), null, null, null));
            } else if (beacon0 != null || beacon1 != null) {
                out.put(
                        a,
                        new ProxyInfo(
                                a,
                                ProxyInfo.Kind.EIP1967_BEACON,
                                beaconImpl(beacon0, pre),
                                beaconImpl(beacon1, post),
                                admin0,
                                admin1,
                                beacon1));
            } else if (impl0 != null || impl1 != null) {
                out.put(a, new ProxyInfo(a, ProxyInfo.Kind.EIP1967, impl0, impl1, admin0, admin1, null));
            }
        }
        return out;
    }

    private String beaconImpl(String beacon, long block) {
        if (beacon == null) {
            return null;
        }
        try {
            String out = forkReader.call(beacon, Hex.functionSelector("implementation()"), block);
            return out.length() >= 66 ? "0x" + out.substring(26, 66) : null;
        } catch (RpcErrorException e) {
            return null;
        }
    }

    private static String addressOf(RpcResult r) {
        String word = ForkSession.word(r.orThrow().asText());
        String a = "0x" + word.substring(26);
        return a.equals(ZERO_ADDRESS) ? null : a;
    }
}
