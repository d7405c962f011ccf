package io.chaoschain.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.ChainUnavailableException;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.Redaction;
import io.chaoschain.chains.RpcCall;
import io.chaoschain.chains.RpcErrorException;
import io.chaoschain.chains.RpcResult;
import io.chaoschain.chains.anvil.AnvilProcess;
import io.chaoschain.core.UserFacingException;
import io.chaoschain.core.simulation.SimulationException;
import io.chaoschain.simulation.checks.CheckRegistry;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.checks.SafetyCheck;
import io.chaoschain.simulation.decode.AbiRegistry;
import io.chaoschain.simulation.decode.AbiResolver;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.internal.ErrorDecoder;
import io.chaoschain.simulation.internal.EvidenceCollector;
import io.chaoschain.simulation.internal.GovernorPath;
import io.chaoschain.simulation.internal.ProposalLoader;
import io.chaoschain.simulation.internal.ReportWriter;
import io.chaoschain.simulation.internal.RpcChainReader;
import io.chaoschain.simulation.internal.SimulationRpc;
import io.chaoschain.simulation.internal.TrafficWindow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Simulates proposals and judges them: forks the source chain once with Anvil, executes each proposal in order
 * (an OpenZeppelin Governor's through its real governance path: propose, vote, queue, execute; otherwise as its
 * executor, impersonated, time moved to the proposal's eta where it has one), collects the evidence
 * ({@link SimulationEvidence}), runs every registered {@link SafetyCheck}, and builds the {@link SafetyReport} with
 * its canonical JSON and hash. Proposals of a batch see each other's effects: the second runs on the state the first
 * left.
 *
 * <p>Nothing is sent to the source chain; it is only read. Instances are thread-safe; each run has its own fork.
 */
public final class ProposalSimulationEngine {
    private static final BigInteger MAX_TX_GAS = BigInteger.TWO.pow(24);
    /** Said when a proposal that names a governor could not go through it. */
    public static final String DIRECT_WARNING = "executed directly as the executor; governor-only calls may revert";

    private final CheckRegistry checks;
    private final AbiResolver abis;

    /** The built-in checks plus every ServiceLoader-registered one, decoding with the bundled ABIs. */
    public ProposalSimulationEngine() {
        this(CheckRegistry.discover(), AbiResolver.bundledOnly());
    }

    /** The built-in and registered checks, decoding through {@code abis}' layers (user ABIs, look-ups). */
    public ProposalSimulationEngine(AbiResolver abis) {
        this(CheckRegistry.discover(), abis);
    }

    public ProposalSimulationEngine(CheckRegistry checks, AbiRegistry abis) {
        this(checks, new AbiResolver(abis, AbiRegistry.empty(), null));
    }

    public ProposalSimulationEngine(CheckRegistry checks, AbiResolver abis) {
        this.checks = checks;
        this.abis = abis;
    }

    public CheckRegistry checks() {
        return checks;
    }

    private static final class Errors {
        static final ErrorDecoder DECODER = ErrorDecoder.fromClasspath();
    }

    /**
     * Reads what every run decodes with (the bundled ABIs and the contracts' custom errors) on a background thread, so
     * that a process about to simulate does it while its fork starts; a run that needs them sooner waits for them.
     * A failure is left for the run to report.
     */
    public static void preloadInBackground() {
        Thread.ofPlatform().daemon().name("simulation-preload").start(() -> {
            try {
                AbiRegistry.bundled();
                Objects.requireNonNull(Errors.DECODER);
            } catch (RuntimeException | Error e) {
                // the run reads them again and reports what went wrong
            }
        });
    }

    /**
     * Runs the plan on a fresh fork.
     *
     * @param progress receives one line per step (forking, executing action i/n, check id)
     * @throws UserFacingException for input the user must fix (unknown proposal, governor without code, wrong chain)
     * @throws SimulationException when the chain cannot be read or the fork cannot run
     */
    public SafetyReport run(SimulationPlan plan, Consumer<String> progress) {
        return run(plan, progress, null);
    }

    /**
     * Runs the plan on a fork leased from {@code pool} (a new Anvil process when {@code pool} is null); the fork goes
     * back to the pool, reverted, when the run ends.
     *
     * @see #run(SimulationPlan, Consumer)
     */
    public SafetyReport run(SimulationPlan plan, Consumer<String> progress, ForkPool pool) {
        String where = Redaction.origin(plan.rpcUrl());
        try (EvmChainClient origin = SimulationRpc.connect("source", plan.rpcUrl())) {
            return run(plan, progress, origin, where, pool);
        }
    }

    private SafetyReport run(
            SimulationPlan plan, Consumer<String> progress, ChainClient origin, String where, ForkPool pool) {
        long chainId;
        long forkBlock;
        List<ProposalUnderTest> proposals = new ArrayList<>();
        try {
            List<RpcResult> head = origin.batch(List.of(RpcCall.of("eth_chainId"), RpcCall.of("eth_blockNumber")));
            chainId = Long.decode(head.get(0).orThrow().asText());
            long latest = Long.decode(head.get(1).orThrow().asText());
            if (plan.forkBlock() > latest) {
                throw new UserFacingException(
                        "--block: " + plan.forkBlock() + " is after the chain's latest block " + latest, 2, null);
            }
            forkBlock = plan.forkBlock() < 0 ? latest : plan.forkBlock();
            ProposalLoader loader = new ProposalLoader(origin, forkBlock, chainId);
            for (ProposalSource source : plan.proposals()) {
                proposals.add(
                        switch (source) {
                            case ProposalSource.Existing x -> {
                                progress.accept(
                                        "reading proposal " + x.proposalId() + " from governor " + x.governor());
                                yield loader.load(x.governor(), x.proposalId());
                            }
                            case ProposalSource.Draft d -> {
                                if (d.chainId() != 0 && d.chainId() != chainId) {
                                    throw new UserFacingException(
                                            "--draft: the draft is for chain " + d.chainId() + " but --rpc serves "
                                                    + "chain " + chainId,
                                            2,
                                            null);
                                }
                                String executor = d.executor() != null ? d.executor() : loader.executor(d.governor());
                                yield ProposalUnderTest.draft(
                                        chainId, d.governor(), executor, d.description(), d.actions());
                            }
                        });
            }
        } catch (ChainUnavailableException e) {
            throw new SimulationException(
                    "cannot reach the chain at " + where + " (" + e.getCause().getMessage()
                            + "); check --rpc and that the node is running",
                    e);
        } catch (RpcErrorException | NumberFormatException e) {
            throw new SimulationException("the chain at " + where + " could not be read: " + e.getMessage(), e);
        }

        progress.accept("forking " + where + " at block " + forkBlock + " (chain id " + chainId + ")");
        if (pool != null) {
            try (ForkPool.Lease fork = pool.lease(plan.rpcUrl(), forkBlock)) {
                return runOnFork(fork.rpcUrl(), origin, forkBlock, chainId, proposals, plan.settings(), progress);
            } catch (RpcErrorException | ChainUnavailableException e) {
                throw new SimulationException("simulation on the fork of " + where + " failed: " + e.getMessage(), e);
            }
        }
        AnvilProcess fork;
        try {
            fork = AnvilProcess.start(AnvilProcess.Options.fork(plan.rpcUrl(), forkBlock)
                    .withExtraArgs(List.of("--block-base-fee-per-gas", "0", "--order", "fifo")));
        } catch (RuntimeException e) {
            throw new SimulationException(
                    "could not start an Anvil fork of " + where + " at block " + forkBlock + ": "
                            + String.valueOf(e.getMessage()).replace(plan.rpcUrl(), where),
                    e);
        }
        try (fork) {
            return runOnFork(fork.rpcUrl(), origin, forkBlock, chainId, proposals, plan.settings(), progress);
        } catch (RpcErrorException | ChainUnavailableException e) {
            throw new SimulationException("simulation on the fork of " + where + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs already-loaded proposals on a running fork (zero base fee) of the chain {@code origin} reads; the fork is
     * left in the state after the last proposal. Used by {@link #run} and by callers that manage their own fork.
     */
    public SafetyReport runOnFork(
            String forkRpcUrl,
            String sourceRpcUrl,
            long forkBlock,
            long chainId,
            List<ProposalUnderTest> proposals,
            CheckSettings settings,
            Consumer<String> progress) {
        try (EvmChainClient source = SimulationRpc.connect("source", sourceRpcUrl)) {
            return runOnFork(forkRpcUrl, source, forkBlock, chainId, proposals, settings, progress);
        }
    }

    private SafetyReport runOnFork(
            String forkRpcUrl,
            ChainClient origin,
            long forkBlock,
            long chainId,
            List<ProposalUnderTest> proposals,
            CheckSettings settings,
            Consumer<String> progress) {
        try (EvmChainClient fork = SimulationRpc.connect("fork", forkRpcUrl)) {
            return runOnFork(fork, origin, forkBlock, chainId, proposals, settings, progress);
        }
    }

    private SafetyReport runOnFork(
            ChainClient fork,
            ChainClient origin,
            long forkBlock,
            long chainId,
            List<ProposalUnderTest> proposals,
            CheckSettings settings,
            Consumer<String> progress) {
        fork.send("anvil_autoImpersonateAccount", true);
        fork.send("evm_setAutomine", false);
        JsonNode block = fork.send("eth_getBlockByNumber", "latest", false);
        BigInteger gas = TrafficWindow.bigOf(block.path("gasLimit")).min(MAX_TX_GAS);
        RpcChainReader forkReader = RpcChainReader.of(fork);
        RpcChainReader source = RpcChainReader.of(origin);
        EvidenceCollector collector = new EvidenceCollector(fork, forkReader, abis, Errors.DECODER, gas);
        GovernorPath governorPath = new GovernorPath(fork, Errors.DECODER, gas);
        List<SimulatedProposal> outcomes = new ArrayList<>();
        for (int i = 0; i < proposals.size(); i++) {
            ProposalUnderTest p = proposals.get(i);
            String tag = proposals.size() > 1 ? "proposal " + (i + 1) + "/" + proposals.size() + ": " : "";
            Consumer<String> tagged = line -> progress.accept(tag + line);
            SimulationEvidence evidence = null;
            String note = null;
            if (p.governor() != null && p.kind() != ProposalUnderTest.Kind.GOVERNOR_BRAVO) {
                tagged.accept("executing " + p.actions().size() + " action(s) through governor " + p.governor());
                switch (governorPath.run(p, tagged)) {
                    case GovernorPath.Executed x -> {
                        evidence = collector.fromGovernorExecution(
                                i, p, forkBlock, x.preBlock(), x.executorBalanceBefore(), x.executeTx(), source);
                        if (!evidence.executed()
                                && !fork.send("evm_revert", x.snapshot()).asBoolean()) {
                            throw new IllegalStateException("the fork refused to revert to snapshot " + x.snapshot());
                        }
                    }
                    case GovernorPath.Unavailable u -> {
                        note = DIRECT_WARNING + " (" + u.reason() + ")";
                        tagged.accept("warning: " + note);
                    }
                }
            }
            if (evidence == null) {
                tagged.accept("executing " + p.actions().size() + " action(s) as " + p.executor());
                evidence = collector.execute(i, p, forkBlock, source, tagged);
            }
            List<CheckResult> results =
                    checks.evaluate(evidence, settings, check -> progress.accept(tag + "check " + check.id()));
            outcomes.add(new SimulatedProposal(
                    evidence,
                    results,
                    note == null && p.governor() != null && p.kind() != ProposalUnderTest.Kind.GOVERNOR_BRAVO
                            ? SimulatedProposal.Execution.GOVERNOR
                            : SimulatedProposal.Execution.DIRECT,
                    note));
        }
        Map<String, String> titles = new LinkedHashMap<>();
        checks.checks().forEach(c -> titles.put(c.id(), c.title()));
        String canonical = ReportWriter.canonical(chainId, forkBlock, outcomes, titles);
        return new SafetyReport(chainId, forkBlock, outcomes, titles, canonical, ReportWriter.hash(canonical));
    }
}
