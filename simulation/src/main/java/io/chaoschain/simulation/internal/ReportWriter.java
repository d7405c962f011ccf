package io.chaoschain.simulation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chaoschain.core.Hex;
import io.chaoschain.simulation.SafetyReport;
import io.chaoschain.simulation.SimulatedProposal;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.evidence.AccountDiff;
import io.chaoschain.simulation.evidence.ActionExecution;
import io.chaoschain.simulation.evidence.CallFrame;
import io.chaoschain.simulation.evidence.DecodedCall;
import io.chaoschain.simulation.evidence.DecodedLog;
import io.chaoschain.simulation.evidence.PermissionChange;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.ProxyInfo;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.evidence.TokenDelta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Hash;

/** Writes a {@link SafetyReport} as its canonical JSON tree, as pretty JSON and as markdown. */
public final class ReportWriter {
    /** Bumped when the report's JSON shape changes, so hashes of different shapes never compare equal. */
    public static final long VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {}

    /** The canonical JSON of a run (everything but the hash). */
    public static String canonical(
            long chainId, long forkBlock, List<SimulatedProposal> proposals, Map<String, String> titles) {
        Map<String, Object> root = new TreeMap<>();
        root.put("version", VERSION);
        root.put("chainId", chainId);
        root.put("forkBlock", forkBlock);
        CheckResult.Status worst = proposals.stream()
                .map(SimulatedProposal::worst)
                .max(Enum::compareTo)
                .orElse(CheckResult.Status.PASS);
        root.put(
                "risk",
                switch (worst) {
                    case PASS -> "low";
                    case WARN -> "medium";
                    case ERROR -> "unknown";
                    case FAIL -> "high";
                });
        List<Object> checks = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        List<Object> actions = new ArrayList<>();
        List<Object> list = new ArrayList<>();
        for (SimulatedProposal o : proposals) {
            SimulationEvidence e = o.evidence();
            long index = e.batchIndex();
            for (CheckResult r : o.checks()) {
                Map<String, Object> m = new TreeMap<>();
                m.put("proposal", index);
                m.put("id", r.id());
                m.put("title", titles.getOrDefault(r.id(), r.id()));
                m.put("status", r.status().label());
                m.put("summary", r.summary());
                m.put("evidence", List.copyOf(r.evidence()));
                checks.add(m);
                if (r.status() == CheckResult.Status.ERROR) {
                    Map<String, Object> err = new TreeMap<>();
                    err.put("proposal", index);
                    err.put("id", r.id());
                    err.put("reason", r.summary());
                    errors.add(err);
                }
            }
            for (ActionExecution a : e.actions()) {
                actions.add(action(index, a));
            }
            list.add(proposal(o));
        }
        root.put("checks", checks);
        root.put("errors", errors);
        root.put("actions", actions);
        root.put("proposals", list);
        return CanonicalJson.write(root);
    }

