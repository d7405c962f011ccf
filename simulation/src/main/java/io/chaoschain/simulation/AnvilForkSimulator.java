package io.chaoschain.simulation;

import io.chaoschain.chains.ChainClient;
import io.chaoschain.chains.ChainUnavailableException;
import io.chaoschain.chains.EvmChainClient;
import io.chaoschain.chains.Redaction;
import io.chaoschain.chains.RpcCall;
import io.chaoschain.chains.RpcErrorException;
import io.chaoschain.chains.RpcResult;
import io.chaoschain.chains.anvil.AnvilProcess;
import io.chaoschain.core.simulation.MetricProbe;
import io.chaoschain.core.simulation.ProposalSimulator;
import io.chaoschain.core.simulation.SimulationException;
import io.chaoschain.core.simulation.SimulationReport;
import io.chaoschain.core.simulation.SimulationReport.ReplayOutcome;
import io.chaoschain.core.simulation.SimulationReport.StateChange;
import io.chaoschain.core.simulation.SimulationRequest;
import io.chaoschain.simulation.checks.CheckRegistry;
import io.chaoschain.simulation.checks.CheckResult;
import io.chaoschain.simulation.checks.CheckSettings;
import io.chaoschain.simulation.decode.AbiResolver;
import io.chaoschain.simulation.evidence.ProposalUnderTest;
import io.chaoschain.simulation.evidence.SimulationEvidence;
import io.chaoschain.simulation.internal.CanonicalJson;
import io.chaoschain.simulation.internal.ErrorDecoder;
import io.chaoschain.simulation.internal.EvidenceCollector;
import io.chaoschain.simulation.internal.ForkSession;
import io.chaoschain.simulation.internal.ReportWriter;
import io.chaoschain.simulation.internal.RpcChainReader;
import io.chaoschain.simulation.internal.SimulationRpc;
import io.chaoschain.simulation.internal.TrafficWindow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates proposals on a local Anvil fork of their chain, against a replay of the chain's recent traffic.
 *
 * <p>For a sweep ({@link #simulateAll}) a fork is started at {@code replayToBlock}, the state after the replay
 * window; with {@code parallelForks} above one the candidates are split, in order, across that many forks started
 * at the same block and run concurrently, each doing the baseline and its candidates as below, so the reports are
 * the same as on one fork. The window's transactions (those sent to {@code replayTargets}) are read from the origin chain and, in
 * every run, resent on the fork from their original senders (impersonated) with the same value, input and gas limit,
 * those of one origin block mined together in one fork block, re-timed as the next window of similar traffic (see
 * {@link TrafficWindow}). Blocks are mined explicitly ({@code evm_mine}) rather than by Anvil's automine, which
 * answers {@code eth_sendTransaction} before the block exists.
 * <ol>
 *   <li>baseline: replay the traffic, read the probes ({@code metricsBefore}), revert the fork;
 *   <li>per request: execute the actions from the impersonated executor, trace the storage they wrote, replay the
 *       same traffic, read the probes ({@code metricsAfter}), revert the fork.
 * </ol>
 * Every request therefore starts from the same state and meets the same traffic. A timelock executes a proposal
 * atomically, so when an action reverts, the later actions are not run, the proposal's effects are discarded
 * before the replay and no state changes are reported.
 *
 * <p>Replay and actions are sent with gas price 0 on a fork with zero base fee: gas costs neither block a replay
 * nor move balances, and with every block's timestamp set explicitly the report, transaction hashes included, is a
 * function of the origin chain's state and the requests only. Reverts are decoded from the transactions' revert
 * data: {@code Error(string)}, {@code Panic(uint256)} and custom errors of the ChaosChain contracts by name.
 *
 * <p>Nothing is ever sent to the origin chain: it is only read (blocks of the window; the fork reads its state).
 * The fork processes are stopped when the call returns or fails; one failing fork stops the others. {@code replayFromBlock == replayToBlock == 0} means
 * no replay: the fork is then taken at the origin's latest block.
 *
 * <p>The executor is impersonated (Anvil's auto-impersonation) and its balance is raised only when it cannot cover
 * the ETH the actions send. State changes come from {@code debug_traceTransaction} with the {@code prestateTracer}
 * in diff mode (supported by Anvil 1.x), which names the slots written; their values before the proposal (at the
 * fork block) and after it are read with {@code eth_getStorageAt}, so the report holds net changes.
 *
 * <p>Instances are thread-safe; concurrent calls use separate forks. Each chain is reached through one chain client
 * ({@link SimulationRpc}) with pooled keep-alive connections, closed when the call returns.
 */
public final class AnvilForkSimulator implements ProposalSimulator {
    private static final Logger LOG = LoggerFactory.getLogger(AnvilForkSimulator.class);

    private static final BigInteger MAX_TX_GAS = BigInteger.TWO.pow(24);

    private final CheckRegistry checks;
    private final CheckSettings settings;
    private final int parallelForks;
    private final Supplier<ForkPool> warmForks;

    /** Runs the built-in and ServiceLoader-registered safety checks with default settings. */
    public AnvilForkSimulator() {
        this(CheckRegistry.discover(), CheckSettings.defaults());
    }

    /**
     * @param checks the safety checks run on each request's execution (those of {@code chaoschain simulate})
     * @param settings their thresholds and allowlists
     */
    public AnvilForkSimulator(CheckRegistry checks, CheckSettings settings) {
        this(checks, settings, 0);
    }

    /**
     * @param checks the safety checks run on each request's execution (those of {@code chaoschain simulate})
     * @param settings their thresholds and allowlists
     * @param parallelForks how many forks a sweep may run at once; 1 runs every candidate on one fork, 0 picks
     *     {@link #defaultParallelForks()}; never more forks than candidates
     */
    public AnvilForkSimulator(CheckRegistry checks, CheckSettings settings, int parallelForks) {
        this(checks, settings, parallelForks, () -> null);
    }

    /**
     * @param warmForks the pool to lease forks from (a node's warm forks), or a supplier of null to start a new Anvil
     *     process per fork; asked once per sweep
     * @see #AnvilForkSimulator(CheckRegistry, CheckSettings, int)
     */
    public AnvilForkSimulator(
            CheckRegistry checks, CheckSettings settings, int parallelForks, Supplier<ForkPool> warmForks) {
        if (parallelForks < 0) {
            throw new IllegalArgumentException("parallelForks must be 0 (automatic) or more, not " + parallelForks);
        }
        this.checks = checks;
        this.settings = settings;
        this.parallelForks = parallelForks;
        this.warmForks = warmForks;
    }

    /** The contracts' error ABIs, parsed once per JVM on first use. */
    private static final class Errors {
        static final ErrorDecoder DECODER = ErrorDecoder.fromClasspath();
    }

    @Override
    public List<SimulationReport> simulateAll(List<SimulationRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        SimulationRequest first = requests.getFirst();
        checkSameWindow(requests);
        String where = Redaction.origin(first.rpcUrl());
        long chainId;
        TrafficWindow window;
        try (EvmChainClient origin = SimulationRpc.connect("origin", first.rpcUrl())) {
            List<RpcResult> head = origin.batch(List.of(RpcCall.of("eth_chainId"), RpcCall.of("eth_blockNumber")));
            chainId = Long.decode(head.get(0).orThrow().asText());
            long latest = Long.decode(head.get(1).orThrow().asText());
            if (first.replayToBlock() > latest) {
                throw new SimulationException("the replay window ends at block " + first.replayToBlock()
                        + " but the chain at " + where + " is only at block " + latest);
            }
            window = TrafficWindow.load(
                    origin,
                    first.replayFromBlock(),
                    first.replayToBlock(),
                    latest,
                    new HashSet<>(first.replayTargets()));
        } catch (ChainUnavailableException e) {
            throw new SimulationException(
                    "cannot reach the chain to simulate on at " + where + " ("
                            + e.getCause().getMessage() + "); check the RPC URL and that the node is running",
                    e);
        } catch (RpcErrorException | IllegalStateException | NumberFormatException e) {
            throw new SimulationException(
                    "the chain at " + where + " could not be read for simulation: " + e.getMessage(), e);
        }

        List<MetricProbe> allProbes = distinctProbes(requests);
        List<List<Integer>> plan = plan(requests.size(), forksFor(requests.size()));
        Sweep sweep = new Sweep(requests, window, chainId, where, allProbes, plan.size(), warmForks.get());
        if (plan.size() == 1) {
            return List.copyOf(runOnFork(sweep, 0, plan.getFirst(), () -> false, fork -> {}));
        }
        return runInParallel(sweep, plan);
    }

    /** What every fork of one sweep shares. */
    private record Sweep(
            List<SimulationRequest> requests,
            TrafficWindow window,
            long chainId,
            String where,
            List<MetricProbe> allProbes,
            int forks,
            ForkPool pool) {}

    /** The number of forks for a sweep of this many candidates: the configured count, never more than candidates. */
    int forksFor(int candidates) {
        int wanted = parallelForks > 0 ? parallelForks : defaultParallelForks();
        return Math.max(1, Math.min(wanted, candidates));
    }

    /** Half the processors, at least one: each fork is an Anvil process that replays the window on its own. */
    public static int defaultParallelForks() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Request indices per fork: contiguous runs of near-equal length, in request order. */
    static List<List<Integer>> plan(int candidates, int forks) {
        List<List<Integer>> chunks = new ArrayList<>(forks);
        int start = 0;
        for (int f = 0; f < forks; f++) {
            int size = candidates / forks + (f < candidates % forks ? 1 : 0);
            List<Integer> chunk = new ArrayList<>(size);
            for (int i = start; i < start + size; i++) {
                chunk.add(i);
            }
            chunks.add(List.copyOf(chunk));
            start += size;
        }
        return List.copyOf(chunks);
    }

    /**
     * Runs each chunk of the sweep on its own fork, all forks at the same block, concurrently. The first failure
     * stops every fork (their processes are closed, which ends their runs) and is rethrown once all have ended.
     */
    private List<SimulationReport> runInParallel(Sweep sweep, List<List<Integer>> plan) {
        Set<Runnable> live = ConcurrentHashMap.newKeySet();
        AtomicBoolean aborted = new AtomicBoolean();
        SimulationReport[] reports = new SimulationReport[sweep.requests().size()];
        RuntimeException failure = null;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletionService<Integer> done = new ExecutorCompletionService<>(executor);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int f = 0; f < plan.size(); f++) {
                int fork = f;
                futures.add(done.submit(() -> {
                    List<SimulationReport> out = runOnFork(sweep, fork, plan.get(fork), aborted::get, live::add);
                    for (int i = 0; i < out.size(); i++) {
                        reports[plan.get(fork).get(i)] = out.get(i);
                    }
                    return fork;
                }));
            }
            for (int i = 0; i < plan.size() && failure == null; i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof RuntimeException r
                            ? r
                            : new SimulationException(
                                    "a fork of " + sweep.where() + " failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new SimulationException("the simulation of " + sweep.where() + " was interrupted", e);
                }
                if (failure != null) {
                    // the other forks' runs end with errors once their Anvil is gone; only the first failure is
                    // reported
                    aborted.set(true);
                    live.forEach(Runnable::run);
                    futures.forEach(fu -> fu.cancel(true));
                }
            }
        } finally {
            live.forEach(Runnable::run);
        }
        if (failure != null) {
            throw failure;
        }
        return List.of(reports);
    }

    /**
     * Starts one fork at the window's block and simulates the given requests on it; the fork is closed on return.
     *
     * @param aborted true once the sweep failed elsewhere: a fork started after that is closed at once
     * @param started given a way to stop the fork as soon as it runs, so a failing sweep can close it
     */
    private List<SimulationReport> runOnFork(
            Sweep sweep,
            int fork,
            List<Integer> indices,
            java.util.function.BooleanSupplier aborted,
            java.util.function.Consumer<Runnable> started) {
        TrafficWindow window = sweep.window();
        SimulationRequest first = sweep.requests().getFirst();
        String where = sweep.where();
        String label = sweep.forks() > 1 ? "fork " + (fork + 1) + "/" + sweep.forks() : "fork";
        long t0 = System.nanoTime();
        LOG.info(
                "{}: forking {} at block {} (chain id {}) for {} candidate(s)",
                label,
                where,
                window.forkBlock(),
                sweep.chainId(),
                indices.size());
        if (sweep.pool() != null) {
            try (ForkPool.Lease lease = sweep.pool().lease(first.rpcUrl(), window.forkBlock())) {
                started.accept(lease::discard);
                if (aborted.getAsBoolean()) {
                    throw new SimulationException(
                            label + " of " + where + " stopped: another fork of the sweep failed");
                }
                List<SimulationRequest> mine =
                        indices.stream().map(sweep.requests()::get).toList();
                return run(lease.rpcUrl(), mine, indices, window, sweep.chainId(), first.rpcUrl(), sweep, label);
            } catch (RpcErrorException | ChainUnavailableException e) {
                throw new SimulationException(
                        "simulation on a warm fork of " + where + " at block " + window.forkBlock() + " failed: "
                                + e.getMessage(),
                        e);
            }
        }
        AnvilProcess process;
        try {
            process = AnvilProcess.start(forkOptions(first.rpcUrl(), window.forkBlock()));
        } catch (RuntimeException e) {
            throw new SimulationException(
                    "could not start an Anvil fork of " + where + " at block " + window.forkBlock()
                            + (sweep.forks() > 1 ? " (" + label + ")" : "") + ": "
                            + String.valueOf(e.getMessage()).replace(first.rpcUrl(), where),
                    e);
        }
        // registered before the abort check: either this thread sees the abort or the aborting one sees the fork
        started.accept(process::close);
        try (process) {
            if (aborted.getAsBoolean()) {
                throw new SimulationException(label + " of " + where + " stopped: another fork of the sweep failed");
            }
            long startup = System.nanoTime() - t0;
            List<SimulationRequest> mine =
                    indices.stream().map(sweep.requests()::get).toList();
            List<SimulationReport> out =
                    run(process.rpcUrl(), mine, indices, window, sweep.chainId(), first.rpcUrl(), sweep, label);
            LOG.info(
                    "{}: {} candidate(s) simulated in {} ms (fork start {} ms)",
                    label,
                    indices.size(),
                    (System.nanoTime() - t0) / 1_000_000,
                    startup / 1_000_000);
            return out;
        } catch (RpcErrorException | ChainUnavailableException e) {
            throw new SimulationException(
                    "simulation on the fork of " + where + " at block " + window.forkBlock()
                            + (sweep.forks() > 1 ? " (" + label + ")" : "") + " failed: " + e.getMessage(),
                    e);
        }
    }

    private List<SimulationReport> run(
            String forkUrl,
            List<SimulationRequest> requests,
            List<Integer> indices,
            TrafficWindow window,
            long chainId,
            String originUrl,
            Sweep sweep,
            String label) {
        try (EvmChainClient forkRpc = SimulationRpc.connect(label, forkUrl);
                EvmChainClient origin = SimulationRpc.connect("origin", originUrl)) {
            return run(forkRpc, origin, requests, indices, window, chainId, sweep.allProbes(), label);
        }
    }

    private List<SimulationReport> run(
            ChainClient forkRpc,
            ChainClient origin,
            List<SimulationRequest> requests,
            List<Integer> indices,
            TrafficWindow window,
            long chainId,
            List<MetricProbe> allProbes,
            String label) {
        ForkSession session = new ForkSession(forkRpc, Errors.DECODER);
        RpcChainReader forkReader = RpcChainReader.of(forkRpc);
        EvidenceCollector collector = new EvidenceCollector(
                forkRpc, forkReader, AbiResolver.bundledOnly(), Errors.DECODER, actionGasLimit(window));
        RpcChainReader source = RpcChainReader.of(origin);
        session.prepare();
        int n = window.transactions().size();
        SimulationRequest first = requests.getFirst();
        LOG.info(
                "{}: replaying {} transactions from blocks {}..{} without the proposal{}",
                label,
                n,
                first.replayFromBlock(),
                first.replayToBlock(),
                window.skipped() > 0 ? " (" + window.skipped() + " blob/7702 txs skipped)" : "");
        String snapshot = session.snapshot();
        ReplayOutcome baseline = session.replay(window.transactions());
        Map<String, BigDecimal> before = session.read(allProbes);
        session.revert(snapshot);
        LOG.info("{}: baseline: {}/{} replayed transactions reverted", label, baseline.reverted(), n);

        List<SimulationReport> reports = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            SimulationRequest request = requests.get(i);
            String tag = label + ": candidate " + (indices.get(i) + 1);
            LOG.info("{}: executing {} action(s) as {}", tag, request.actions().size(), request.executor());
            snapshot = session.snapshot();
            long pre = Long.decode(forkRpc.send("eth_blockNumber").asText());
            BigInteger executorBalance =
                    TrafficWindow.bigOf(forkRpc.send("eth_getBalance", request.executor(), "latest"));
            ForkSession.Execution execution = session.execute(
                    request.actions(), request.executor(), window.forkTimestamp() + 1, actionGasLimit(window));
            SimulationReport.Safety safety =
                    safety(collector, request, execution, chainId, window.forkBlock(), pre, executorBalance, source);
            List<StateChange> changes;
            if (execution.allSucceeded()) {
                changes = session.stateChanges(execution.succeededTxs(), window.forkBlock());
            } else {
                changes = List.of();
                session.revert(snapshot);
                snapshot = session.snapshot();
            }
            LOG.info(
                    "{}: {}; replaying {} transactions",
                    tag,
                    execution.allSucceeded()
                            ? "actions succeeded, " + changes.size() + " storage slots changed"
                            : "proposal reverted: " + firstFailure(execution),
                    n);
            ReplayOutcome withProposal = session.replay(window.transactions());
            Map<String, BigDecimal> after = session.read(request.probes());
            session.revert(snapshot);
            LOG.info(
                    "{}: {}/{} replayed transactions reverted (baseline {})",
                    tag,
                    withProposal.reverted(),
                    n,
                    baseline.reverted());
            Map<String, BigDecimal> metricsBefore = new LinkedHashMap<>();
            request.probes().forEach(p -> metricsBefore.put(p.name(), before.get(p.name())));
            reports.add(withHash(new SimulationReport(
                    window.forkBlock(),
                    chainId,
                    execution.outcomes(),
                    baseline,
                    withProposal,
                    Collections.unmodifiableMap(metricsBefore),
                    after,
                    changes,
                    safety,
                    null)));
        }
        return List.copyOf(reports);
    }

    /**
     * Runs the safety checks over the executed actions, as {@code chaoschain simulate} would over a draft with this
     * executor, and summarises them; the full report's hash goes into this report's hash.
     */
    private SimulationReport.Safety safety(
            EvidenceCollector collector,
            SimulationRequest request,
            ForkSession.Execution execution,
            long chainId,
            long forkBlock,
            long pre,
            BigInteger executorBalance,
            RpcChainReader source) {
        List<String> hashes = new ArrayList<>();
        String rejection = null;
        for (SimulationReport.ActionOutcome o : execution.outcomes()) {
            if (o.txHash() != null) {
                hashes.add(o.txHash());
            } else if (rejection == null
                    && o.revertReason() != null
                    && o.revertReason().startsWith("rejected")) {
                rejection = o.revertReason();
                break;
            } else {
                break;
            }
        }
        ProposalUnderTest proposal = ProposalUnderTest.draft(chainId, null, request.executor(), "", request.actions());
        SimulationEvidence evidence =
                collector.fromTransactions(0, proposal, forkBlock, pre, executorBalance, hashes, rejection, source);
        List<CheckResult> results = checks.evaluate(evidence, settings, check -> {});
        Map<String, String> titles = new LinkedHashMap<>();
        checks.checks().forEach(c -> titles.put(c.id(), c.title()));
        SimulatedProposal outcome = new SimulatedProposal(evidence, results);
        String canonical = ReportWriter.canonical(chainId, forkBlock, List.of(outcome), titles);
        return new SimulationReport.Safety(
                outcome.risk(),
                ReportWriter.hash(canonical),
                results.stream()
                        .map(r -> new SimulationReport.Check(r.id(), r.status().label(), r.summary()))
                        .toList());
    }

    /**
     * The canonical JSON a report's hash is computed over: {@code reportHash} is keccak256 of this string's UTF-8
     * bytes, written {@code 0x} + 64 lower-case hex digits, so anyone holding a report can recompute it.
     *
     * <p>Format, following the RFC 8785 JSON Canonicalization Scheme conventions:
     * <ul>
     *   <li>one object with every report component except {@code reportHash}: {@code chainId}, {@code forkBlock}
     *       (numbers); {@code actions} (array, execution order) of objects {@code gasUsed} (number),
     *       {@code revertReason} (string or null), {@code selector}, {@code success} (boolean), {@code target},
     *       {@code txHash} (string or null); {@code baseline} and {@code withProposal}, objects
     *       {@code revertReasons} (object: reason to count), {@code reverted}, {@code transactions};
     *       {@code metricsBefore} and {@code metricsAfter} (object: metric name to decimal string);
     *       {@code stateChanges} (array, report order) of objects {@code after}, {@code before}, {@code contract},
     *       {@code slot}; and, when safety checks ran, {@code safety}: an object {@code checks} (array of objects
     *       {@code id}, {@code status}, {@code summary}), {@code reportHash} (the full safety report's hash, see
     *       docs/simulation.md) and {@code risk};
     *   <li>object keys sorted by UTF-16 code units ({@link String#compareTo}) at every level; arrays keep order;
     *   <li>no whitespace; integers as plain decimal JSON numbers;
     *   <li>metric values ({@link BigDecimal}) as JSON strings in plain notation without exponent and without
     *       trailing fractional zeros: {@code "0.75"}, {@code "12"}, {@code "0"};
     *   <li>strings escaped as RFC 8785 prescribes: {@code \"}, {@code \\}, {@code \b \f \n \r \t}, other control
     *       characters as {@code \}{@code u00xx} with lower-case hex; every other character literal, UTF-8 encoded.
     * </ul>
     * Example: {@code {"actions":[{"gasUsed":41234,"revertReason":null,...}],"baseline":{"revertReasons":{},
     * "reverted":0,"transactions":12},"chainId":31337,...}}.
     */
    public static String canonicalJson(SimulationReport report) {
        return CanonicalJson.of(report);
    }

    /** keccak256 of {@link #canonicalJson}, as {@code reportHash} holds it. */
    public static String reportHash(SimulationReport report) {
        return CanonicalJson.hash(report);
    }

    private static SimulationReport withHash(SimulationReport r) {
        return new SimulationReport(
                r.forkBlock(),
                r.chainId(),
                r.actions(),
                r.baseline(),
                r.withProposal(),
                r.metricsBefore(),
                r.metricsAfter(),
                r.stateChanges(),
                r.safety(),
                CanonicalJson.hash(r));
    }

    /** The fork block's gas limit, capped at EIP-7825's per-transaction maximum (Osaka rejects anything above). */
    private static BigInteger actionGasLimit(TrafficWindow window) {
        return window.gasLimit().min(MAX_TX_GAS);
    }

    private static String firstFailure(ForkSession.Execution execution) {
        return execution.outcomes().stream()
                .filter(o -> !o.success())
                .findFirst()
                .map(SimulationReport.ActionOutcome::revertReason)
                .orElse("?");
    }

    private static void checkSameWindow(List<SimulationRequest> requests) {
        SimulationRequest first = requests.getFirst();
        for (SimulationRequest r : requests) {
            if (!r.rpcUrl().equals(first.rpcUrl())
                    || r.replayFromBlock() != first.replayFromBlock()
                    || r.replayToBlock() != first.replayToBlock()
                    || !Set.copyOf(r.replayTargets()).equals(Set.copyOf(first.replayTargets()))) {
                throw new IllegalArgumentException(
                        "all requests of one simulateAll call must share rpcUrl, replay window and replay targets");
            }
        }
    }

    /** Every request's probes, once each; the baseline reads them all. Same name, different probe is an error. */
    private static List<MetricProbe> distinctProbes(List<SimulationRequest> requests) {
        Map<String, MetricProbe> byName = new LinkedHashMap<>();
        for (SimulationRequest r : requests) {
            for (MetricProbe p : r.probes()) {
                MetricProbe known = byName.putIfAbsent(p.name(), p);
                if (known != null && !known.equals(p)) {
                    throw new IllegalArgumentException("two different metric probes are named '" + p.name() + "'");
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static AnvilProcess.Options forkOptions(String rpcUrl, long block) {
        // zero base fee: replays and actions go with gas price 0, so senders' ETH neither limits nor changes;
        // fifo: transactions of one replayed block are mined in the order they were sent, the origin's order
        return AnvilProcess.Options.fork(rpcUrl, block)
                .withExtraArgs(List.of("--block-base-fee-per-gas", "0", "--order", "fifo"));
    }
}
