package io.chaoschain.app.demo;

import io.chaoschain.agent.Percent;
import io.chaoschain.core.proposal.ProposalState;
import io.chaoschain.node.config.ConfigLoader;
import io.chaoschain.node.lifecycle.MilestoneListener;
import io.chaoschain.node.lifecycle.ProgressListener;
import io.chaoschain.node.runtime.ChaosChainNode;
import io.chaoschain.storage.InsightStore;
import io.chaoschain.storage.InsightStore.Direction;
import io.chaoschain.storage.StoredProposal;
import io.chaoschain.storage.StoredSimulation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Two chains, two nodes, one insight: node A governs a market on chain 31337 ("ethereum-local"), node B one on chain
 * 412346 ("arbitrum-local"); each has its own Anvil, DAO, agent key, data directory, database and libp2p identity, and B
 * dials A over loopback TCP (Noise, yamux, gossipsub). A fixes its market and publishes the insight; B's market then
 * develops the same symptom, B asks its peers, judges the insight's relevance, adapts it, proves its own proposal on its
 * own fork, submits it through its own DAO and acknowledges; A records the contribution.
 */
public final class CrossChainDemo implements AutoCloseable {
    public static final long CHAIN_A = 31337;
    public static final long CHAIN_B = 412346;
    /** Traffic rounds on chain B after A's insight, at most; B's market shows the symptom after a handful. */
    private static final int MAX_B_ROUNDS = 60;

    private final DemoWorld worldA;
    private final DemoWorld worldB;
    private final ChaosChainNode nodeA;
    private final ChaosChainNode nodeB;
    private int bRounds;

    private CrossChainDemo(DemoWorld worldA, DemoWorld worldB, ChaosChainNode nodeA, ChaosChainNode nodeB) {
        this.worldA = worldA;
        this.worldB = worldB;
        this.nodeA = nodeA;
        this.nodeB = nodeB;
    }

    /**
     * Builds both worlds under {@code dir} (which must be prepared: empty or a previous demo's) and starts both nodes from
     * the configs it writes. World B gets no warm-up traffic: its market turns stressed only after A's insight is out.
     */
    public static CrossChainDemo start(
            Path dir, long seed, int warmupRounds, Consumer<String> say, ProgressListener progress) throws Exception {
        return start(dir, seed, warmupRounds, say, progress, MilestoneListener.NONE);
    }

    /** As above, with {@code milestonesA} told of node A's proposal milestones (its shared insights, their adoptions). */
    public static CrossChainDemo start(
            Path dir,
            long seed,
            int warmupRounds,
            Consumer<String> say,
            ProgressListener progress,
            MilestoneListener milestonesA)
            throws Exception {
        DemoWorld a = null;
        DemoWorld b = null;
        ChaosChainNode na = null;
        // the two worlds are independent (own Anvil, own contracts): build B while A warms up
        var futureB = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> DemoWorld.create(
                        DemoWorld.Options.demo(dir.resolve("arbitrum-local"), seed + 1, 0)
                                .onChain(CHAIN_B, "arbitrum-local", "arb-rate-analyst"),
                        say),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        try {
            try {
                a = DemoWorld.create(
                        DemoWorld.Options.demo(dir.resolve("ethereum-local"), seed, warmupRounds)
                                .onChain(CHAIN_A, "ethereum-local", "eth-rate-analyst"),
                        say);
            } finally {
                try {
                    b = futureB.join();
                } catch (java.util.concurrent.CompletionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw e;
                }
            }
            na = ChaosChainNode.start(
                    ConfigLoader.load(a.configureP2p("/ip4/127.0.0.1/tcp/0", List.of())), progress, milestonesA);
            List<String> bootstrap = na.p2p().orElseThrow().listenAddrs();
            say.accept("node A (ethereum-local) is peer "
                    + na.p2p().orElseThrow().peerId() + "; node B bootstraps from " + bootstrap.getFirst());
            ChaosChainNode nb = ChaosChainNode.start(
                    ConfigLoader.load(b.configureP2p("/ip4/127.0.0.1/tcp/0", bootstrap)), progress);
            return new CrossChainDemo(a, b, na, nb);
        } catch (Exception | Error e) {
            if (na != null) {
                na.close();
            }
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
            throw e;
        }
    }