    public static String hash(String canonicalJson) {
        return Hex.encode(Hash.sha3(canonicalJson.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> action(long proposal, ActionExecution a) {
        Map<String, Object> m = new TreeMap<>();
        m.put("proposal", proposal);
        m.put("index", (long) a.index());
        m.put("target", a.action().target());
        m.put("value", a.action().value().toString());
        m.put("calldata", a.action().calldata());
        m.put("call", call(a.decoded()));
        m.put("executed", a.executed());
        m.put("success", a.success());
        m.put("revertReason", a.revertReason());
        m.put("gasUsed", a.gasUsed());
        m.put("txHash", a.txHash());
        List<Object> frames = new ArrayList<>();
        if (a.trace() != null) {
            a.trace().walk(f -> frames.add(frame(f)));
        }
        m.put("trace", frames);
        return m;
    }

    private static Map<String, Object> call(DecodedCall d) {
        Map<String, Object> m = new TreeMap<>();
        m.put("selector", d.selector());
        m.put("signature", d.signature());
        m.put("abi", d.abiSource());
        m.put("args", args(d.args()));
        return m;
    }

    private static List<Object> args(List<DecodedCall.Argument> args) {
        List<Object> out = new ArrayList<>();
        for (DecodedCall.Argument a : args) {
            Map<String, Object> m = new TreeMap<>();
            m.put("name", a.name());
            m.put("type", a.type());
            m.put("value", a.value());
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> frame(CallFrame f) {
        Map<String, Object> m = new TreeMap<>();
        m.put("depth", (long) f.depth());
        m.put("type", f.type());
        m.put("from", f.from());
        m.put("to", f.to());
        m.put("selector", f.selector());
        m.put("value", f.value().toString());
        m.put("error", f.error());
        return m;
    }

    private static Map<String, Object> proposal(SimulatedProposal o) {
        SimulationEvidence e = o.evidence();
        ProposalUnderTest p = e.proposal();
        Map<String, Object> m = new TreeMap<>();
        m.put("index", (long) e.batchIndex());
        m.put("kind", p.kind().name());
        m.put("execution", o.execution().label());
        m.put("executionNote", o.executionNote());
        m.put("governor", p.governor());
        m.put("executor", p.executor());
        m.put("proposalId", p.proposalId() == null ? null : p.proposalId().toString());
        m.put("proposer", p.proposer());
        m.put("description", p.description());
        m.put("createdBlock", p.createdBlock());
        m.put("voteStart", p.voteStartBlock());
        m.put("voteEnd", p.voteEndBlock());
        m.put("eta", p.eta());
        m.put("preBlock", e.fork().preBlock());
        m.put("postBlock", e.fork().postBlock());
        m.put("risk", o.risk());
        m.put("executorBalanceBefore", e.executorBalanceBefore().toString());
        List<Object> diff = new ArrayList<>();
        for (AccountDiff d : new TreeMap<>(e.stateDiff()).values()) {
            Map<String, Object> a = new TreeMap<>();
            a.put("address", d.address());
            a.put("balanceBefore", d.balanceBefore().toString());
            a.put("balanceAfter", d.balanceAfter().toString());
            a.put("nonceBefore", d.nonceBefore());
            a.put("nonceAfter", d.nonceAfter());
            a.put("codeHashBefore", d.codeHashBefore());
            a.put("codeHashAfter", d.codeHashAfter());
            List<Object> slots = new ArrayList<>();
            new TreeMap<>(d.storage()).forEach((slot, c) -> {
                Map<String, Object> s = new TreeMap<>();
                s.put("slot", slot);
                s.put("before", c.before());
                s.put("after", c.after());
                slots.add(s);
            });
            a.put("storage", slots);
            diff.add(a);
        }
        m.put("stateDiff", diff);
        List<Object> events = new ArrayList<>();
        for (DecodedLog l : e.logs()) {
            Map<String, Object> ev = new TreeMap<>();
            ev.put("action", (long) l.actionIndex());
            ev.put("address", l.address());
            ev.put("signature", l.signature());
            ev.put("args", args(l.args()));
            ev.put("topics", List.copyOf(l.topics()));
            ev.put("data", l.data());
            events.add(ev);
        }
        m.put("events", events);
        List<Object> tokens = new ArrayList<>();
        for (TokenDelta t : e.tokenDeltas()) {
            Map<String, Object> tm = new TreeMap<>();
            tm.put("kind", t.kind().name());
            tm.put("token", t.token());
            tm.put("owner", t.owner());
            tm.put("spender", t.spender());
            tm.put("before", t.before().toString());
            tm.put("after", t.after().toString());
            tokens.add(tm);
        }
        m.put("tokenChanges", tokens);
        List<Object> perms = new ArrayList<>();
        for (PermissionChange pc : e.permissionChanges()) {
            Map<String, Object> pm = new TreeMap<>();
            pm.put("action", (long) pc.actionIndex());
            pm.put("contract", pc.contract());
            pm.put("kind", pc.kind().name());
            pm.put("role", pc.role());
            pm.put("account", pc.account());
            pm.put("previous", pc.previous());
            perms.add(pm);
        }
        m.put("permissionChanges", perms);
        List<Object> proxies = new ArrayList<>();
        for (ProxyInfo px : new TreeMap<>(e.proxies()).values()) {
            Map<String, Object> pm = new TreeMap<>();
            pm.put("address", px.address());
            pm.put("kind", px.kind().name());
            pm.put("implementationBefore", px.implementationBefore());
            pm.put("implementationAfter", px.implementationAfter());
            pm.put("adminBefore", px.adminBefore());
            pm.put("adminAfter", px.adminAfter());
            pm.put("beacon", px.beacon());
            proxies.add(pm);
        }
        m.put("proxies", proxies);
        return m;
    }

    /** The canonical JSON re-indented, with {@code reportHash} added. */
    public static String pretty(SafetyReport r) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(r.canonicalJson());
            node.put("reportHash", r.hash());
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A markdown report: summary, then per proposal the actions, checks, diffs, events and proxies. */
    public static String markdown(SafetyReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Proposal simulation: risk ")
                .append(r.risk().toUpperCase(java.util.Locale.ROOT))
                .append("\n\n");
        md.append("- chain id ")
                .append(r.chainId())
                .append(", forked at block ")
                .append(r.forkBlock())
                .append('\n');
        md.append("- report hash `").append(r.hash()).append("`\n");
        for (SimulatedProposal o : r.proposals()) {
            SimulationEvidence e = o.evidence();
            ProposalUnderTest p = e.proposal();
            md.append("\n## Proposal ")
                    .append(e.batchIndex() + 1)
                    .append(" of ")
                    .append(r.proposals().size())
                    .append(": ")
                    .append(p.proposalId() != null ? p.kind() + " #" + p.proposalId() : "draft")
                    .append(" (risk ")
                    .append(o.risk())
                    .append(")\n\n");
            String title = p.description().lines().findFirst().orElse("");
            if (!title.isBlank()) {
                md.append("> ").append(title).append("\n\n");
            }
            md.append("- executor `").append(p.executor()).append('`');
            if (p.governor() != null) {
                md.append(", governor `").append(p.governor()).append('`');
            }
            if (p.proposer() != null) {
                md.append(", proposer `").append(p.proposer()).append('`');
            }
            md.append("\n- execution: ")
                    .append(
                            o.execution() == SimulatedProposal.Execution.GOVERNOR
                                    ? "through the governor (propose, vote, queue, execute as on chain)"
                                    : "directly as the executor");
            if (o.executionNote() != null) {
                md.append("\n- **warning:** ").append(o.executionNote());
            }
            md.append("\n- fork blocks ")
                    .append(e.fork().preBlock())
                    .append(" -> ")
                    .append(e.fork().postBlock())
                    .append("\n\n### Actions\n\n");
            for (ActionExecution a : e.actions()) {
                md.append(a.index() + 1)
                        .append(". `")
                        .append(a.action().target())
                        .append("` ")
                        .append(a.decoded().render());
                if (a.decoded().abiSource() != null) {
                    md.append(" [abi: ").append(a.decoded().abiSource()).append(']');
                }
                if (a.action().value().signum() > 0) {
                    md.append(" value ").append(a.action().value()).append(" wei");
                }
                md.append(" — ")
                        .append(
                                !a.executed()
                                        ? "not executed"
                                        : a.success()
                                                ? "ok (gas " + a.gasUsed() + ")"
                                                : "**reverted**: " + a.revertReason())
                        .append('\n');
                if (a.trace() != null) {
                    a.trace()
                            .calls()
                            .forEach(c -> c.walk(f -> md.append("   ")
                                    .append("  ".repeat(f.depth()))
                                    .append("- ")
                                    .append(f.type())
                                    .append(" `")
                                    .append(f.to())
                                    .append("` ")
                                    .append(f.selector())
                                    .append(f.error() != null ? " (" + f.error() + ")" : "")
                                    .append('\n')));
                }
            }
            md.append("\n### Checks\n\n| check | status | summary |\n|---|---|---|\n");
            for (CheckResult c : o.checks()) {
                md.append("| ")
                        .append(c.id())
                        .append(" | ")
                        .append(icon(c.status()))
                        .append(" | ")
                        .append(c.summary().replace("|", "\\|"))
                        .append(" |\n");
            }
            List<CheckResult> errored = o.checks().stream()
                    .filter(c -> c.status() == CheckResult.Status.ERROR)
                    .toList();
            if (!errored.isEmpty()) {
                md.append("\n**Not judged:** ")
                        .append(errored.size())
                        .append(" check(s) could not run, so this proposal's risk is unknown.\n\n");
                errored.forEach(c -> md.append("- ")
                        .append(c.id())
                        .append(": ")
                        .append(c.summary())
                        .append('\n'));
            }
            for (CheckResult c : o.checks()) {
                if (c.evidence().isEmpty()) {
                    continue;
                }
                md.append("\n**")
                        .append(c.id())
                        .append("** — ")
                        .append(r.checkTitles().getOrDefault(c.id(), c.id()))
                        .append("\n\n");
                c.evidence().forEach(line -> md.append("- ").append(line).append('\n'));
            }
            if (!e.stateDiff().isEmpty()) {
                md.append("\n### State diff\n\n");
                for (AccountDiff d : new TreeMap<>(e.stateDiff()).values()) {
                    md.append("- `").append(d.address()).append('`');
                    if (!d.balanceDelta().equals(BigInteger.ZERO)) {
                        md.append(" balance ")
                                .append(d.balanceBefore())
                                .append(" -> ")
                                .append(d.balanceAfter());
                    }
                    md.append('\n');
                    new TreeMap<>(d.storage())
                            .forEach((slot, c) -> md.append("  - slot `")
                                    .append(slot)
                                    .append("`: `")
                                    .append(c.before())
                                    .append("` -> `")
                                    .append(c.after())
                                    .append("`\n"));
                }
            }
            if (!e.logs().isEmpty()) {
                md.append("\n### Events\n\n");
                for (DecodedLog l : e.logs()) {
                    md.append("- `")
                            .append(l.address())
                            .append("` ")
                            .append(
                                    l.known()
                                            ? l.name() + "("
                                                    + String.join(
                                                            ", ",
                                                            l.args().stream()
                                                                    .map(x -> x.name() + "=" + x.value())
                                                                    .toList())
                                                    + ")"
                                            : "unknown " + l.topics())
                            .append('\n');
                }
            }
        }
        return md.toString();
    }

    private static String icon(CheckResult.Status s) {
        return switch (s) {
            case PASS -> "pass";
            case WARN -> "**warn**";
            case ERROR -> "**ERROR**";
            case FAIL -> "**FAIL**";
        };
    }
}
