package io.chaoschain.simulation.internal;

import io.chaoschain.core.Hex;
import io.chaoschain.core.simulation.SimulationReport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Hash;

/**
 * Canonical JSON of a {@link SimulationReport} without its hash, and the hash over it. The format is specified in
 * {@link io.chaoschain.simulation.AnvilForkSimulator#canonicalJson(SimulationReport)}; this class is its only
 * writer. Values are built as a tree of sorted maps, lists, strings, longs, booleans and nulls, then written.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static String of(SimulationReport report) {
        Map<String, Object> root = new TreeMap<>();
        root.put("forkBlock", report.forkBlock());
        root.put("chainId", report.chainId());
        List<Object> actions = new ArrayList<>();
        for (SimulationReport.ActionOutcome a : report.actions()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("target", a.target());
            m.put("selector", a.selector());
            m.put("success", a.success());
            m.put("revertReason", a.revertReason());
            m.put("gasUsed", a.gasUsed());
            m.put("txHash", a.txHash());
            actions.add(m);
        }
        root.put("actions", actions);
        root.put("baseline", replay(report.baseline()));
        root.put("withProposal", replay(report.withProposal()));
        root.put("metricsBefore", metrics(report.metricsBefore()));
        root.put("metricsAfter", metrics(report.metricsAfter()));
        List<Object> changes = new ArrayList<>();
        for (SimulationReport.StateChange c : report.stateChanges()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("contract", c.contract());
            m.put("slot", c.slot());
            m.put("before", c.before());
            m.put("after", c.after());
            changes.add(m);
        }
        root.put("stateChanges", changes);
        if (report.safety() != null) {
            // only present when checks ran, so hashes of reports without checks keep their meaning
            Map<String, Object> safety = new TreeMap<>();
            safety.put("risk", report.safety().risk());
            safety.put("reportHash", report.safety().reportHash());
            List<Object> checks = new ArrayList<>();
            for (SimulationReport.Check c : report.safety().checks()) {
                Map<String, Object> m = new TreeMap<>();
                m.put("id", c.id());
                m.put("status", c.status());
                m.put("summary", c.summary());
                checks.add(m);
            }
            safety.put("checks", checks);
            root.put("safety", safety);
        }
        StringBuilder out = new StringBuilder(1024);
        write(root, out);
        return out.toString();
    }

    /** {@code 0x} + 64 lower-case hex digits: keccak256 of the UTF-8 bytes of {@link #of}. */
    public static String hash(SimulationReport report) {
        return Hex.encode(Hash.sha3(of(report).getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> replay(SimulationReport.ReplayOutcome r) {
        Map<String, Object> m = new TreeMap<>();
        m.put("transactions", (long) r.transactions());
        m.put("reverted", (long) r.reverted());
        Map<String, Object> reasons = new TreeMap<>();
        r.revertReasons().forEach((k, v) -> reasons.put(k, (long) v));
        m.put("revertReasons", reasons);
        return m;
    }

    private static Map<String, Object> metrics(Map<String, BigDecimal> values) {
        Map<String, Object> m = new TreeMap<>();
        values.forEach((k, v) -> m.put(k, decimal(v)));
        return m;
    }

    /** Plain notation, no exponent, no trailing fractional zeros: 0.5 and 0.500 both give "0.5"; zero gives "0". */
    static String decimal(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * Writes a tree of maps (sorted by the caller, e.g. {@link TreeMap}), lists, strings, longs, booleans and nulls as
     * canonical JSON, escaped as in {@link #of}.
     */
    public static String write(Object tree) {
        StringBuilder out = new StringBuilder(4096);
        write(tree, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Long n -> out.append(n.longValue());
            case Boolean b -> out.append(b.booleanValue());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string((String) e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not a canonical JSON value: " + value.getClass());
        }
    }

    /** RFC 8785 string escaping: quote, backslash and control characters only; everything else as is. */
    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