    /**
     * Drives both worlds until the flow is complete: both proposals reached a measured outcome and A recorded B's
     * adoption. Returns false when {@code timeout} passed first.
     */
    public boolean run(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (!nodeA.isIdle()) {
                advance(worldA, nodeA);
            }
            if (!nodeB.isIdle()) {
                advance(worldB, nodeB);
            }
            boolean insightOut =
                    !insights(nodeA).byDirection(Direction.PUBLISHED).isEmpty();
            if (insightOut && nodeB.database().stores().proposals().all().isEmpty() && bRounds < MAX_B_ROUNDS) {
                worldB.trafficRound(); // B's borrowers arrive: its market drifts above the kink
                bRounds++;
            }
            Thread.sleep(150);
        }
        return true;
    }

    public boolean done() {
        return nodeA.isIdle()
                && nodeB.isIdle()
                && !insights(nodeA).contributions().isEmpty();
    }

    private static void advance(DemoWorld world, ChaosChainNode node) throws Exception {
        for (StoredProposal p : node.database().stores().proposals().all()) {
            if (p.onchainId() != null && p.state() != ProposalState.SUBMITTING) {
                world.advance(p.onchainId(), p.state() == ProposalState.EXECUTED);
            }
        }
    }

    public static InsightStore insights(ChaosChainNode node) {
        return node.insights().orElseThrow().store();
    }

    public DemoWorld worldA() {
        return worldA;
    }

    public DemoWorld worldB() {
        return worldB;
    }

    public ChaosChainNode nodeA() {
        return nodeA;
    }

    public ChaosChainNode nodeB() {
        return nodeB;
    }

    /** The insight flow as both nodes recorded it. */
    public String renderFlow() {
        StringBuilder s =
                new StringBuilder("== Cross-chain insight flow (libp2p: gossipsub + /chaoschain/similar/1.0.0) ==\n");
        s.append("  peers                 A ")
                .append(nodeA.p2p().orElseThrow().peerId())
                .append(" <-> B ")
                .append(nodeB.p2p().orElseThrow().peerId())
                .append(" over loopback TCP (Noise, yamux)\n");
        var published = insights(nodeA).byDirection(Direction.PUBLISHED);
        if (published.isEmpty()) {
            return s.append("  (node A published no insight)\n").toString();
        }
        var insight = published.getFirst().insight();
        s.append("  A published           insight ").append(insight.id()).append('\n');
        s.append("                        ")
                .append(insight.functionSignature())
                .append(" (")
                .append(insight.selector())
                .append(") ")
                .append(insight.parameter())
                .append(' ')
                .append(Percent.of(wad(insight.oldValue())))
                .append(" -> ")
                .append(Percent.of(wad(insight.newValue())))
                .append(" (x")
                .append(insight.ratio().stripTrailingZeros().toPlainString())
                .append("), utilization ")
                .append(Percent.of(insight.meanBefore()))
                .append(" -> ")
                .append(Percent.of(insight.meanAfter()))
                .append(", simulation report ")
                .append(insight.simulationReportHash())
                .append('\n');
        var received = insights(nodeB).find(insight.id());
        s.append("  B received it         ")
                .append(received.map(r -> "via " + r.via() + " from " + r.peer())
                        .orElse("no"))
                .append('\n');
        insights(nodeB).decisions().stream()
                .filter(d -> d.insightId().equals(insight.id()))
                .reduce((x, y) -> y)
                .ifPresent(d -> s.append(String.format(
                        Locale.ROOT,
                        "  B judged relevance    structural match %.2f, semantic similarity %.3f (all-MiniLM-L6-v2; threshold %.2f)"
                                + " -> %s%n",
                        d.structuralScore(),
                        d.semanticScore(),
                        d.threshold(),
                        d.relevant() ? "relevant" : "not relevant")));
        nodeB.database().stores().proposals().all().stream().findFirst().ifPresent(p -> {
            List<StoredSimulation> sims =
                    nodeB.database().stores().simulations().forProposal(p.id());
            s.append("  B adapted             first candidate on its own fork: ")
                    .append(sims.isEmpty() ? "-" : candidate(sims.getFirst().candidate()))
                    .append(" (prior x")
                    .append(insight.ratio().stripTrailingZeros().toPlainString())
                    .append(", ")
                    .append(
                            sims.isEmpty()
                                    ? "-"
                                    : sims.getFirst().passed()
                                            ? "passed there: coarse sweep skipped"
                                            : "not enough there: swept larger candidates")
                    .append("); ")
                    .append(sims.size())
                    .append(" simulations in all; proposal #")
                    .append(p.id())
                    .append(' ')
                    .append(p.state())
                    .append('\n');
        });
        insights(nodeA).contributions().stream()
                .findFirst()
                .ifPresentOrElse(
                        c -> s.append("  A recorded            ")
                                .append("contribution: agent ")
                                .append(c.adopterAgent())
                                .append(" on chain ")
                                .append(c.adopterChainId())
                                .append(" adopted it for proposal ")
                                .append(c.adopterProposal())
                                .append(" (simulation report ")
                                .append(c.simulationReportHash())
                                .append(")\n"),
                        () -> s.append("  A recorded            no contribution yet\n"));
        return s.toString();
    }

    /** "jumpMultiplierPerYear=2500000000000000000" as "jumpMultiplierPerYear 250.00%". */
    static String candidate(String label) {
        int eq = label.indexOf('=');
        try {
            return label.substring(0, eq) + " " + Percent.of(wad(new java.math.BigInteger(label.substring(eq + 1))));
        } catch (RuntimeException e) {
            return label;
        }
    }

    private static BigDecimal wad(java.math.BigInteger v) {
        return new BigDecimal(v).movePointLeft(18);
    }

    @Override
    public void close() {
        nodeB.close();
        nodeA.close();
        worldB.close();
        worldA.close();
    }
}
